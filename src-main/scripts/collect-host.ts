/**
 * collect-host.ps1: every host collector in one script an administrator runs on a Remote Desktop host nobody can reach
 * (at its console, through the hypervisor, through a cloud provider's run-command), writing one file of host evidence
 * that the app reads back as a recorded host (windows/host-evidence.ts).
 */
import { VERSION } from '../shared/version';
import type { AppScript } from './catalog';
import { HOST_EVIDENCE_FORMAT } from '../windows/host-evidence';
import { QUIET_STREAMS } from '../windows/powershell-runner';
import { SERVER_SCRIPTS } from '../windows/server/scripts';

/** The exported file's name. */
export const COLLECT_HOST_FILE = 'copyable/collect-host.ps1';

/** The exit code when PowerShell runs in Constrained Language Mode, where the collectors' .NET calls cannot run. */
export const COLLECT_HOST_CONSTRAINED_EXIT = 86;

function head(version: string): string {
  return String.raw`<#
RDP Doctor ${version}: collect-host.ps1

Run this on the Remote Desktop host that cannot be reached: at its console, through the hypervisor's console, or
with the cloud provider's run-command feature. Run it as administrator for the full picture. It only reads; it
changes nothing and sends nothing anywhere.

It writes one file, rdp-doctor-host-<computer>-<time>.json, in the current folder (or where -OutFile says).
Bring that file to RDP Doctor: "Load host evidence..." on the start screen, or
  rdp-doctor diagnose <host> --host-evidence <file>
The diagnosis then judges this host from the file, together with live network checks from where RDP Doctor runs.
#>
param([string]$OutFile = '')

if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') {
  Write-Error -Message ('collect-host.ps1 cannot run in ' + $ExecutionContext.SessionState.LanguageMode + ' (AppLocker or WDAC script rules): run it from a folder those rules allow, or signed.') -ErrorAction Continue
  exit ${COLLECT_HOST_CONSTRAINED_EXIT}
}
$ErrorActionPreference = 'Stop'
${QUIET_STREAMS}
$RdpDoctorData = $null
`;
}

// Each collector's body runs unchanged inside a script block of its own: its functions and variables stay in its scope.
function collectorTable(): string {
  const entries = Object.entries(SERVER_SCRIPTS).map(([name, entry]) => `  '${name}' = {\n${entry.script.trim()}\n}`);
  return `$RdpDoctorCollectors = [ordered]@{\n${entries.join('\n')}\n}\n`;
}

function body(version: string): string {
  return String.raw`
# What the app's runner would have seen: the output as text lines, or the error record that stopped the collector.
$RdpDoctorAnswers = [ordered]@{}
$RdpDoctorLf = [string][char]10
foreach ($RdpDoctorName in @($RdpDoctorCollectors.Keys)) {
  try {
    $RdpDoctorOutput = @(& $RdpDoctorCollectors[$RdpDoctorName])
    $RdpDoctorText = ''
    if ($RdpDoctorOutput.Count -gt 0) { $RdpDoctorText = ((@($RdpDoctorOutput | ForEach-Object { [string]$_ })) -join $RdpDoctorLf) + $RdpDoctorLf }
    $RdpDoctorAnswers[$RdpDoctorName] = [ordered]@{ stdout = $RdpDoctorText }
  } catch {
    $RdpDoctorAnswers[$RdpDoctorName] = [ordered]@{ error = [ordered]@{ category = [string]$_.CategoryInfo.Category; id = [string]$_.FullyQualifiedErrorId; message = [string]$_.Exception.Message } }
  }
}

# Who wrote the file: the names and addresses a target may use for this host, and when.
$RdpDoctorComputer = [string]$env:COMPUTERNAME
$RdpDoctorOs = ''
try { $RdpDoctorOs = [string](Get-CimInstance -ClassName Win32_OperatingSystem).Caption } catch { }
$RdpDoctorAddresses = @()
try { $RdpDoctorAddresses = @(Get-NetIPAddress | ForEach-Object { [string]$_.IPAddress }) } catch { }
$RdpDoctorNow = (Get-Date).ToUniversalTime()
$RdpDoctorEvidence = [ordered]@{
  format = '${HOST_EVIDENCE_FORMAT}'
  version = '${version}'
  computerName = $RdpDoctorComputer
  os = $RdpDoctorOs
  language = [string][System.Globalization.CultureInfo]::CurrentUICulture.Name
  collectedAt = $RdpDoctorNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)
  addresses = @($RdpDoctorAddresses)
  collectors = $RdpDoctorAnswers
}
$RdpDoctorJson = ConvertTo-Json -InputObject $RdpDoctorEvidence -Depth 6 -Compress

# UTF-8 without a BOM, written as bytes: Out-File and Set-Content in 5.1 would pick the ANSI or UTF-16 encoding.
$RdpDoctorHere = (Get-Location).ProviderPath
if ($OutFile -eq '') {
  $RdpDoctorLeaf = 'rdp-doctor-host-' + ($RdpDoctorComputer -replace '[^A-Za-z0-9.-]', '_') + '-' + $RdpDoctorNow.ToString('yyyyMMdd-HHmmss', [System.Globalization.CultureInfo]::InvariantCulture) + '.json'
  $OutFile = [System.IO.Path]::Combine($RdpDoctorHere, $RdpDoctorLeaf)
} elseif (-not [System.IO.Path]::IsPathRooted($OutFile)) {
  $OutFile = [System.IO.Path]::Combine($RdpDoctorHere, $OutFile)
}
$RdpDoctorBytes = (New-Object System.Text.UTF8Encoding $false).GetBytes($RdpDoctorJson)
$RdpDoctorStream = New-Object System.IO.FileStream($OutFile, [System.IO.FileMode]::Create, [System.IO.FileAccess]::Write)
try { $RdpDoctorStream.Write($RdpDoctorBytes, 0, $RdpDoctorBytes.Length) } finally { $RdpDoctorStream.Dispose() }

$RdpDoctorFailed = @($RdpDoctorAnswers.Keys | Where-Object { $RdpDoctorAnswers[$_].Contains('error') })
Write-Output ('RDP Doctor host evidence written to ' + $OutFile + ' (' + $RdpDoctorAnswers.Count + ' collectors, ' + $RdpDoctorFailed.Count + ' failed).')
foreach ($RdpDoctorName in $RdpDoctorFailed) { Write-Output ('  ' + $RdpDoctorName + ': ' + (([string]$RdpDoctorAnswers[$RdpDoctorName]['error']['message']) -split '\r?\n')[0]) }
Write-Output 'Load this file in RDP Doctor ("Load host evidence...", or rdp-doctor diagnose <host> --host-evidence <file>).'
`;
}

/** The whole text of collect-host.ps1 for this version of the app. */
export function collectHostScript(version: string = VERSION): string {
  return head(version) + collectorTable() + body(version);
}

/** collect-host.ps1 as the catalog (and so `scripts export`, the static proof and the simulated-Windows tests) lists it. */
export function hostEvidenceScript(): AppScript {
  return {
    file: COLLECT_HOST_FILE,
    kind: 'copyable',
    runsAs: 'administrator',
    description:
      'Run on a Remote Desktop host nobody can reach (its console, the hypervisor, a cloud run-command): runs every host collector and writes one file of host evidence, which "Load host evidence" or diagnose --host-evidence reads back.',
    text: collectHostScript(),
  };
}
