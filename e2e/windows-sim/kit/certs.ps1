# The simulated certificate stores: "certificates": { "LocalMachine\\Remote Desktop": [ { "thumbprint", "subject",
# "issuer", "notBefore", "notAfter", "hasPrivateKey", "key": { "provider": "capi" | "cng", "container", "openError" } } ] }.
# "renewal": { "certificate": … } is what Remote Desktop Configuration (SessionEnv) makes when it restarts and finds none valid.

function Get-SimStore([string]$Store) {
  $t = Get-SimTable 'certificates'
  $k = Find-SimKey $t $Store
  if ($null -eq $k) { return $null }
  if ($null -eq $t[$k]) { $t[$k] = New-Object System.Collections.ArrayList }
  if ($t[$k] -isnot [System.Collections.IList]) { $t[$k] = [System.Collections.ArrayList]@($t[$k]) }
  return , $t[$k]
}

# "LocalMachine\Remote Desktop\<thumbprint>" → @{ store; thumbprint } (thumbprint null for the store itself).
function Split-SimCertPath([string]$Path) {
  $parts = $Path.Split('\')
  if ($parts.Count -ge 3) { return @{ store = ($parts[0] + '\' + $parts[1]); thumbprint = $parts[2] } }
  return @{ store = $Path; thumbprint = $null }
}

function New-SimCertObject([string]$Store, $Cert) {
  $o = [pscustomobject]@{
    Thumbprint = [string]$Cert['thumbprint']; Subject = [string]$Cert['subject']; Issuer = [string]$Cert['issuer']
    NotBefore = (ConvertTo-SimDate $Cert['notBefore']); NotAfter = (ConvertTo-SimDate $Cert['notAfter']); HasPrivateKey = [bool]$Cert['hasPrivateKey']
    PSPath = "Microsoft.PowerShell.Security\Certificate::$Store\$($Cert['thumbprint'])"; PSParentPath = "Microsoft.PowerShell.Security\Certificate::$Store"
  }
  $o | Add-Member -MemberType NoteProperty -Name SimKey -Value $Cert['key']
  return $o
}

function Get-SimCertItems([string]$Path) {
  $p = Split-SimCertPath $Path
  $store = Get-SimStore $p.store
  if ($null -eq $store) { return $null }
  $items = foreach ($c in $store) { if (-not $p.thumbprint -or [string]$c['thumbprint'] -eq $p.thumbprint) { New-SimCertObject $p.store $c } }
  return @($items)
}

function Remove-SimCert([string]$Path) {
  $p = Split-SimCertPath $Path
  $store = Get-SimStore $p.store
  $hit = @($store | Where-Object { [string]$_['thumbprint'] -eq $p.thumbprint })
  if ($hit.Count -eq 0) { return $false }
  foreach ($c in $hit) { $store.Remove($c) }
  return $true
}

# SessionEnv makes a new self-signed certificate when the Remote Desktop store holds no valid one, and RDP-Tcp's
# Win32_TSGeneralSetting then names it. "renewal": { "certificate": { … } } is the certificate it makes.
function Invoke-SimCertificateRenewal {
  $renewal = $global:RdpSim['renewal']
  $store = Get-SimStore 'LocalMachine\Remote Desktop'
  if ($null -eq $renewal -or $null -eq $store) { return }
  $now = Get-SimNow
  $valid = @($store | Where-Object { (ConvertTo-SimDate $_['notAfter']) -gt $now })
  if ($valid.Count -gt 0) { return }
  $cert = $renewal['certificate']
  [void]$store.Add($cert)
  $rows = (Get-SimTable 'cim')['root/cimv2/TerminalServices:Win32_TSGeneralSetting']
  foreach ($row in @($rows)) { if ($row -and $row['SSLCertificateSHA1Hash']) { $row['SSLCertificateSHA1Hash'] = $cert['thumbprint'] } }
}

function Export-Certificate {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)]$Cert, [Parameter(Mandatory = $true)][string]$FilePath, [string]$Type = 'CERT')
  $path = (Resolve-SimPath $FilePath).path
  if (-not (Test-SimDir (Get-SimParent $path))) { $PSCmdlet.ThrowTerminatingError((New-SimNotFound $path 'ExportCertificateCommand')) }
  # The public part only (DER); the simulated certificate has no real encoding, so its thumbprint stands in for it.
  Set-SimFileBytes $path ([Text.Encoding]::ASCII.GetBytes("SIMULATED-DER-$($Cert.Thumbprint)"))
  return (New-SimItemObject $path)
}
