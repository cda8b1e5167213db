/**
 * The client-side collector scripts (docs/windows.md: what each reads and why). Constants only: the one user value
 * (the VPN route target) arrives as `$RdpDoctorData.target`. Each prints one compressed JSON object whose
 * arrays are wrapped in @() so a single item still prints as an array; dates are printed as ISO UTC.
 */
import type { CollectorScript, CollectorTable } from '../collector';
import { NOT_FOUND_IS_EMPTY } from '../snippets';

/** Names of the client collectors (replay files are `<name>.out`). */
export type ClientCollectorName =
  | 'client-credentials'
  | 'client-rdp-files'
  | 'client-events'
  | 'client-policy'
  | 'client-versions'
  | 'client-cache'
  | 'client-vpn'
  | 'client-security-software'
  | 'client-pending-reboot'
  | 'client-store-apps';

// cmdkey writes in the OEM code page; decode it as such, then switch back to UTF-8 for our JSON. In 5.1 a
// native tool's stderr line is an error record that 'Stop' throws even with 2>$null: the child scope continues.
const CREDENTIALS = String.raw`
$oem = [System.Text.Encoding]::GetEncoding([System.Globalization.CultureInfo]::CurrentCulture.TextInfo.OEMCodePage)
try { [Console]::OutputEncoding = $oem } catch { }
$lines = @(& { $ErrorActionPreference = 'Continue'; & "$env:SystemRoot\System32\cmdkey.exe" /list 2>$null } | ForEach-Object { [string]$_ })
$code = $LASTEXITCODE
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
[pscustomobject]@{ exitCode = $code; lines = $lines } | ConvertTo-Json -Depth 3 -Compress
`;

const RDP_FILES = String.raw`
$files = @()
$seen = @{}
foreach ($dir in @([Environment]::GetFolderPath('MyDocuments'), [Environment]::GetFolderPath('Desktop'))) {
  if (-not $dir -or -not (Test-Path -LiteralPath $dir)) { continue }
  foreach ($f in @(Get-ChildItem -LiteralPath $dir -Filter '*.rdp' -File -Force -ErrorAction SilentlyContinue | Select-Object -First 50)) {
    if ($seen.ContainsKey($f.FullName)) { continue }
    $seen[$f.FullName] = $true
    $content = $null
    if ($f.Length -le 65536) { $content = [Convert]::ToBase64String([System.IO.File]::ReadAllBytes($f.FullName)) }
    $files += [pscustomobject]@{
      path = $f.FullName; name = $f.Name; size = $f.Length
      hidden = [bool]($f.Attributes -band [System.IO.FileAttributes]::Hidden)
      lastWriteUtc = $f.LastWriteTimeUtc.ToString('o'); contentBase64 = $content
    }
  }
}
$tsc = 'HKCU:\Software\Microsoft\Terminal Server Client'
$mru = @()
$def = Get-ItemProperty -LiteralPath "$tsc\Default" -ErrorAction SilentlyContinue
if ($def) { foreach ($i in 0..9) { $v = $def."MRU$i"; if ($v) { $mru += [pscustomobject]@{ name = "MRU$i"; value = [string]$v } } } }
$servers = @()
if (Test-Path -LiteralPath "$tsc\Servers") {
  foreach ($k in @(Get-ChildItem -LiteralPath "$tsc\Servers" -ErrorAction SilentlyContinue)) {
    $p = Get-ItemProperty -LiteralPath $k.PSPath -ErrorAction SilentlyContinue
    $hash = $null
    $hint = $null
    if ($p) {
      if ($p.CertHash) { $hash = (@($p.CertHash) | ForEach-Object { $_.ToString('X2') }) -join '' }
      if ($p.UsernameHint) { $hint = [string]$p.UsernameHint }
    }
    $servers += [pscustomobject]@{ host = $k.PSChildName; usernameHint = $hint; certHash = $hash }
  }
}
[pscustomobject]@{ files = @($files); mru = @($mru); servers = @($servers) } | ConvertTo-Json -Depth 4 -Compress
`;

const EVENTS = String.raw`
$log = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'
$since = (Get-Date).AddDays(-7)
$events = @()
try {
  $events = @(Get-WinEvent -FilterHashtable @{ LogName = $log; Id = 1024,1025,1026,1027,1028,1029,1102,1103,1105,226; StartTime = $since } -MaxEvents 300 -ErrorAction Stop)
} catch {
  # No matching events, or no such log on this edition: an empty list, not a failure.
  if ([string]$_.FullyQualifiedErrorId -notlike 'NoMatching*') { throw }
}
$list = @(foreach ($e in $events) {
  # A <Data> without attributes comes back from the XML adapter as a plain string.
  $data = @(([xml]$e.ToXml()).Event.EventData.Data | Where-Object { $_ } | ForEach-Object {
    if ($_ -is [string]) { [pscustomobject]@{ name = ''; value = $_ } }
    else { [pscustomobject]@{ name = [string]$_.GetAttribute('Name'); value = [string]$_.InnerText } }
  })
  [pscustomobject]@{
    id = $e.Id; timeUtc = $e.TimeCreated.ToUniversalTime().ToString('o')
    activityId = $(if ($e.ActivityId) { $e.ActivityId.ToString() } else { $null })
    level = [int]$e.Level; message = $e.Message; data = $data
  }
})
[pscustomobject]@{ logName = $log; sinceUtc = $since.ToUniversalTime().ToString('o'); events = $list } | ConvertTo-Json -Depth 5 -Compress
`;

const POLICY = String.raw`
function Get-Value([string]$path, [string]$name) {
  $p = Get-ItemProperty -LiteralPath $path -Name $name -ErrorAction SilentlyContinue
  if ($p) { return $p.$name } else { return $null }
}
$schannel = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
$tls = @(foreach ($v in @('SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3')) {
  [pscustomobject]@{ protocol = $v; enabled = (Get-Value "$schannel\$v\Client" 'Enabled'); disabledByDefault = (Get-Value "$schannel\$v\Client" 'DisabledByDefault') }
})
[pscustomobject]@{
  allowEncryptionOracle = (Get-Value 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters' 'AllowEncryptionOracle')
  fClientDisableUDP = (Get-Value 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client' 'fClientDisableUDP')
  disableUDPTransport = (Get-Value 'HKLM:\SOFTWARE\Microsoft\Terminal Server Client' 'DisableUDPTransport')
  fipsEnabled = (Get-Value 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy' 'Enabled')
  schannelClient = $tls
} | ConvertTo-Json -Depth 4 -Compress
`;

const VERSIONS = String.raw`
$cv = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
function Get-FileVersion([string]$path) {
  if (-not (Test-Path -LiteralPath $path)) { return $null }
  $v = (Get-Item -LiteralPath $path).VersionInfo
  return ('{0}.{1}.{2}.{3}' -f $v.FileMajorPart, $v.FileMinorPart, $v.FileBuildPart, $v.FilePrivatePart)
}
[pscustomobject]@{
  productName = [string]$cv.ProductName; editionId = [string]$cv.EditionID
  currentBuild = [string]$cv.CurrentBuild; ubr = $cv.UBR
  displayVersion = $(if ($cv.DisplayVersion) { [string]$cv.DisplayVersion } else { $null })
  releaseId = $(if ($cv.ReleaseId) { [string]$cv.ReleaseId } else { $null })
  mstsc = (Get-FileVersion "$env:SystemRoot\System32\mstsc.exe")
  mstscax = (Get-FileVersion "$env:SystemRoot\System32\mstscax.dll")
} | ConvertTo-Json -Depth 3 -Compress
`;

// Get-AppxPackage can hang (a broken AppX deployment service); in a collector of its own, with its own time limit, a
// hang costs only the Store apps, not the OS build and the mstsc versions.
const STORE_APPS = String.raw`
$apps = @(foreach ($n in @('MicrosoftCorporationII.Windows365', 'Microsoft.RemoteDesktop')) {
  Get-AppxPackage -Name $n | ForEach-Object { [pscustomobject]@{ name = $_.Name; version = [string]$_.Version } }
})
[pscustomobject]@{ apps = $apps } | ConvertTo-Json -Depth 3 -Compress
`;

const CACHE = String.raw`
$dir = Join-Path $env:LOCALAPPDATA 'Microsoft\Terminal Server Client\Cache'
$exists = Test-Path -LiteralPath $dir
$count = 0; $bytes = 0; $newest = $null
if ($exists) {
  $items = @(Get-ChildItem -LiteralPath $dir -File -Force -ErrorAction SilentlyContinue)
  $count = $items.Count
  if ($count -gt 0) {
    $bytes = [int64](($items | Measure-Object -Property Length -Sum).Sum)
    $newest = ($items | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1).LastWriteTimeUtc.ToString('o')
  }
}
[pscustomobject]@{ path = $dir; exists = [bool]$exists; fileCount = $count; totalBytes = $bytes; newestUtc = $newest } | ConvertTo-Json -Compress
`;

// Find-NetRoute returns an MSFT_NetIPAddress (the source) and an MSFT_NetRoute (the route) per address.
const VPN =
  NOT_FOUND_IS_EMPTY +
  String.raw`
$target = [string]$RdpDoctorData.target
$adapters = @(Get-RdpDoctorOrEmpty { Get-NetAdapter -IncludeHidden } | Where-Object { [string]$_.Status -eq 'Up' } | ForEach-Object {
  [pscustomobject]@{ name = $_.Name; description = $_.InterfaceDescription; ifIndex = [int]$_.ifIndex; mediaType = [string]$_.MediaType; virtual = [bool]$_.Virtual }
})
$profiles = @()
try {
  $profiles = @(Get-VpnConnection -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ name = $_.Name; server = $_.ServerAddress; status = [string]$_.ConnectionStatus; splitTunneling = [bool]$_.SplitTunneling } })
} catch { $profiles = @() }
$addresses = @()
if ($target) { try { $addresses = @([System.Net.Dns]::GetHostAddresses($target) | ForEach-Object { $_.IPAddressToString }) } catch { $addresses = @() } }
$routes = @(foreach ($ip in @($addresses | Select-Object -First 4)) {
  try {
    $found = @(Find-NetRoute -RemoteIPAddress $ip -ErrorAction Stop)
    $route = $found | Where-Object { $_.CimClass.CimClassName -eq 'MSFT_NetRoute' } | Select-Object -First 1
    $source = $found | Where-Object { $_.CimClass.CimClassName -eq 'MSFT_NetIPAddress' } | Select-Object -First 1
    [pscustomobject]@{ address = $ip; interfaceAlias = $route.InterfaceAlias; interfaceIndex = $route.InterfaceIndex; nextHop = $route.NextHop; destinationPrefix = $route.DestinationPrefix; sourceAddress = $source.IPAddress; error = $null }
  } catch {
    [pscustomobject]@{ address = $ip; interfaceAlias = $null; interfaceIndex = $null; nextHop = $null; destinationPrefix = $null; sourceAddress = $null; error = $_.Exception.Message }
  }
})
$defaults = @(Get-RdpDoctorOrEmpty { Get-NetRoute -DestinationPrefix '0.0.0.0/0', '::/0' } | ForEach-Object {
  [pscustomobject]@{ destinationPrefix = $_.DestinationPrefix; interfaceAlias = $_.InterfaceAlias; interfaceIndex = [int]$_.InterfaceIndex; nextHop = $_.NextHop; routeMetric = [int]$_.RouteMetric }
})
[pscustomobject]@{ target = $target; addresses = $addresses; adapters = $adapters; vpnProfiles = $profiles; routes = $routes; defaultRoutes = $defaults } | ConvertTo-Json -Depth 4 -Compress
`;

// SecurityCenter2 exists on client SKUs only (docs/windows.md#vpn-and-security-software); its absence is reported, not thrown.
const SECURITY = String.raw`
function Get-Products([string]$class) {
  return @(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName $class -ErrorAction Stop | ForEach-Object {
    [pscustomobject]@{ displayName = [string]$_.displayName; productState = [int64]$_.productState; path = [string]$_.pathToSignedProductExe }
  })
}
$available = $true
$av = @(); $fw = @()
# A function's return unrolls its array, so wrap the calls in @() again (one product must stay a list).
try { $av = @(Get-Products 'AntiVirusProduct'); $fw = @(Get-Products 'FirewallProduct') } catch { $available = $false }
[pscustomobject]@{ securityCenter = $available; antivirus = $av; firewall = $fw } | ConvertTo-Json -Depth 3 -Compress
`;

const PENDING_REBOOT = String.raw`
$sm = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue
$renames = 0
if ($sm -and $sm.PendingFileRenameOperations) { $renames = @($sm.PendingFileRenameOperations | Where-Object { $_ }).Count }
$boot = $null
try { $boot = (Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction Stop).LastBootUpTime.ToUniversalTime().ToString('o') } catch { $boot = $null }
$fixes = @()
try {
  $fixes = @(Get-HotFix -ErrorAction Stop | Where-Object { $_.InstalledOn } | Sort-Object InstalledOn -Descending | Select-Object -First 5 | ForEach-Object {
    [pscustomobject]@{ id = [string]$_.HotFixID; installedOnUtc = ([datetime]$_.InstalledOn).ToUniversalTime().ToString('o') }
  })
} catch { $fixes = @() }
[pscustomobject]@{
  cbsRebootPending = [bool](Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending')
  wuRebootRequired = [bool](Test-Path -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired')
  pendingFileRenames = $renames; lastBootUtc = $boot; recentUpdates = $fixes
} | ConvertTo-Json -Depth 3 -Compress
`;

/** The client collectors by name. */
export const CLIENT_SCRIPTS = {
  'client-credentials': { script: CREDENTIALS, output: 'json' },
  'client-rdp-files': { script: RDP_FILES, output: 'json' },
  'client-events': { script: EVENTS, output: 'json', timeoutMs: 30_000 },
  'client-policy': { script: POLICY, output: 'json' },
  'client-versions': { script: VERSIONS, output: 'json' },
  'client-cache': { script: CACHE, output: 'json' },
  'client-vpn': { script: VPN, output: 'json', timeoutMs: 30_000 },
  'client-security-software': { script: SECURITY, output: 'json' },
  'client-pending-reboot': { script: PENDING_REBOOT, output: 'json' },
  'client-store-apps': { script: STORE_APPS, output: 'json', timeoutMs: 10_000 },
} as const satisfies Record<ClientCollectorName, CollectorScript> satisfies CollectorTable;
