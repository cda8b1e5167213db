# The simulated registry: "registry": { "<HKEY_… key>": { "values": { "<name>": { "kind": "DWord", "value": 1 } },
# "denied": false } }. A key exists when it or a key below it is listed. Values are kept in the form a read returns
# (a DWORD above 0x7FFFFFFF as a negative Int32, REG_BINARY as upper-case hex), so two dumps compare exactly.

$global:SimRegKinds = @('String', 'ExpandString', 'Binary', 'DWord', 'MultiString', 'QWord')

function Get-SimRegistry {
  if ($null -eq $global:RdpSim['registry']) { $global:RdpSim['registry'] = @{} }
  return $global:RdpSim['registry']
}

function Get-SimRegEntry([string]$Path) {
  $reg = Get-SimRegistry
  $k = Find-SimKey $reg $Path
  if ($null -eq $k) { return $null }
  $entry = $reg[$k]
  if ($null -eq $entry['values']) { $entry['values'] = @{} }
  return $entry
}

function Test-SimRegKey([string]$Path) {
  if ($null -ne (Get-SimRegEntry $Path)) { return $true }
  $prefix = $Path + '\'
  foreach ($k in (Get-SimRegistry).Keys) { if ($k.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) { return $true } }
  # The hives themselves always exist.
  return ($Path -match '^HKEY_[A-Z_]+$')
}

function Test-SimRegDenied([string]$Path) {
  # A denied key denies everything below it too.
  foreach ($k in (Get-SimRegistry).Keys) {
    $e = (Get-SimRegistry)[$k]
    if ($e['denied'] -and ([string]::Equals($k, $Path, [StringComparison]::OrdinalIgnoreCase) -or $Path.StartsWith($k + '\', [StringComparison]::OrdinalIgnoreCase))) { return $true }
  }
  return $false
}

function Test-SimCanWrite([string]$Path) {
  # Writes under HKEY_LOCAL_MACHINE need an elevated process, as on Windows.
  if (Test-SimRegDenied $Path) { return $false }
  return (-not ($Path -like 'HKEY_LOCAL_MACHINE*') -or [bool]$global:RdpSim['elevated'])
}

function Expand-SimEnvironment([string]$Text) {
  $env = $global:RdpSim['env']
  return [regex]::Replace($Text, '%([^%]+)%', {
      param($m)
      $k = if ($env) { Find-SimKey $env $m.Groups[1].Value } else { $null }
      if ($null -ne $k) { [string]$env[$k] } else { $m.Value }
    })
}

# The stored form of a value of `kind` (throws what New-ItemProperty or reg.exe would reject).
function ConvertTo-SimRegStored([string]$Kind, $Value) {
  switch ($Kind) {
    'DWord' {
      $n = if ($Value -is [string]) { if ($Value -match '^0x([0-9a-fA-F]+)$') { [Convert]::ToInt64($Matches[1], 16) } else { [long]::Parse($Value) } } else { [long]$Value }
      if ($n -lt [int]::MinValue -or $n -gt [uint32]::MaxValue) { throw (New-Object System.ArgumentException "The value $n is out of range for a DWORD.") }
      if ($n -gt [int]::MaxValue) { $n -= 4294967296 }
      return [int]$n
    }
    'QWord' { return [long]$Value }
    'String' { return [string]$Value }
    'ExpandString' { return [string]$Value }
    'MultiString' { return , [string[]]@($Value) }
    'Binary' {
      if ($Value -is [string]) { return $Value.ToUpperInvariant() }
      return (-join (@($Value) | ForEach-Object { ([byte]$_).ToString('X2') }))
    }
    default { throw (New-Object System.ArgumentException "Unknown registry value kind '$Kind'.") }
  }
}

# What a .NET read returns for a stored value: Int32, Int64, String, String[] or Byte[].
function ConvertFrom-SimRegStored([string]$Kind, $Stored, [switch]$Expand) {
  switch ($Kind) {
    'DWord' { return [int]$Stored }
    'QWord' { return [long]$Stored }
    'ExpandString' { if ($Expand) { return (Expand-SimEnvironment ([string]$Stored)) } else { return [string]$Stored } }
    'MultiString' { return , [string[]]@($Stored) }
    'Binary' {
      $hex = [string]$Stored
      $bytes = New-Object byte[] ($hex.Length / 2)
      for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring(2 * $i, 2), 16) }
      return , $bytes
    }
    default { return [string]$Stored }
  }
}

function Set-SimRegValue([string]$Path, [string]$Name, [string]$Kind, $Value) {
  $canonicalKind = $global:SimRegKinds | Where-Object { $_ -eq $Kind } | Select-Object -First 1
  if (-not $canonicalKind) { throw (New-Object System.ArgumentException "Unknown registry value kind '$Kind'.") }
  $stored = ConvertTo-SimRegStored $canonicalKind $Value
  New-SimRegKey $Path
  $values = (Get-SimRegEntry $Path)['values']
  $existing = Find-SimKey $values $Name
  if ($null -ne $existing) { $values.Remove($existing) }
  $values[$Name] = @{ kind = $canonicalKind; value = $stored }
}

function New-SimRegKey([string]$Path) {
  $reg = Get-SimRegistry
  if ($null -eq (Find-SimKey $reg $Path)) { $reg[$Path] = @{ values = @{} } }
}

function Get-SimRegSubKeyNames([string]$Path) {
  $prefix = $Path + '\'
  $names = New-Object System.Collections.Generic.List[string]
  foreach ($k in (Get-SimRegistry).Keys) {
    if ($k.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) {
      $child = $k.Substring($prefix.Length).Split('\')[0]
      if (-not ($names | Where-Object { $_ -eq $child })) { $names.Add($child) }
    }
  }
  return , $names.ToArray()
}

function Remove-SimRegKey([string]$Path, [switch]$Recurse) {
  $reg = Get-SimRegistry
  $prefix = $Path + '\'
  $below = @($reg.Keys | Where-Object { $_.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase) })
  if ($below.Count -gt 0 -and -not $Recurse) { throw (New-Object System.IO.IOException "The key $Path has subkeys.") }
  foreach ($k in $below) { $reg.Remove($k) }
  $own = Find-SimKey $reg $Path
  if ($null -ne $own) { $reg.Remove($own) }
}

function Get-SimRegPsPath([string]$Path) { 'Microsoft.PowerShell.Core\Registry::' + $Path }

# A RegistryKey as Get-Item returns it: GetValue, GetValueKind, ValueCount, SubKeyCount, Property.
function New-SimRegKeyObject([string]$Path) {
  $entry = Get-SimRegEntry $Path
  $values = if ($entry) { $entry['values'] } else { @{} }
  $o = [pscustomobject]@{
    Name = $Path; PSPath = (Get-SimRegPsPath $Path); PSParentPath = (Get-SimRegPsPath (Get-SimParent $Path)); PSChildName = (Get-SimLeaf $Path)
    ValueCount = $values.Count; SubKeyCount = (Get-SimRegSubKeyNames $Path).Count; Property = [string[]]@($values.Keys)
    PSIsContainer = $true
  }
  $o | Add-Member -MemberType NoteProperty -Name SimPath -Value $Path
  $o | Add-Member -MemberType ScriptMethod -Name GetValue -Value {
    param([string]$Name, $Default = $null, $Options = 'None')
    $e = Get-SimRegEntry $this.SimPath
    if ($null -eq $e) { return $Default }
    $k = Find-SimKey $e['values'] $Name
    if ($null -eq $k) { return $Default }
    $v = $e['values'][$k]
    return (ConvertFrom-SimRegStored $v['kind'] $v['value'] -Expand:([string]$Options -ne 'DoNotExpandEnvironmentNames'))
  }
  $o | Add-Member -MemberType ScriptMethod -Name GetValueKind -Value {
    param([string]$Name)
    $e = Get-SimRegEntry $this.SimPath
    $k = if ($e) { Find-SimKey $e['values'] $Name } else { $null }
    if ($null -eq $k) { throw (New-Object System.IO.IOException 'The specified registry key does not exist.') }
    return [string]$e['values'][$k]['kind']
  }
  return $o
}

# Get-ItemProperty's object: one property per value (REG_EXPAND_SZ expanded), plus the PS* path properties.
function New-SimRegPropertyObject([string]$Path, [string[]]$Names) {
  $entry = Get-SimRegEntry $Path
  $o = [ordered]@{}
  foreach ($k in @($entry['values'].Keys | Sort-Object)) {
    if ($Names -and -not ($Names | Where-Object { $_ -eq $k })) { continue }
    $v = $entry['values'][$k]
    $o[$k] = ConvertFrom-SimRegStored $v['kind'] $v['value'] -Expand
  }
  if ($o.Count -eq 0) { return $null }
  $o['PSPath'] = Get-SimRegPsPath $Path
  $o['PSParentPath'] = Get-SimRegPsPath (Get-SimParent $Path)
  $o['PSChildName'] = Get-SimLeaf $Path
  $o['PSProvider'] = 'Microsoft.PowerShell.Core\Registry'
  return [pscustomobject]$o
}

# reg.exe: `add KEY /v NAME /t TYPE /d DATA /f` and `export KEY FILE /y`, with its exit codes and messages.
function Invoke-SimReg {
  $a = @($args | ForEach-Object { [string]$_ })
  $op = if ($a.Count -gt 0) { $a[0].ToLowerInvariant() } else { '' }
  $key = if ($a.Count -gt 1) { (Resolve-SimPath $a[1]).path } else { '' }
  Set-SimExitCode 1
  if ($op -eq 'add') {
    $name = $a[[array]::IndexOf($a, '/v') + 1]
    $type = $a[[array]::IndexOf($a, '/t') + 1]
    $data = $a[[array]::IndexOf($a, '/d') + 1]
    if (-not (Test-SimCanWrite $key)) { [Console]::Error.WriteLine('ERROR: Access is denied.'); return }
    $kind = @{ REG_DWORD = 'DWord'; REG_SZ = 'String'; REG_EXPAND_SZ = 'ExpandString'; REG_QWORD = 'QWord'; REG_BINARY = 'Binary'; REG_MULTI_SZ = 'MultiString' }[$type]
    try { Set-SimRegValue $key $name $kind $data } catch { [Console]::Error.WriteLine('ERROR: Invalid syntax.'); return }
    'The operation completed successfully.'
    Set-SimExitCode 0
    return
  }
  if ($op -eq 'export') {
    $file = (Resolve-SimPath $a[2]).path
    if (-not (Test-SimRegKey $key)) { [Console]::Error.WriteLine('ERROR: The system was unable to find the specified registry key or value.'); return }
    $keys = @((Get-SimRegistry).Keys | Where-Object { [string]::Equals($_, $key, [StringComparison]::OrdinalIgnoreCase) -or $_.StartsWith($key + '\', [StringComparison]::OrdinalIgnoreCase) } | Sort-Object)
    if (@($keys | Where-Object { Test-SimRegDenied $_ }).Count -gt 0) { [Console]::Error.WriteLine('ERROR: Access is denied.'); return }
    $lines = @('Windows Registry Editor Version 5.00', '')
    foreach ($k in $keys) {
      $lines += "[$k]"
      foreach ($n in @((Get-SimRegEntry $k)['values'].Keys | Sort-Object)) { $lines += ('"{0}"={1}' -f $n, (Format-SimRegFileValue (Get-SimRegEntry $k)['values'][$n])) }
      $lines += ''
    }
    Set-SimFileBytes $file ([Text.Encoding]::Unicode.GetPreamble() + [Text.Encoding]::Unicode.GetBytes(($lines -join "`r`n") + "`r`n"))
    'The operation completed successfully.'
    Set-SimExitCode 0
    return
  }
  [Console]::Error.WriteLine('ERROR: Invalid syntax.')
}

function Format-SimRegFileValue($Value) {
  switch ([string]$Value['kind']) {
    'DWord' { return ('dword:{0:x8}' -f [uint32]([long]$Value['value'] -band 0xFFFFFFFF)) }
    'String' { return ('"{0}"' -f ([string]$Value['value']).Replace('\', '\\').Replace('"', '\"')) }
    default { return ('hex:{0}' -f [string]$Value['value']) }
  }
}
