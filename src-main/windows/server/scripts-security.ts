/** PowerShell bodies of the host-side security collectors: certificate and key ACLs, MachineKeys, firewall, events. */
import { NOT_FOUND_IS_EMPTY } from '../snippets';

// ACEs by SID (names are localized: "NT-AUTORITÄT\NETZWERKDIENST"); rights as the raw Int32 mask.
const ACL_ROWS = String.raw`
function Get-AclRows([string]$Path) {
  $acl = Get-Acl -LiteralPath $Path
  $rows = @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]) | ForEach-Object {
    $n = $null
    try { $n = $_.IdentityReference.Translate([System.Security.Principal.NTAccount]).Value } catch { }
    [pscustomobject]@{ sid = $_.IdentityReference.Value; name = $n; rights = [int]$_.FileSystemRights; type = [string]$_.AccessControlType; inherited = [bool]$_.IsInherited; inheritance = [string]$_.InheritanceFlags }
  })
  [pscustomobject]@{ owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value; aces = $rows }
}
`;

/**
 * Certificates of Cert:\LocalMachine\Remote Desktop (and the custom one the registry or WMI names, from My), each with its
 * private key file and that file's ACL. Opening the key can fail exactly when it is broken, so the
 * self-signed key's well-known file name (f686aace…_<MachineGuid>, docs/windows.md#certificate-store-and-machinekeys) is the fallback.
 */
export const CERTIFICATE_SCRIPT =
  ACL_ROWS +
  String.raw`
$mk = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$cng = Join-Path $env:ProgramData 'Microsoft\Crypto\Keys'
$guid = $null
try { $guid = [string](Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Cryptography').MachineGuid } catch { }
$regHash = $null
$k = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp'
if (Test-Path -LiteralPath $k) {
  $i = Get-ItemProperty -LiteralPath $k
  if ($i.PSObject.Properties.Name -contains 'SSLCertificateSHA1Hash') {
    $v = $i.SSLCertificateSHA1Hash
    if ($v -is [byte[]]) { $regHash = ($v | ForEach-Object { $_.ToString('X2') }) -join '' } else { $regHash = [string]$v }
  }
}
function Get-CertRow($c, [string]$Store) {
  $unique = $null; $provider = $null; $openError = $null
  try {
    $rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($c)
    if ($rsa -is [System.Security.Cryptography.RSACng]) { $unique = $rsa.Key.UniqueName; $provider = 'cng' }
    elseif ($rsa) { $unique = $rsa.CspKeyContainerInfo.UniqueKeyContainerName; $provider = 'capi' }
  } catch { $openError = $_.Exception.Message }
  if (-not $unique -and $guid -and $Store -eq 'Remote Desktop') { $unique = 'f686aace6942fb7f7ceb231212eef4a4_' + $guid; $provider = 'guessed' }
  $file = $null; $acl = $null; $aclError = $null
  if ($unique) {
    foreach ($d in @($mk, $cng)) { $p = Join-Path $d $unique; if (Test-Path -LiteralPath $p) { $file = $p; break } }
    if ($file) { try { $acl = Get-AclRows $file } catch { $aclError = $_.Exception.Message } }
  }
  [pscustomobject]@{
    store = $Store; thumbprint = $c.Thumbprint; subject = $c.Subject; issuer = $c.Issuer
    notBefore = $c.NotBefore.ToUniversalTime().ToString('o'); notAfter = $c.NotAfter.ToUniversalTime().ToString('o')
    hasPrivateKey = [bool]$c.HasPrivateKey; keyProvider = $provider; keyContainer = $unique; keyOpenError = $openError
    keyFile = $file; keyAcl = $acl; keyAclError = $aclError
  }
}
$rows = @()
if (Test-Path -LiteralPath 'Cert:\LocalMachine\Remote Desktop') { $rows = @(Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop' | ForEach-Object { Get-CertRow $_ 'Remote Desktop' }) }
$wmiHash = $null
try { $wmiHash = [string](Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter "TerminalName='RDP-Tcp'").SSLCertificateSHA1Hash } catch { }
$want = $regHash
if (-not $want) { $want = $wmiHash }
$configured = $null
if ($want -and -not ($rows | Where-Object { $_.thumbprint -eq $want })) {
  $c = Get-ChildItem -LiteralPath 'Cert:\LocalMachine\My' | Where-Object { $_.Thumbprint -eq $want } | Select-Object -First 1
  if ($c) { $configured = Get-CertRow $c 'My' }
}
$admin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
[pscustomobject]@{ isElevated = $admin; registryHash = $regHash; machineGuid = $guid; certificates = $rows; configured = $configured } | ConvertTo-Json -Depth 6 -Compress
`;

/** The MachineKeys folder's owner and ACL, and which self-signed RDP key files exist in it. */
export const MACHINEKEYS_SCRIPT =
  ACL_ROWS +
  String.raw`
$mk = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
if (-not (Test-Path -LiteralPath $mk)) { [pscustomobject]@{ path = $mk; exists = $false } | ConvertTo-Json -Compress; return }
$a = Get-AclRows $mk
$files = @(Get-ChildItem -LiteralPath $mk -Force -Filter 'f686aace6942fb7f7ceb231212eef4a4_*' -ErrorAction SilentlyContinue | ForEach-Object { $_.Name })
[pscustomobject]@{ path = $mk; exists = $true; owner = $a.owner; aces = $a.aces; rdpKeyFiles = $files } | ConvertTo-Json -Depth 5 -Compress
`;

/**
 * Inbound firewall rules as in force (ActiveStore: local plus Group Policy): the Remote Desktop group by its resource id
 * (DisplayGroup is localized), enabled or not, and every other enabled inbound allow or block rule for TCP or any
 * protocol (Microsoft's steps for a changed port add such a rule outside the group); profiles and network categories.
 * The filters are read once each (-All) and joined on InstanceID, not asked per rule.
 */
export const FIREWALL_SCRIPT =
  NOT_FOUND_IS_EMPTY +
  String.raw`
$group = '@FirewallAPI.dll,-28752'
$filters = @{}
foreach ($kind in @('Port', 'Application', 'Service', 'Address')) {
  foreach ($f in @(Get-RdpDoctorOrEmpty { & "Get-NetFirewall$($kind)Filter" -All -PolicyStore ActiveStore })) { $filters["$kind|$($f.InstanceID)"] = $f }
}
function Get-RuleRow($r) {
  $pf = $filters["Port|$($r.InstanceID)"]; $af = $filters["Application|$($r.InstanceID)"]
  $sf = $filters["Service|$($r.InstanceID)"]; $rf = $filters["Address|$($r.InstanceID)"]
  [pscustomobject]@{
    name = [string]$r.Name; displayName = [string]$r.DisplayName; group = [string]$r.Group; enabled = [string]$r.Enabled; profile = [string]$r.Profile
    direction = [string]$r.Direction; action = [string]$r.Action; protocol = [string]$pf.Protocol; localPort = @($pf.LocalPort | ForEach-Object { [string]$_ })
    remoteAddress = @($rf.RemoteAddress | ForEach-Object { [string]$_ }); program = [string]$af.Program; service = [string]$sf.Service
  }
}
$all = @(Get-RdpDoctorOrEmpty { Get-NetFirewallRule -PolicyStore ActiveStore })
$rules = @($all | Where-Object { $_.Group -eq $group } | ForEach-Object { Get-RuleRow $_ })
$otherRules = @($all | Where-Object { $_.Group -ne $group -and [string]$_.Enabled -eq 'True' -and [string]$_.Direction -eq 'Inbound' -and [string]$_.Action -ne 'NotConfigured' } |
  ForEach-Object { Get-RuleRow $_ } | Where-Object { $_.protocol -eq 'TCP' -or $_.protocol -eq 'Any' -or $_.protocol -eq '6' } | Select-Object -First 400)
$profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object { [pscustomobject]@{ name = [string]$_.Name; enabled = [string]$_.Enabled; defaultInboundAction = [string]$_.DefaultInboundAction } })
$nets = @(Get-RdpDoctorOrEmpty { Get-NetConnectionProfile } | ForEach-Object { [pscustomobject]@{ interfaceAlias = [string]$_.InterfaceAlias; networkCategory = [string]$_.NetworkCategory } })
[pscustomobject]@{ rules = $rules; otherRules = $otherRules; profiles = $profiles; networks = $nets } | ConvertTo-Json -Depth 4 -Compress
`;

/** Host RDP/Schannel events of the last 7 days; a log that cannot be read is reported, not fatal. */
export const EVENTS_SCRIPT = String.raw`
$since = (Get-Date).AddDays(-7)
$queries = @(
  @{ LogName = 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational'; Id = @(131, 140, 98, 102, 103) },
  @{ LogName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational'; Id = @(261, 1149) },
  @{ LogName = 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'; Id = @(21, 22, 23, 24, 25, 39, 40) },
  @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'; Id = @(1057, 1058) },
  @{ LogName = 'System'; ProviderName = 'Schannel'; Id = @(36870, 36871, 36874, 36887, 36888) }
)
$events = New-Object System.Collections.Generic.List[object]
$unreadable = New-Object System.Collections.Generic.List[object]
foreach ($q in $queries) {
  $f = $q.Clone(); $f['StartTime'] = $since
  try {
    Get-WinEvent -FilterHashtable $f -MaxEvents 200 -ErrorAction Stop | ForEach-Object {
      $m = $null
      if ($_.Message) { $m = ($_.Message -replace '\s+', ' ').Trim(); if ($m.Length -gt 300) { $m = $m.Substring(0, 300) } }
      $events.Add([pscustomobject]@{
        log = $q.LogName; provider = [string]$_.ProviderName; id = [int]$_.Id; level = [int]$_.Level
        time = $_.TimeCreated.ToUniversalTime().ToString('o'); message = $m
        data = @($_.Properties | ForEach-Object { $s = [string]$_.Value; if ($s.Length -gt 200) { $s.Substring(0, 200) } else { $s } })
      })
    }
  } catch {
    if ($_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { $unreadable.Add([pscustomobject]@{ log = $q.LogName; error = $_.Exception.Message }) }
  }
}
# ToArray, not @(): pwsh 7.6 fails on @() of a List made by New-Object (5.1 does not), and both read ToArray alike.
[pscustomobject]@{ days = 7; events = $events.ToArray(); unreadable = $unreadable.ToArray() } | ConvertTo-Json -Depth 4 -Compress
`;
