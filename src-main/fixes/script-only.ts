/** Builds the copyable PowerShell script for a fix that must run on another computer, with its own -Undo from the saved backup. */
import type { ParsedTarget } from '../shared/target';
import { FIX_META } from '../shared/catalog';
import type { FixId } from '../shared/ids';
import { COLLECTOR_SCRIPTS } from '../windows/scripts';
import { toFixPlan } from './plan';
import { dataLine, psQuote, renderBlock } from './powershell-text';
import type { FixDefinition, PreparedFix, ScriptAction } from './types';

function comment(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => `# ${l}`)
    .join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Where a copyable script keeps its backups on the other computer: one fresh folder per fix run. */
export function copyableBackupDir(id: string): string {
  return `%ProgramData%\\RDP Doctor\\backups\\${id}`;
}

/** Everything the script header says. */
export interface ScriptHeader {
  readonly fixId: FixId;
  readonly host: string;
  readonly where: 'host' | 'client';
  readonly needsElevation: boolean;
  readonly securityCost: string | null;
  readonly backupDir: string;
}

/** The whole .ps1 text: instructions, backups saved to backup.json, the change, and `-Undo` that reads backup.json. */
export function buildRemoteScript(header: ScriptHeader, prepared: PreparedFix): string {
  const meta = FIX_META[header.fixId];
  const where =
    header.where === 'host' ? `the remote computer ${header.host}` : `the Windows computer you connect from (the one that shows the error when connecting to ${header.host})`;
  const lines: string[] = [
    comment(
      [
        `RDP Doctor — ${meta.title} (${header.fixId})`,
        `Run this on ${where}, in Windows PowerShell${header.needsElevation ? ' opened with "Run as administrator"' : ''}:`,
        `  powershell -ExecutionPolicy Bypass -File .\\rdp-doctor-${header.fixId}.ps1`,
        'What it changes:',
        ...prepared.apply.map((a) => `  - ${a.description}`),
        ...(header.securityCost ? ['SECURITY:', `  ${header.securityCost}`] : []),
        ...prepared.notes.map((n) => `Note: ${n}`),
        `Backups go to ${header.backupDir}. To undo, run the same script with -Undo.`,
      ].join('\n'),
    ),
    'param([switch]$Undo)',
    "$ErrorActionPreference = 'Stop'",
    `$RdpDoctorBackupDir = [Environment]::ExpandEnvironmentVariables(${psQuote(header.backupDir)})`,
    "$RdpDoctorBackupFile = Join-Path $RdpDoctorBackupDir 'backup.json'",
    'if ($Undo) {',
    "  if (-not (Test-Path -LiteralPath $RdpDoctorBackupFile)) { throw 'No backup found; the fix was not applied from this script.' }",
    '  $RdpDoctorBackup = Get-Content -LiteralPath $RdpDoctorBackupFile -Raw | ConvertFrom-Json',
  ];
  for (const action of prepared.undo) {
    if (action.kind === 'note') lines.push(indent(comment(action.description)), `  Write-Host ${psQuote(action.description)}`);
    else if (action.kind === 'script') {
      lines.push(indent(`# ${action.description}`), indent(dataLine(action.data)));
      if (action.withBackup) {
        lines.push(`  $RdpDoctorData | Add-Member -NotePropertyName backup -NotePropertyValue ($RdpDoctorBackup.${psQuote(action.withBackup)} | ConvertFrom-Json) -Force`);
      }
      lines.push(indent(`& {\n${indent(action.script.trim())}\n}`));
    }
  }
  lines.push(
    // The backup is kept under another name, so undo cannot run twice from it and a later run may back up afresh.
    "  $RdpDoctorUndone = Join-Path $RdpDoctorBackupDir ('backup.undone-' + (Get-Date -Format 'yyyyMMddTHHmmss') + '.json')",
    '  Move-Item -LiteralPath $RdpDoctorBackupFile -Destination $RdpDoctorUndone',
    "  Write-Host ('Undone. The backup used is kept as ' + $RdpDoctorUndone)",
    '  return',
    '}',
    // A second run would overwrite the backup of the first with the already-changed state, and undo would restore that.
    'if (Test-Path -LiteralPath $RdpDoctorBackupFile) {',
    "  throw ('This script already ran here: its backup is ' + $RdpDoctorBackupFile + '. Nothing was changed now. To start over, run it with -Undo first; the first backup is kept.')",
    '}',
    'New-Item -ItemType Directory -Force -Path $RdpDoctorBackupDir | Out-Null',
    '$RdpDoctorBackup = [ordered]@{}',
  );
  for (const action of prepared.backups) {
    if (action.kind === 'copy-file') continue;
    const script: ScriptAction =
      action.kind === 'collect'
        ? { kind: 'script', name: action.name, description: action.description, script: COLLECTOR_SCRIPTS[action.collector]?.script ?? '', data: {}, elevation: 'none' }
        : action;
    lines.push(
      renderBlock(script, script.data, `$RdpDoctorBackup[${psQuote(action.name)}]`),
      `$RdpDoctorBackup[${psQuote(action.name)}] = ($RdpDoctorBackup[${psQuote(action.name)}] | Out-String).Trim()`,
    );
  }
  lines.push('$RdpDoctorBackup | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $RdpDoctorBackupFile -Encoding UTF8');
  for (const action of prepared.apply) if (action.kind === 'script') lines.push(renderBlock(action));
  lines.push(`Write-Host ${psQuote(`Done. Back on the computer running RDP Doctor, run the diagnosis again to verify. Undo: run this script with -Undo.`)}`);
  return `${lines.join('\n')}\n`;
}

/** The copyable script the app hands out when `def` must run on another computer (what the user is asked to run). */
export function copyableScript(def: FixDefinition, target: ParsedTarget, prepared: PreparedFix, backupDir: string): string {
  const plan = toFixPlan(def, target, prepared, 'script', null);
  const where = FIX_META[def.id].scope === 'host' ? 'host' : 'client';
  return buildRemoteScript({ fixId: def.id, host: target.host, where, needsElevation: plan.needsElevation, securityCost: plan.securityCost, backupDir }, prepared);
}
