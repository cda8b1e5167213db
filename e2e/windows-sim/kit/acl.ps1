# Security descriptors as SDDL text, the form icacls /save writes and the "ACL text" a fix must put back exactly.
# .NET's ACL classes do not run off Windows, so this is a small SDDL reader and writer for the parts the scripts use.

$global:SimSidAliases = @{
  SY = 'S-1-5-18'; BA = 'S-1-5-32-544'; WD = 'S-1-1-0'; NS = 'S-1-5-20'; LS = 'S-1-5-19'; AU = 'S-1-5-11'; CO = 'S-1-3-0'
  BU = 'S-1-5-32-545'; IU = 'S-1-5-4'; SU = 'S-1-5-6'; AN = 'S-1-5-7'; CG = 'S-1-3-1'; PU = 'S-1-5-32-547'; RD = 'S-1-5-32-555'; OW = 'S-1-3-4'
}
$global:SimRightAliases = [ordered]@{ FA = 0x1F01FF; FR = 0x120089; FW = 0x120116; FX = 0x1200A0; GA = 0x10000000; GR = 0x80000000; GW = 0x40000000; GX = 0x20000000; KA = 0xF003F; KR = 0x20019 }
$global:SimRightBits = @{ CC = 0x1; DC = 0x2; LC = 0x4; SW = 0x8; RP = 0x10; WP = 0x20; DT = 0x40; LO = 0x80; CR = 0x100; SD = 0x10000; RC = 0x20000; WD = 0x40000; WO = 0x80000 }
$global:SimWellKnownNames = @{
  'S-1-5-18' = 'NT AUTHORITY\SYSTEM'; 'S-1-5-32-544' = 'BUILTIN\Administrators'; 'S-1-1-0' = 'Everyone'; 'S-1-5-20' = 'NT AUTHORITY\NETWORK SERVICE'
  'S-1-5-19' = 'NT AUTHORITY\LOCAL SERVICE'; 'S-1-5-11' = 'NT AUTHORITY\Authenticated Users'; 'S-1-3-0' = 'CREATOR OWNER'; 'S-1-5-32-545' = 'BUILTIN\Users'
}

function ConvertFrom-SimSid([string]$Text) { if ($global:SimSidAliases.ContainsKey($Text)) { return $global:SimSidAliases[$Text] } else { return $Text } }
function ConvertTo-SimSidText([string]$Sid) { foreach ($k in $global:SimSidAliases.Keys) { if ($global:SimSidAliases[$k] -eq $Sid) { return $k } }; return $Sid }

function ConvertFrom-SimRights([string]$Text) {
  if ($Text -match '^0x([0-9a-fA-F]+)$') { return [long][Convert]::ToInt64($Matches[1], 16) }
  if ($global:SimRightAliases.Contains($Text)) { return [long]$global:SimRightAliases[$Text] }
  $mask = [long]0
  for ($i = 0; $i -lt $Text.Length; $i += 2) {
    $code = $Text.Substring($i, 2)
    if ($global:SimRightAliases.Contains($code)) { $mask = $mask -bor $global:SimRightAliases[$code] } elseif ($global:SimRightBits.ContainsKey($code)) { $mask = $mask -bor $global:SimRightBits[$code] } else { throw "Unknown SDDL right $code" }
  }
  return $mask
}

function ConvertTo-SimRightsText([long]$Mask) {
  foreach ($k in $global:SimRightAliases.Keys) { if ($global:SimRightAliases[$k] -eq $Mask) { return $k } }
  return ('0x{0:x}' -f $Mask)
}

# "O:…G:…D:<flags>(ace)…" → @{ owner; group; daclFlags; aces = @(@{ type; flags; rights; sid }) }.
function ConvertFrom-SimSddl([string]$Sddl) {
  $sd = @{ owner = $null; group = $null; daclFlags = ''; aces = New-Object System.Collections.ArrayList }
  if ($Sddl -match 'O:([^:()]+?)(?=G:|D:|S:|$)') { $sd.owner = ConvertFrom-SimSid $Matches[1] }
  if ($Sddl -match 'G:([^:()]+?)(?=O:|D:|S:|$)') { $sd.group = ConvertFrom-SimSid $Matches[1] }
  if ($Sddl -match 'D:([A-Z]*)((\([^)]*\))*)') {
    $sd.daclFlags = $Matches[1]
    foreach ($m in [regex]::Matches($Matches[2], '\(([^)]*)\)')) {
      $f = $m.Groups[1].Value.Split(';')
      [void]$sd.aces.Add(@{ type = $f[0]; flags = $f[1]; rights = (ConvertFrom-SimRights $f[2]); sid = (ConvertFrom-SimSid $f[5]) })
    }
  }
  return $sd
}

function ConvertTo-SimDaclText($Sd) {
  $aces = foreach ($a in $Sd.aces) { '({0};{1};{2};;;{3})' -f $a.type, $a.flags, (ConvertTo-SimRightsText $a.rights), (ConvertTo-SimSidText $a.sid) }
  return ('D:' + $Sd.daclFlags + (-join $aces))
}

function ConvertTo-SimSddl($Sd) {
  $head = ''
  if ($Sd.owner) { $head += 'O:' + (ConvertTo-SimSidText $Sd.owner) }
  if ($Sd.group) { $head += 'G:' + (ConvertTo-SimSidText $Sd.group) }
  return ($head + (ConvertTo-SimDaclText $Sd))
}

function Get-SimAccountName([string]$Sid) {
  $accounts = $global:RdpSim['accounts']
  if ($accounts) { $k = Find-SimKey $accounts $Sid; if ($null -ne $k) { return [string]$accounts[$k] } }
  if ($global:SimWellKnownNames.ContainsKey($Sid)) { return $global:SimWellKnownNames[$Sid] }
  return $null
}

# What Get-Acl returns for an SDDL: access rules by SID, the owner, and the SDDL get/set the fix scripts call.
function New-SimAclObject([string]$Path, [string]$Sddl) {
  $acl = [pscustomobject]@{ Path = $Path; Sddl = $Sddl }
  $acl | Add-Member -MemberType ScriptMethod -Name GetAccessRules -Value {
    param($IncludeExplicit, $IncludeInherited, $TargetType)
    $sd = ConvertFrom-SimSddl $this.Sddl
    foreach ($a in $sd.aces) {
      $inherited = $a.flags -match 'ID'
      if (($inherited -and -not $IncludeInherited) -or (-not $inherited -and -not $IncludeExplicit)) { continue }
      $inh = @(); if ($a.flags -match 'CI') { $inh += 'ContainerInherit' }; if ($a.flags -match 'OI') { $inh += 'ObjectInherit' }
      $identity = [pscustomobject]@{ Value = $a.sid }
      $identity | Add-Member -MemberType ScriptMethod -Name Translate -Value {
        param($Type)
        $name = Get-SimAccountName $this.Value
        if ($null -eq $name) { throw (New-Object System.Security.Principal.IdentityNotMappedException 'Some or all identity references could not be translated.') }
        return [pscustomobject]@{ Value = $name }
      }
      [pscustomobject]@{
        IdentityReference = $identity; FileSystemRights = [int]$a.rights; AccessControlType = $(if ($a.type -eq 'D') { 'Deny' } else { 'Allow' })
        IsInherited = [bool]$inherited; InheritanceFlags = $(if ($inh.Count) { $inh -join ', ' } else { 'None' })
      }
    }
  }
  $acl | Add-Member -MemberType ScriptMethod -Name GetOwner -Value { param($Type) [pscustomobject]@{ Value = (ConvertFrom-SimSddl $this.Sddl).owner } }
  $acl | Add-Member -MemberType ScriptMethod -Name GetSecurityDescriptorSddlForm -Value {
    param($Sections)
    if ([string]$Sections -eq 'Access') { return (ConvertTo-SimDaclText (ConvertFrom-SimSddl $this.Sddl)) }
    return $this.Sddl
  }
  $acl | Add-Member -MemberType ScriptMethod -Name SetSecurityDescriptorSddlForm -Value {
    param([string]$Text, $Sections)
    $sd = ConvertFrom-SimSddl $this.Sddl
    $new = ConvertFrom-SimSddl $Text
    $sd.daclFlags = $new.daclFlags; $sd.aces = $new.aces
    if ([string]$Sections -ne 'Access') { $sd.owner = $new.owner; $sd.group = $new.group }
    $this.Sddl = ConvertTo-SimSddl $sd
  }
  return $acl
}

# An icacls grant such as '*S-1-5-20:(R)' as an allow ACE (inheritable on folders, like icacls does for (OI)(CI)).
function ConvertFrom-SimIcaclsGrant([string]$Grant) {
  if ($Grant -notmatch '^\*?(S-[0-9-]+):((\((OI|CI|IO|NP)\))*)\((F|M|RX|R|W)\)$') { throw "Unsupported icacls grant $Grant" }
  $rights = @{ F = 0x1F01FF; M = 0x1301BF; RX = 0x1200A9; R = 0x120089; W = 0x100116 }[$Matches[5]]
  $flags = ($Matches[2] -replace '[()]', '')
  return @{ type = 'A'; flags = $flags; rights = [long]$rights; sid = $Matches[1] }
}
