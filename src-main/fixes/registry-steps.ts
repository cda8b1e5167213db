/** Registry fixes as data: a snapshot of the changed values before, `reg add` to change, exact restore of the old values to undo (docs/windows.md#what-each-fix-changes). */
import { z } from 'zod';
import type { ApplyAction, BackupAction, UndoAction } from './types';
import { lazySchema } from '../shared/lazy-schema';

// Records exactly the values the fix changes: kind and value, or absent. A `reg export` of the whole key (the
// Terminal Server tree, SCHANNEL) failed on restricted subkeys and saved far more than the fix touches.
const SNAPSHOT = String.raw`
$path = 'Registry::' + [string]$RdpDoctorData.regKey
$r = [ordered]@{ regKey = [string]$RdpDoctorData.regKey; keyExists = [bool](Test-Path -LiteralPath $path); values = @(); policy = @() }
if ($r.keyExists) {
  $item = Get-Item -LiteralPath $path
  foreach ($n in @($RdpDoctorData.names)) {
    $v = $item.GetValue([string]$n, $null, 'DoNotExpandEnvironmentNames')
    $kind = $null; if ($null -ne $v) { $kind = [string]$item.GetValueKind([string]$n) }
    $r.values += [pscustomobject]@{ name = [string]$n; exists = ($null -ne $v); kind = $kind; value = $v }
  }
} else {
  foreach ($n in @($RdpDoctorData.names)) { $r.values += [pscustomobject]@{ name = [string]$n; exists = $false; kind = $null; value = $null } }
}
if ($RdpDoctorData.policyKey) {
  $pp = 'Registry::' + [string]$RdpDoctorData.policyKey
  if (Test-Path -LiteralPath $pp) {
    $pi = Get-Item -LiteralPath $pp
    foreach ($n in @($RdpDoctorData.names)) { $pv = $pi.GetValue([string]$n, $null); if ($null -ne $pv) { $r.policy += [pscustomobject]@{ name = [string]$n; value = $pv } } }
  }
}
[pscustomobject]$r | ConvertTo-Json -Depth 4 -Compress
`;

// reg add, one value at a time; the values are data, reg.exe gets them as separate arguments.
const SET_VALUES = String.raw`
foreach ($v in @($RdpDoctorData.values)) {
  & "$env:SystemRoot\System32\reg.exe" add ([string]$RdpDoctorData.regKey) /v ([string]$v.name) /t REG_DWORD /d ([string]$v.value) /f | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "reg add $($v.name) failed (exit $LASTEXITCODE)" }
}
[pscustomobject]@{ set = @($RdpDoctorData.values).Count } | ConvertTo-Json -Compress
`;

// Puts every value back exactly: re-creates values that existed, deletes ones that did not, removes a key we created if it is empty.
const RESTORE_VALUES = String.raw`
$b = $RdpDoctorData.backup
if ($null -eq $b) { throw 'No registry snapshot was recorded, so there is nothing to restore.' }
$path = 'Registry::' + [string]$b.regKey
foreach ($v in @($b.values)) {
  if ($v.exists) {
    if (-not (Test-Path -LiteralPath $path)) { New-Item -Path $path -Force | Out-Null }
    New-ItemProperty -LiteralPath $path -Name ([string]$v.name) -PropertyType ([string]$v.kind) -Value $v.value -Force | Out-Null
  } elseif (Test-Path -LiteralPath $path) {
    Remove-ItemProperty -LiteralPath $path -Name ([string]$v.name) -ErrorAction SilentlyContinue
  }
}
if (-not $b.keyExists -and (Test-Path -LiteralPath $path)) {
  $k = Get-Item -LiteralPath $path
  if ($k.ValueCount -eq 0 -and $k.SubKeyCount -eq 0) { Remove-Item -LiteralPath $path }
}
[pscustomobject]@{ restored = @($b.values).Count } | ConvertTo-Json -Compress
`;

/** Constant registry scripts, exported for tests that assert exact text. */
export const REGISTRY_SCRIPTS = { SNAPSHOT, SET_VALUES, RESTORE_VALUES } as const;

/** What a registry fix changes. */
export interface RegistryChange {
  /** `HKLM\…` as reg.exe spells it. */
  readonly regKey: string;
  readonly values: readonly { readonly name: string; readonly value: number }[];
  /** The Group Policy key whose copy of these values would override the change. */
  readonly policyKey?: string;
  /** True for HKLM writes (UAC). */
  readonly elevated: boolean;
}

// What reg.exe and the registry provider can hold; a snapshot records whatever the value was before.
const KINDS = ['DWord', 'QWord', 'String', 'ExpandString', 'MultiString', 'Binary'] as const;
const VALUE = lazySchema(() => z.union([z.number().finite(), z.string().max(4096), z.array(z.union([z.number().finite(), z.string().max(4096)])).max(1024)]).nullable());

/**
 * What a snapshot of `change` may say before RESTORE_VALUES acts on it: the very key the fix changes and only the
 * values it changes (a journal naming another key or value is not this fix's backup, and nothing runs).
 */
export function registrySnapshotSchema(change: RegistryChange): z.ZodType {
  const names = change.values.map((v) => v.name);
  return z.object({
    regKey: z.literal(change.regKey),
    keyExists: z.boolean(),
    values: z
      .array(z.object({ name: z.enum(names as [string, ...string[]]), exists: z.boolean(), kind: z.enum(KINDS).nullable(), value: VALUE }))
      .max(names.length)
      .refine((list) => new Set(list.map((v) => v.name)).size === list.length, 'each value once')
      .refine((list) => list.every((v) => !v.exists || v.kind !== null), 'an existing value has a kind'),
  });
}

/** Backup, apply and undo steps of one registry change. */
export function registrySteps(change: RegistryChange): { backups: BackupAction[]; apply: ApplyAction[]; undo: UndoAction[] } {
  const names = change.values.map((v) => v.name);
  const shown = change.values.map((v) => `${v.name}=${v.value}`).join(', ');
  return {
    backups: [
      {
        kind: 'script',
        name: 'registry-snapshot',
        description: `Record ${names.join(', ')} under ${change.regKey} as they are now (value and kind, or that a value is absent)`,
        script: SNAPSHOT,
        data: { regKey: change.regKey, names, policyKey: change.policyKey ?? null },
        elevation: 'none',
      },
    ],
    apply: [
      {
        kind: 'script',
        name: 'registry-set',
        description: `Set ${shown} under ${change.regKey} (reg add … /t REG_DWORD /f)`,
        script: SET_VALUES,
        data: { regKey: change.regKey, values: change.values },
        elevation: change.elevated ? 'always' : 'none',
      },
    ],
    undo: [
      {
        kind: 'script',
        name: 'registry-restore',
        description: `Put ${names.join(', ')} under ${change.regKey} back exactly as recorded (values that did not exist are deleted again)`,
        script: RESTORE_VALUES,
        data: {},
        elevation: change.elevated ? 'always' : 'none',
        withBackup: 'registry-snapshot',
        backupSchema: registrySnapshotSchema(change),
      },
    ],
  };
}

/** Values a Group Policy sets for the same names, read from a snapshot's output (empty when none or unreadable). */
export function policyOverrides(snapshotOutput: string | undefined): string[] {
  try {
    const parsed = JSON.parse(snapshotOutput ?? '') as { policy?: { name?: unknown; value?: unknown }[] };
    return (parsed.policy ?? []).map((p) => `${String(p.name)}=${String(p.value)}`);
  } catch {
    return [];
  }
}
