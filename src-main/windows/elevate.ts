/**
 * Runs ONE constant script elevated through UAC, never the app itself: a normal runner call starts powershell with
 * the `runas` verb and waits, the inner script as -EncodedCommand; the elevated script writes its output as JSON to a
 * file in a fresh private temp folder, which this module reads and deletes.
 */
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WindowsCollectorError, classifyStderr, describeFailure, isWindowsCollectorError } from './errors';
import { QUIET_STREAMS, buildPowerShellInvocation, encodeCommand, runPowerShell, type InvocationRunner, type PowerShellInvocation } from './powershell-runner';

/**
 * Start of the elevated script. The elevated process does not inherit our environment, so its request
 * travels inside the encoded command as a base64 literal: only characters of the base64 alphabet are ever
 * placed between the quotes (asserted), so no value can change the script's text.
 */
export const ELEVATED_HEAD = [
  "$ErrorActionPreference = 'Stop'",
  QUIET_STREAMS,
  "$RdpDoctorRequest = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('",
].join('\n');

/** The elevated script's exit code when the app had given up on it before it started: it ran nothing. */
export const TOO_LATE_EXIT_CODE = 3;

/** Rest of the elevated preamble: decode the request, trap errors into the result file, run the script. */
export const ELEVATED_TAIL = [
  "')) | ConvertFrom-Json",
  '$RdpDoctorData = $RdpDoctorRequest.data',
  '$RdpDoctorResultPath = [string]$RdpDoctorRequest.resultPath',
  '$RdpDoctorUtf8 = New-Object System.Text.UTF8Encoding $false',
  // CreateNew: the elevated process never overwrites or follows a file planted at the result path (a link
  // placed there by a non-elevated process would otherwise redirect an administrator's write).
  'function Write-RdpDoctorResult($r) {',
  '  $bytes = $RdpDoctorUtf8.GetBytes((ConvertTo-Json -InputObject $r -Compress))',
  '  $fs = [System.IO.File]::Open($RdpDoctorResultPath, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)',
  '  try { $fs.Write($bytes, 0, $bytes.Length) } finally { $fs.Dispose() }',
  '}',
  // The claim file decides, once, between this step and the app: the first to create it wins. The app creates it when
  // it stops waiting (nobody answered the prompt in time), so a prompt answered later runs nothing.
  'try {',
  '  $RdpDoctorClaim = [System.IO.File]::Open([string]$RdpDoctorRequest.claimPath, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)',
  '  $RdpDoctorClaim.Dispose()',
  `} catch { exit ${TOO_LATE_EXIT_CODE} }`,
  'trap {',
  '  $r = [pscustomobject]@{ ok = $false; category = [string]$_.CategoryInfo.Category; errorId = [string]$_.FullyQualifiedErrorId; message = [string]$_.Exception.Message }',
  '  Write-RdpDoctorResult $r',
  '  exit 1',
  '}',
  '$RdpDoctorOutput = @(& {',
  '',
].join('\n');

/** End of the elevated script: write what the script printed. */
export const ELEVATED_FOOT = ['', '}) -join [Environment]::NewLine', '$r = [pscustomobject]@{ ok = $true; stdout = $RdpDoctorOutput }', 'Write-RdpDoctorResult $r', ''].join('\n');

/**
 * The non-elevated launcher (runs through the normal runner); 1223 = ERROR_CANCELLED, the user said no. ShellExecute with
 * the app's window as the owner (its handle arrives as data): Windows then shows the UAC prompt in front of the app;
 * asked for by a hidden window with no owner, the prompt may only flash in the taskbar while the app waits.
 */
export const LAUNCHER_SCRIPT = String.raw`
$si = New-Object System.Diagnostics.ProcessStartInfo
$si.FileName = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
$si.Arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ' + [string]$RdpDoctorData.encodedCommand
$si.Verb = 'runas'
$si.UseShellExecute = $true
$si.WindowStyle = [System.Diagnostics.ProcessWindowStyle]::Hidden
if ($RdpDoctorData.ownerWindow) {
  $si.ErrorDialog = $true
  $si.ErrorDialogParentHandle = New-Object System.IntPtr ([long]$RdpDoctorData.ownerWindow)
}
try {
  $p = [System.Diagnostics.Process]::Start($si)
  $p.WaitForExit()
  [pscustomobject]@{ outcome = 'ran'; exitCode = $p.ExitCode } | ConvertTo-Json -Compress
} catch {
  $native = $null
  $e = $_.Exception
  while ($e) { if ($e -is [System.ComponentModel.Win32Exception]) { $native = $e.NativeErrorCode; break }; $e = $e.InnerException }
  if ($native -eq 1223 -or $_.Exception.Message -match 'canceled by the user|vom Benutzer abgebrochen') {
    [pscustomobject]@{ outcome = 'declined'; exitCode = $null } | ConvertTo-Json -Compress
  } else { throw }
}
`;

/** What an elevated run ended with: the script's stdout, or the user declining the UAC prompt. */
export type ElevatedOutcome = { readonly outcome: 'ran'; readonly stdout: string } | { readonly outcome: 'declined' };

/** Pure: the elevated process's whole text around `script`, with the request (`{data, resultPath}`) as a base64 literal. */
export function elevatedText(script: string, requestBase64: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(requestBase64)) throw new Error('base64 literal outside its alphabet');
  return ELEVATED_HEAD + requestBase64 + ELEVATED_TAIL + script + ELEVATED_FOOT;
}

/** The claim file beside the result: whichever of the elevated step and the app creates it first decides. */
export function claimPathOf(resultPath: string): string {
  return join(dirname(resultPath), 'claim');
}

/** Pure: the text of the elevated script for `script`, with `data`, the result and the claim path as a base64 literal. */
export function buildElevatedScript(script: string, data: Record<string, unknown>, resultPath: string): string {
  const request = { data, resultPath, claimPath: claimPathOf(resultPath) };
  return elevatedText(script, Buffer.from(JSON.stringify(request), 'utf8').toString('base64'));
}

/** The launcher's data: the elevated script, and the app window that owns the UAC prompt (its handle) when there is one. */
export function launcherData(encodedCommand: string, ownerWindow?: string | null): Record<string, unknown> {
  return ownerWindow ? { encodedCommand, ownerWindow } : { encodedCommand };
}

/** Pure: the launcher invocation that would be spawned (the elevated script rides in its data). */
export function buildElevatedInvocation(script: string, data: Record<string, unknown>, resultPath: string, systemRoot?: string, ownerWindow?: string | null): PowerShellInvocation {
  const encodedCommand = encodeCommand(buildElevatedScript(script, data, resultPath));
  return buildPowerShellInvocation(LAUNCHER_SCRIPT, launcherData(encodedCommand, ownerWindow), systemRoot);
}

/** Pure: reads the elevated script's result file into its stdout, or the matching WindowsCollectorError. */
export function readElevatedResult(text: string | null, collector: string): string {
  if (text === null) {
    throw new WindowsCollectorError('failed', describeFailure('failed', collector, 'the elevated script wrote no result'), collector);
  }
  let parsed: { ok?: unknown; stdout?: unknown; category?: unknown; errorId?: unknown; message?: unknown };
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof parsed;
  } catch {
    throw new WindowsCollectorError('not-json', describeFailure('not-json', collector, 'unreadable result file'), collector);
  }
  // Only the two shapes the elevated preamble writes are accepted; anything else was not written by it.
  if (parsed === null || typeof parsed !== 'object' || (parsed.ok !== true && parsed.ok !== false)) {
    throw new WindowsCollectorError('not-json', describeFailure('not-json', collector, 'the result file has an unexpected shape'), collector);
  }
  if (parsed.ok === true) {
    if (typeof parsed.stdout !== 'string')
      throw new WindowsCollectorError('not-json', describeFailure('not-json', collector, 'the result file has an unexpected shape'), collector);
    return parsed.stdout;
  }
  const detail = `${String(parsed.category ?? '')} ${String(parsed.errorId ?? '')}: ${String(parsed.message ?? '')}`;
  const kind = classifyStderr(detail);
  throw new WindowsCollectorError(kind, describeFailure(kind, collector, String(parsed.message ?? 'failed')), collector);
}

/** Options of one elevated run; the time limit includes the time the user takes to answer UAC. */
export interface ElevateOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly collector?: string;
  /** Where the launcher runs (the simulated-Windows tests); spawned for real by default. */
  readonly spawn?: InvocationRunner;
  /** The app window's handle (decimal), so the UAC prompt shows in front of it. */
  readonly ownerWindow?: string | null;
}

/**
 * After the time limit: claim the step for the app. Won, the step never runs (a prompt answered now does nothing);
 * lost, the step had started as administrator and may still change the computer, which no kill from here can stop.
 */
async function giveUp(resultPath: string, collector: string, timeoutMs: number): Promise<WindowsCollectorError> {
  const seconds = Math.round(timeoutMs / 1000);
  try {
    await (await open(claimPathOf(resultPath), 'wx')).close();
    return new WindowsCollectorError(
      'timeout',
      `Nobody answered the administrator prompt for ${collector} within ${seconds} s, so nothing was changed; answering it now does nothing.`,
      collector,
    );
  } catch {
    return new WindowsCollectorError(
      'timeout',
      `${collector} started as administrator but did not finish within ${seconds} s; it may still change this computer, and it cannot be stopped from here.`,
      collector,
    );
  }
}

/** Runs one constant script elevated; resolves `declined` when the user says no at the UAC prompt. */
export async function runElevated(script: string, data: Record<string, unknown>, options: ElevateOptions): Promise<ElevatedOutcome> {
  const collector = options.collector ?? 'elevated step';
  // %TEMP% is inside the user's profile, readable only by the user (and SYSTEM/administrators); 0700 elsewhere.
  const dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-elevated-'));
  const resultPath = join(dir, 'result.json');
  try {
    const encodedCommand = encodeCommand(buildElevatedScript(script, data, resultPath));
    const launcher = await runPowerShell(LAUNCHER_SCRIPT, launcherData(encodedCommand, options.ownerWindow), { ...options, collector, output: 'json' }).catch(
      async (error: unknown) => {
        if (isWindowsCollectorError(error) && error.kind === 'timeout') throw await giveUp(resultPath, collector, options.timeoutMs);
        throw error;
      },
    );
    let answer: { outcome?: unknown; exitCode?: unknown };
    try {
      answer = (JSON.parse(launcher) ?? {}) as typeof answer;
    } catch {
      answer = {};
    }
    if (answer.outcome === 'declined') return { outcome: 'declined' };
    if (answer.outcome !== 'ran')
      throw new WindowsCollectorError('not-json', describeFailure('not-json', collector, 'the administrator prompt launcher gave an unexpected answer'), collector);
    if (answer.exitCode === TOO_LATE_EXIT_CODE && !(await readFile(resultPath, 'utf8').catch(() => null))) {
      throw new WindowsCollectorError('failed', describeFailure('failed', collector, 'the administrator step found the app had stopped waiting and ran nothing'), collector);
    }
    const text = await readFile(resultPath, 'utf8').catch(() => null);
    const stdout = readElevatedResult(text, collector);
    // The preamble exits 0 after a success; a success file from a process that failed was not written by it.
    if (typeof answer.exitCode === 'number' && answer.exitCode !== 0) {
      throw new WindowsCollectorError(
        'failed',
        describeFailure('failed', collector, `the elevated script exited ${answer.exitCode} but its result file claims success`),
        collector,
      );
    }
    return { outcome: 'ran', stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
