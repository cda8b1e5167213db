/** PowerShell bodies of the host-side configuration collectors (registry, SCHANNEL, services, listener, WMI). */
import { NOT_FOUND_IS_EMPTY } from '../snippets';

// Shared by several scripts: read named values of one key, REG_BINARY as hex, missing key or value as null.
const READ_VALUES = String.raw`
function Read-Values([string]$Path, [string[]]$Names) {
  $o = [ordered]@{}
  $item = $null
  if (Test-Path -LiteralPath $Path) { $item = Get-ItemProperty -LiteralPath $Path }
  foreach ($n in $Names) {
    $v = $null
    if ($item -and ($item.PSObject.Properties.Name -contains $n)) { $v = $item.$n }
    if ($v -is [byte[]]) { $v = ($v | ForEach-Object { $_.ToString('X2') }) -join '' }
    $o[$n] = $v
  }
  [pscustomobject]$o
}
`;

/** Terminal Server, RDP-Tcp and policy values, and the edition (Home cannot host); DWORDs above 0x7FFFFFFF arrive as negative Int32. */
export const RDP_REGISTRY_SCRIPT =
  READ_VALUES +
  String.raw`
$ts = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server'
[pscustomobject]@{
  terminalServer = Read-Values $ts @('fDenyTSConnections')
  rdpTcp = Read-Values ($ts + '\WinStations\RDP-Tcp') @('PortNumber', 'SecurityLayer', 'UserAuthentication', 'MinEncryptionLevel', 'SSLCertificateSHA1Hash', 'MaxInstanceCount')
  policy = Read-Values 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services' @('fDenyTSConnections', 'SecurityLayer', 'UserAuthentication', 'MinEncryptionLevel', 'MaxInstanceCount', 'fSingleSessionPerUser')
  edition = Read-Values 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' @('EditionID', 'ProductName')
} | ConvertTo-Json -Depth 4 -Compress
`;

/** SCHANNEL server-side protocol keys, the FIPS policy and the OS build (defaults depend on it). */
export const SCHANNEL_SCRIPT =
  READ_VALUES +
  String.raw`
$base = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
$list = foreach ($p in @('SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3')) {
  $k = $base + '\' + $p + '\Server'
  $v = Read-Values $k @('Enabled', 'DisabledByDefault')
  [pscustomobject]@{ protocol = $p; keyPresent = (Test-Path -LiteralPath $k); Enabled = $v.Enabled; DisabledByDefault = $v.DisabledByDefault }
}
$fips = Read-Values 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy' @('Enabled')
$cv = Read-Values 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' @('CurrentBuild')
[pscustomobject]@{ protocols = @($list); fipsEnabled = $fips.Enabled; osBuild = $cv.CurrentBuild } | ConvertTo-Json -Depth 4 -Compress
`;

/** TermService, SessionEnv and UmRdpService from Win32_Service (State/StartMode are not localized). */
export const SERVICES_SCRIPT = String.raw`
$list = foreach ($n in @('TermService', 'SessionEnv', 'UmRdpService')) {
  $s = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + $n + "'")
  if ($s) {
    [pscustomobject]@{ name = $n; present = $true; state = [string]$s.State; startMode = [string]$s.StartMode; processId = [int]$s.ProcessId; account = [string]$s.StartName }
  } else {
    [pscustomobject]@{ name = $n; present = $false; state = $null; startMode = $null; processId = $null; account = $null }
  }
}
[pscustomobject]@{ services = @($list) } | ConvertTo-Json -Depth 4 -Compress
`;

/** TCP listeners on the configured RDP port or owned by TermService's process, with owning process names. */
export const LISTENER_SCRIPT =
  NOT_FOUND_IS_EMPTY +
  String.raw`
$port = 3389
$k = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp'
if (Test-Path -LiteralPath $k) {
  $i = Get-ItemProperty -LiteralPath $k
  if ($i.PSObject.Properties.Name -contains 'PortNumber') { $port = [int]$i.PortNumber }
}
$svc = Get-CimInstance -ClassName Win32_Service -Filter "Name='TermService'"
$tsPid = 0
if ($svc) { $tsPid = [int]$svc.ProcessId }
function Get-ProcName([int]$Id) {
  $p = Get-Process -Id $Id -ErrorAction SilentlyContinue
  if ($p) { [string]$p.ProcessName } else { $null }
}
$tcp = @(Get-RdpDoctorOrEmpty { Get-NetTCPConnection -State Listen } | Where-Object { $_.LocalPort -eq $port -or ($tsPid -ne 0 -and $_.OwningProcess -eq $tsPid) } | ForEach-Object {
  [pscustomobject]@{ localAddress = [string]$_.LocalAddress; localPort = [int]$_.LocalPort; owningProcess = [int]$_.OwningProcess; processName = (Get-ProcName $_.OwningProcess) }
})
$udp = @(Get-RdpDoctorOrEmpty { Get-NetUDPEndpoint -LocalPort $port } | ForEach-Object {
  [pscustomobject]@{ localAddress = [string]$_.LocalAddress; localPort = [int]$_.LocalPort; owningProcess = [int]$_.OwningProcess }
})
[pscustomobject]@{ configuredPort = $port; termServicePid = $tsPid; tcp = $tcp; udp = $udp } | ConvertTo-Json -Depth 4 -Compress
`;

/** Win32_TSGeneralSetting for RDP-Tcp: the settings in effect after policy, and where each comes from. */
export const TS_SETTING_SCRIPT = String.raw`
$s = Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter "TerminalName='RDP-Tcp'"
if (-not $s) { [pscustomobject]@{ found = $false } | ConvertTo-Json -Compress; return }
[pscustomobject]@{
  found = $true
  terminalName = [string]$s.TerminalName
  certificateName = [string]$s.CertificateName
  sslCertificateSHA1Hash = [string]$s.SSLCertificateSHA1Hash
  sslCertificateSHA1HashType = $s.SSLCertificateSHA1HashType
  securityLayer = $s.SecurityLayer
  userAuthenticationRequired = $s.UserAuthenticationRequired
  minEncryptionLevel = $s.MinEncryptionLevel
  policySourceSecurityLayer = $s.PolicySourceSecurityLayer
  policySourceUserAuthenticationRequired = $s.PolicySourceUserAuthenticationRequired
  policySourceMinEncryptionLevel = $s.PolicySourceMinEncryptionLevel
} | ConvertTo-Json -Depth 4 -Compress
`;

/**
 * Free memory, the RDSH mode and licensing, and `qwinsta` lines (counted by the parser, not the script). In 5.1 a
 * stderr line of qwinsta is an error record that 'Stop' throws even with 2>$null, so its child scope continues.
 */
export const CAPACITY_SCRIPT = String.raw`
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$mode = $null; $lic = $null
try {
  $t = Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting
  $mode = $t.TerminalServerMode; $lic = $t.LicensingType
} catch { }
$lines = @()
try { $lines = @(& { $ErrorActionPreference = 'Continue'; & "$env:SystemRoot\System32\qwinsta.exe" 2>$null } | ForEach-Object { [string]$_ }) } catch { }
[pscustomobject]@{
  productType = [int]$os.ProductType
  caption = [string]$os.Caption
  freePhysicalMemoryKB = [int64]$os.FreePhysicalMemory
  totalVisibleMemoryKB = [int64]$os.TotalVisibleMemorySize
  terminalServerMode = $mode
  licensingType = $lic
  sessions = $lines
} | ConvertTo-Json -Depth 4 -Compress
`;
