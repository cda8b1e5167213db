/**
 * The fixed PowerShell text around every script the runner starts: what runs before it (language mode check, error
 * trap, streams, data) and after it (the script's output written as UTF-8 bytes), and how the runner reads the
 * error line back. Windows PowerShell 5.1's own quirks drive each piece; the comments say which.
 */

/** The environment variable carrying the data (base64 of UTF-8 JSON). */
export const DATA_ENV = 'RDP_DOCTOR_DATA';

/** The exit code of a script stopped because PowerShell runs in Constrained Language Mode (AppLocker, WDAC). */
export const CONSTRAINED_EXIT_CODE = 86;

/** Windows PowerShell 5.1 can write these streams into redirected stdout, where they break the JSON. */
export const QUIET_STREAMS = [
  "$ProgressPreference = 'SilentlyContinue'",
  "$WarningPreference = 'SilentlyContinue'",
  "$InformationPreference = 'SilentlyContinue'",
  "$VerbosePreference = 'SilentlyContinue'",
  "$DebugPreference = 'SilentlyContinue'",
].join('\n');

/**
 * The trap of every runner script: one stderr line `RDPDOCTOR-ERROR <base64 of UTF-8 JSON>` holding the error's
 * category, FullyQualifiedErrorId (which can contain spaces: "HRESULT 0x80041010,…") and message. Base64 because 5.1
 * writes stderr in the OEM code page, which garbles a localized message ("Zugriff verweigert" with its umlauts).
 */
export const ERROR_TRAP = [
  'trap {',
  '  $e = ConvertTo-Json -Compress -InputObject @{ category = [string]$_.CategoryInfo.Category; id = [string]$_.FullyQualifiedErrorId; message = [string]$_.Exception.Message }',
  "  [Console]::Error.WriteLine('RDPDOCTOR-ERROR ' + [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($e)))",
  '  exit 1',
  '}',
].join('\n');

/**
 * Runs before every script. The language mode check comes first and uses no .NET call: under Constrained Language
 * Mode every method call of the rest (Base64, UTF-8) fails, and the trap with it, so the script says so and stops.
 * The script's output is collected, not printed (see RUNNER_FOOT).
 */
export const PREAMBLE = [
  "if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {",
  "  Write-Error -Message ('RDPDOCTOR-CONSTRAINED ' + $ExecutionContext.SessionState.LanguageMode) -ErrorAction Continue",
  `  exit ${CONSTRAINED_EXIT_CODE}`,
  '}',
  "$ErrorActionPreference = 'Stop'",
  QUIET_STREAMS,
  ERROR_TRAP,
  '$RdpDoctorData = $null',
  `if ($env:${DATA_ENV}) { $RdpDoctorData = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($env:${DATA_ENV})) | ConvertFrom-Json }`,
  '$RdpDoctorOutput = @(& {',
  '',
].join('\n');

/**
 * Runs after every script: its output leaves as UTF-8 bytes written to stdout directly. With stdout redirected,
 * 5.1's console host writes output in the OEM code page whatever the script sets [Console]::OutputEncoding to, so
 * German names arrived as U+FFFD and Japanese or Chinese code pages could break the JSON (0x5C as a trail byte).
 */
export const RUNNER_FOOT = [
  '',
  '})',
  'if ($RdpDoctorOutput.Count -gt 0) {',
  '  $RdpDoctorBytes = (New-Object System.Text.UTF8Encoding $false).GetBytes(((@($RdpDoctorOutput | ForEach-Object { [string]$_ })) -join "`n") + "`n")',
  '  $RdpDoctorStdout = [Console]::OpenStandardOutput()',
  '  $RdpDoctorStdout.Write($RdpDoctorBytes, 0, $RdpDoctorBytes.Length)',
  '  $RdpDoctorStdout.Flush()',
  '}',
  '',
].join('\n');

/** Pure: the whole text PowerShell runs for `script` (what -EncodedCommand carries). */
export function runnerText(script: string): string {
  return PREAMBLE + script + RUNNER_FOOT;
}

/** A script's own error, as its trap reported it. */
export interface TrappedError {
  readonly category: string;
  readonly id: string;
  readonly message: string;
}

/**
 * The trap's line in a raw stderr, read before anything else: when 5.1 also writes CLIXML there (`#< CLIXML`), that
 * block holds PowerShell's records, not the script's own line. Null when there is none or it is unreadable.
 */
export function findTrappedError(stderr: string): TrappedError | null {
  const m = /RDPDOCTOR-ERROR ([A-Za-z0-9+/]+={0,2})/.exec(stderr);
  if (!m?.[1]) return null;
  try {
    const parsed = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof parsed['message'] !== 'string') return null;
    return { category: String(parsed['category'] ?? ''), id: String(parsed['id'] ?? ''), message: parsed['message'] };
  } catch {
    return null;
  }
}
