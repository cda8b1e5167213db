# The simulated file system: "files": { "<C:\\path>": { "base64": "…", "hidden": true, "lastWriteUtc": "…", "sddl": "…",
# "denied": false, "version": "10.0.19041.1" } } and "directories": { "<C:\\path>": { "sddl": "…", "denied": false } }.
# A folder exists when it is listed or holds a listed file or folder.

$global:SimDefaultFileSddl = 'O:BAG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)'

function Get-SimTable([string]$Name) {
  if ($null -eq $global:RdpSim[$Name]) { $global:RdpSim[$Name] = @{} }
  return $global:RdpSim[$Name]
}

function Get-SimFileEntry([string]$Path) { $t = Get-SimTable 'files'; $k = Find-SimKey $t $Path; if ($null -eq $k) { return $null }; return $t[$k] }
function Get-SimDirEntry([string]$Path) { $t = Get-SimTable 'directories'; $k = Find-SimKey $t $Path; if ($null -eq $k) { return $null }; return $t[$k] }

function Test-SimDir([string]$Path) {
  if ($Path -match '^[A-Za-z]:\\$') { return $true }
  if ($null -ne (Get-SimDirEntry $Path)) { return $true }
  $prefix = $Path.TrimEnd('\') + '\'
  foreach ($t in @((Get-SimTable 'files'), (Get-SimTable 'directories'))) {
    foreach ($k in $t.Keys) { if ($k.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) { return $true } }
  }
  return $false
}

function Test-SimFile([string]$Path) { return ($null -ne (Get-SimFileEntry $Path)) }

function Get-SimCanonicalName([string]$Path) {
  # The spelling the state uses (Windows keeps the case a name was created with).
  $k = Find-SimKey (Get-SimTable 'files') $Path
  if ($null -ne $k) { return $k }
  $k = Find-SimKey (Get-SimTable 'directories') $Path
  if ($null -ne $k) { return $k }
  return $Path
}

# Direct children of a folder: @{ name; path; isDir }.
function Get-SimDirChildren([string]$Path) {
  $prefix = $Path.TrimEnd('\') + '\'
  $seen = @{}
  foreach ($t in @((Get-SimTable 'files'), (Get-SimTable 'directories'))) {
    foreach ($k in @($t.Keys)) {
      if (-not $k.StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) { continue }
      $rest = $k.Substring($prefix.Length)
      $name = $rest.Split('\')[0]
      if ($name -eq '' -or $seen.ContainsKey($name)) { continue }
      $childPath = $prefix + $name
      $seen[$name] = @{ name = $name; path = $childPath; isDir = ($rest.Contains('\') -or ($null -ne (Get-SimDirEntry $childPath))) }
    }
  }
  return @($seen.Values | Sort-Object { $_.name })
}

function Get-SimFileBytes([string]$Path) {
  $e = Get-SimFileEntry $Path
  if ($null -eq $e) { return $null }
  if ($null -ne $e['text']) { return , ([Text.Encoding]::UTF8.GetBytes([string]$e['text'])) }
  # A file described only by its size (a large cache file) reads as that many zero bytes.
  if ($null -eq $e['base64'] -and $null -ne $e['size']) { return , (New-Object byte[] ([int]$e['size'])) }
  return , ([Convert]::FromBase64String([string]$e['base64']))
}

function Set-SimFileBytes([string]$Path, [byte[]]$Bytes) {
  $t = Get-SimTable 'files'
  $k = Find-SimKey $t $Path
  $entry = if ($null -ne $k) { $t[$k] } else { @{} }
  $entry.Remove('text'); $entry.Remove('size')
  $entry['base64'] = [Convert]::ToBase64String($Bytes)
  $entry['lastWriteUtc'] = (Get-SimNow).ToUniversalTime().ToString('o')
  if ($null -eq $k) { $t[$Path] = $entry }
}

function Remove-SimFile([string]$Path) {
  $t = Get-SimTable 'files'
  $k = Find-SimKey $t $Path
  if ($null -eq $k) { return }
  # The folder stays when its last file goes.
  $parent = Get-SimParent $k
  if ($parent -and $null -eq (Get-SimDirEntry $parent)) { (Get-SimTable 'directories')[$parent] = @{} }
  $t.Remove($k)
}

function New-SimDir([string]$Path) {
  $t = Get-SimTable 'directories'
  if ($null -eq (Find-SimKey $t $Path) -and -not (Test-SimDir $Path)) { $t[$Path] = @{} }
}

function Test-SimFileDenied([string]$Path) {
  $e = Get-SimFileEntry $Path
  if ($null -eq $e) { $e = Get-SimDirEntry $Path }
  return ($null -ne $e -and [bool]$e['denied'])
}

function Get-SimSddl([string]$Path) {
  $e = Get-SimFileEntry $Path
  if ($null -eq $e) { $e = Get-SimDirEntry $Path }
  if ($null -ne $e -and $e['sddl']) { return [string]$e['sddl'] }
  return $global:SimDefaultFileSddl
}

function Set-SimSddl([string]$Path, [string]$Sddl) {
  $e = Get-SimFileEntry $Path
  if ($null -eq $e) { New-SimDir $Path; $e = Get-SimDirEntry $Path }
  if ($null -eq $e) { $t = Get-SimTable 'directories'; $t[$Path] = @{}; $e = $t[$Path] }
  $e['sddl'] = $Sddl
}

# What Get-Item / Get-ChildItem return for a file or a folder (the FileInfo members the scripts read).
function New-SimItemObject([string]$Path) {
  $name = Get-SimLeaf $Path
  $file = Get-SimFileEntry $Path
  if ($null -eq $file) {
    return [pscustomobject]@{ Name = $name; FullName = $Path; PSChildName = $name; PSIsContainer = $true; Attributes = [IO.FileAttributes]::Directory; PSPath = "Microsoft.PowerShell.Core\FileSystem::$Path" }
  }
  $length = if ($null -eq $file['base64'] -and $null -ne $file['size']) { [long]$file['size'] } else { [long](Get-SimFileBytes $Path).Length }
  $attributes = [IO.FileAttributes]::Archive
  if ($file['hidden']) { $attributes = $attributes -bor [IO.FileAttributes]::Hidden }
  $written = if ($file['lastWriteUtc']) { [DateTime]::SpecifyKind((ConvertTo-SimDate $file['lastWriteUtc']).ToUniversalTime(), 'Utc') } else { (Get-SimNow).ToUniversalTime() }
  $version = $null
  if ($file['version']) {
    $v = [version][string]$file['version']
    $version = [pscustomobject]@{ FileMajorPart = $v.Major; FileMinorPart = $v.Minor; FileBuildPart = $v.Build; FilePrivatePart = $v.Revision; FileVersion = [string]$file['version'] }
  }
  return [pscustomobject]@{
    Name = $name; FullName = $Path; PSChildName = $name; PSIsContainer = $false; Length = $length; Attributes = $attributes
    LastWriteTimeUtc = $written; LastWriteTime = $written.ToLocalTime(); Extension = [IO.Path]::GetExtension($name); VersionInfo = $version
    PSPath = "Microsoft.PowerShell.Core\FileSystem::$Path"
  }
}

# Get-ChildItem's -Filter: * and ? only, as the file system provider matches them.
function Test-SimFilter([string]$Name, [string]$Filter) {
  if (-not $Filter) { return $true }
  $re = '^' + ([regex]::Escape($Filter) -replace '\\\*', '.*' -replace '\\\?', '.') + '$'
  return ($Name -match $re)
}
