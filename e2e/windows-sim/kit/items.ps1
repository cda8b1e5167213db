# The item cmdlets, over the simulated registry, file system and certificate stores: each one accepts the parameters
# the app's scripts pass and fails the way the real cmdlet does (error category and id), so -ErrorAction behaves alike.

function Test-Path {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [string]$PathType = 'Any')
  $r = Resolve-SimPath $LiteralPath
  switch ($r.kind) {
    'registry' { return (Test-SimRegKey $r.path) }
    'cert' { $p = Split-SimCertPath $r.path; if ($p.thumbprint) { return (@(Get-SimCertItems $r.path).Count -gt 0) } else { return ($null -ne (Get-SimStore $p.store)) } }
    default {
      $isFile = Test-SimFile $r.path
      $isDir = -not $isFile -and (Test-SimDir $r.path)
      if ($PathType -eq 'Leaf') { return $isFile }
      if ($PathType -eq 'Container') { return $isDir }
      return ($isFile -or $isDir)
    }
  }
}

function Get-ItemProperty {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
  $r = Resolve-SimPath $LiteralPath
  if ($r.kind -ne 'registry') { throw "The simulated Get-ItemProperty reads the registry only ($LiteralPath)." }
  if (-not (Test-SimRegKey $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetItemPropertyCommand')); return }
  if (Test-SimRegDenied $r.path) { $PSCmdlet.WriteError((New-SimDenied $r.path 'GetItemPropertyCommand' 'registry')); return }
  $entry = Get-SimRegEntry $r.path
  foreach ($n in @($Name)) {
    if ($n -and ($null -eq $entry -or $null -eq (Find-SimKey $entry['values'] $n))) {
      $PSCmdlet.WriteError((New-SimErrorRecord "Property $n does not exist at path $($r.path)." 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand' 'InvalidArgument' $n 'System.Management.Automation.PSArgumentException'))
      return
    }
  }
  if ($null -eq $entry) { return }
  $o = New-SimRegPropertyObject $r.path $Name
  if ($null -ne $o) { $o }
}

function Get-Item {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [switch]$Force)
  $r = Resolve-SimPath $LiteralPath
  switch ($r.kind) {
    'registry' {
      if (-not (Test-SimRegKey $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetItemCommand')); return }
      if (Test-SimRegDenied $r.path) { $PSCmdlet.WriteError((New-SimDenied $r.path 'GetItemCommand' 'registry')); return }
      return (New-SimRegKeyObject $r.path)
    }
    'cert' { $items = Get-SimCertItems $r.path; if (-not $items) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetItemCommand')); return }; return $items }
    default {
      if (-not (Test-Path -LiteralPath $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetItemCommand')); return }
      return (New-SimItemObject (Get-SimCanonicalName $r.path))
    }
  }
}

function Get-ChildItem {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [string]$Filter, [switch]$File, [switch]$Directory, [switch]$Force, [switch]$Recurse)
  $r = Resolve-SimPath $LiteralPath
  switch ($r.kind) {
    'registry' {
      if (-not (Test-SimRegKey $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetChildItemCommand')); return }
      if (Test-SimRegDenied $r.path) { $PSCmdlet.WriteError((New-SimDenied $r.path 'GetChildItemCommand' 'registry')); return }
      foreach ($n in (Get-SimRegSubKeyNames $r.path)) { New-SimRegKeyObject ($r.path + '\' + $n) }
    }
    'cert' {
      $items = Get-SimCertItems $r.path
      if ($null -eq $items) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetChildItemCommand')); return }
      $items
    }
    default {
      if (-not (Test-SimDir $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'GetChildItemCommand')); return }
      if (Test-SimFileDenied $r.path) { $PSCmdlet.WriteError((New-SimDenied $r.path 'GetChildItemCommand')); return }
      foreach ($c in (Get-SimDirChildren $r.path)) {
        if ($File -and $c.isDir) { continue }
        if ($Directory -and -not $c.isDir) { continue }
        if (-not (Test-SimFilter $c.name $Filter)) { continue }
        $e = Get-SimFileEntry $c.path
        if ($e -and $e['hidden'] -and -not $Force) { continue }
        New-SimItemObject $c.path
      }
    }
  }
}

function New-Item {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('LiteralPath')][string]$Path, [string]$ItemType, [switch]$Force)
  $r = Resolve-SimPath $Path
  if ($r.kind -eq 'registry') {
    if (-not (Test-SimCanWrite $r.path)) { $PSCmdlet.WriteError((New-SimDenied $r.path 'NewItemCommand' 'registry')); return }
    New-SimRegKey $r.path
    return (New-SimRegKeyObject $r.path)
  }
  if ($ItemType -ne 'Directory') { throw "The simulated New-Item makes registry keys and folders only ($Path)." }
  New-SimDir $r.path
  return (New-SimItemObject $r.path)
}

function New-ItemProperty {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Mandatory = $true)][string]$Name, [Alias('Type')][string]$PropertyType = 'String', $Value, [switch]$Force)
  $r = Resolve-SimPath $LiteralPath
  if (-not (Test-SimRegKey $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'NewItemPropertyCommand')); return }
  if (-not (Test-SimCanWrite $r.path)) { $PSCmdlet.WriteError((New-SimDenied $r.path 'NewItemPropertyCommand' 'registry')); return }
  try { Set-SimRegValue $r.path $Name $PropertyType $Value }
  catch { $PSCmdlet.WriteError((New-SimErrorRecord $_.Exception.Message 'System.ArgumentException,Microsoft.PowerShell.Commands.NewItemPropertyCommand' 'InvalidArgument' $Name 'System.ArgumentException')); return }
  return (New-SimRegPropertyObject $r.path @($Name))
}

function Remove-ItemProperty {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Mandatory = $true)][string[]]$Name, [switch]$Force)
  $r = Resolve-SimPath $LiteralPath
  if (-not (Test-SimCanWrite $r.path)) { $PSCmdlet.WriteError((New-SimDenied $r.path 'RemoveItemPropertyCommand' 'registry')); return }
  $entry = Get-SimRegEntry $r.path
  foreach ($n in $Name) {
    $k = if ($entry) { Find-SimKey $entry['values'] $n } else { $null }
    if ($null -eq $k) { $PSCmdlet.WriteError((New-SimErrorRecord "Property $n does not exist at path $($r.path)." 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.RemoveItemPropertyCommand' 'InvalidArgument' $n 'System.Management.Automation.PSArgumentException')); continue }
    $entry['values'].Remove($k)
  }
}

function Remove-Item {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [switch]$Force, [switch]$Recurse)
  $r = Resolve-SimPath $LiteralPath
  switch ($r.kind) {
    'registry' {
      if (-not (Test-SimRegKey $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'RemoveItemCommand')); return }
      if (-not (Test-SimCanWrite $r.path)) { $PSCmdlet.WriteError((New-SimDenied $r.path 'RemoveItemCommand' 'registry')); return }
      Remove-SimRegKey $r.path -Recurse:$Recurse
    }
    'cert' {
      if (-not $global:RdpSim['elevated']) { $PSCmdlet.WriteError((New-SimDenied $r.path 'RemoveItemCommand')); return }
      if (-not (Remove-SimCert $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'RemoveItemCommand')) }
    }
    default {
      if (-not (Test-SimFile $r.path)) { $PSCmdlet.WriteError((New-SimNotFound $r.path 'RemoveItemCommand')); return }
      if (Test-SimFileDenied $r.path) { $PSCmdlet.WriteError((New-SimDenied $r.path 'RemoveItemCommand')); return }
      Remove-SimFile $r.path
    }
  }
}

function Copy-Item {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Position = 1)][string]$Destination, [switch]$Force)
  $src = (Resolve-SimPath $LiteralPath).path
  $dst = (Resolve-SimPath $Destination).path
  if (-not (Test-SimFile $src)) { $PSCmdlet.WriteError((New-SimNotFound $src 'CopyItemCommand')); return }
  if (Test-SimDir $dst) { $dst = $dst + '\' + (Get-SimLeaf $src) }
  $entry = Get-SimFileEntry $src
  if ($null -eq $entry['base64'] -and $null -ne $entry['size']) { Set-SimFileBytes $dst ([byte[]]@()); $copy = Get-SimFileEntry $dst; $copy.Remove('base64'); $copy['size'] = $entry['size'] }
  else { Set-SimFileBytes $dst (Get-SimFileBytes $src) }
  (Get-SimFileEntry $dst)['hidden'] = $entry['hidden']
}

function Move-Item {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Position = 1)][string]$Destination)
  $src = (Resolve-SimPath $LiteralPath).path
  Copy-Item -LiteralPath $src -Destination $Destination
  Remove-SimFile $src
}

function ConvertFrom-SimFileBytes([byte[]]$Bytes, [string]$Encoding) {
  # Windows PowerShell 5.1's reading: a BOM wins; otherwise -Encoding, and without one the ANSI code page.
  if ($Bytes.Length -ge 3 -and $Bytes[0] -eq 0xEF -and $Bytes[1] -eq 0xBB -and $Bytes[2] -eq 0xBF) { return [Text.Encoding]::UTF8.GetString($Bytes, 3, $Bytes.Length - 3) }
  if ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFF -and $Bytes[1] -eq 0xFE) { return [Text.Encoding]::Unicode.GetString($Bytes, 2, $Bytes.Length - 2) }
  switch ($Encoding) {
    'Unicode' { return [Text.Encoding]::Unicode.GetString($Bytes) }
    'UTF8' { return [Text.Encoding]::UTF8.GetString($Bytes) }
    default { return [Text.Encoding]::GetEncoding(1252).GetString($Bytes) }
  }
}

function Get-Content {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [string]$Encoding, [switch]$Raw, [int]$ReadCount = 1, [switch]$Force)
  $p = (Resolve-SimPath $LiteralPath).path
  if (-not (Test-SimFile $p)) { $PSCmdlet.WriteError((New-SimNotFound $p 'GetContentCommand')); return }
  if (Test-SimFileDenied $p) { $PSCmdlet.WriteError((New-SimDenied $p 'GetContentCommand')); return }
  $bytes = Get-SimFileBytes $p
  if ($Encoding -eq 'Byte') { if ($Raw -or $ReadCount -eq 0) { return , $bytes } else { return $bytes } }
  $text = ConvertFrom-SimFileBytes $bytes $Encoding
  if ($Raw) { return $text }
  $lines = $text -split "`r?`n"
  if ($lines.Count -gt 0 -and $lines[-1] -eq '') { $lines = $lines[0..($lines.Count - 2)] }
  return $lines
}

function Set-Content {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Position = 1, ValueFromPipeline = $true)]$Value, [string]$Encoding)
  begin { $all = New-Object System.Collections.Generic.List[string] }
  process { foreach ($v in @($Value)) { $all.Add([string]$v) } }
  end {
    $p = (Resolve-SimPath $LiteralPath).path
    if (-not (Test-SimDir (Get-SimParent $p))) { $PSCmdlet.WriteError((New-SimNotFound $p 'SetContentCommand')); return }
    $text = ($all -join "`r`n") + "`r`n"
    # 5.1: UTF8 and Unicode write a BOM; the default is the ANSI code page.
    $bytes = switch ($Encoding) {
      'UTF8' { [Text.Encoding]::UTF8.GetPreamble() + [Text.Encoding]::UTF8.GetBytes($text) }
      'Unicode' { [Text.Encoding]::Unicode.GetPreamble() + [Text.Encoding]::Unicode.GetBytes($text) }
      default { [Text.Encoding]::GetEncoding(1252).GetBytes($text) }
    }
    Set-SimFileBytes $p ([byte[]]$bytes)
  }
}

function Get-FileHash {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [string]$Algorithm = 'SHA256')
  $p = (Resolve-SimPath $LiteralPath).path
  if (-not (Test-SimFile $p)) { $PSCmdlet.WriteError((New-SimNotFound $p 'GetFileHashCommand')); return }
  $hash = [Security.Cryptography.SHA256]::Create().ComputeHash((Get-SimFileBytes $p))
  return [pscustomobject]@{ Algorithm = 'SHA256'; Hash = (-join ($hash | ForEach-Object { $_.ToString('X2') })); Path = $p }
}

function Get-Acl {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath)
  $p = (Resolve-SimPath $LiteralPath).path
  if (-not (Test-Path -LiteralPath $p)) { $PSCmdlet.WriteError((New-SimNotFound $p 'GetAclCommand')); return }
  if (Test-SimFileDenied $p) { $PSCmdlet.WriteError((New-SimDenied $p 'GetAclCommand')); return }
  return (New-SimAclObject $p (Get-SimSddl $p))
}

function Set-Acl {
  [CmdletBinding()]
  param([Parameter(Position = 0)][Alias('Path')][string]$LiteralPath, [Parameter(Mandatory = $true)]$AclObject)
  $p = (Resolve-SimPath $LiteralPath).path
  if (-not $global:RdpSim['elevated'] -or (Test-SimFileDenied $p)) { $PSCmdlet.WriteError((New-SimDenied $p 'SetAclCommand')); return }
  Set-SimSddl $p $AclObject.Sddl
}
