# The native tools the scripts call by full path ("$env:SystemRoot\System32\<tool>.exe"): aliases of that path point
# at these functions, which print what the tool prints, write to stderr as it does, and set $LASTEXITCODE.

$global:SimCmdkeyLabels = @{
  'en-US' = @{ header = 'Currently stored credentials:'; target = 'Target'; type = 'Type'; user = 'User'; none = '* NONE *'; deleted = 'CMDKEY: Credential deleted successfully.'; notFound = 'CMDKEY: Element not found.' }
  'de-DE' = @{ header = 'Derzeit gespeicherte Anmeldeinformationen:'; target = 'Ziel'; type = 'Typ'; user = 'Benutzer'; none = '* KEINE *'; deleted = 'CMDKEY: Die Anmeldeinformationen wurden erfolgreich gelöscht.'; notFound = 'CMDKEY: Das Element wurde nicht gefunden.' }
}

function Get-SimLabels { $l = $global:SimCmdkeyLabels[[string]$global:RdpSim['language']]; if ($null -eq $l) { $l = $global:SimCmdkeyLabels['en-US'] }; return $l }

function Get-SimCredentials {
  if ($null -eq $global:RdpSim['credentials']) { $global:RdpSim['credentials'] = New-Object System.Collections.ArrayList }
  if ($global:RdpSim['credentials'] -isnot [System.Collections.ArrayList]) { $global:RdpSim['credentials'] = [System.Collections.ArrayList]@($global:RdpSim['credentials']) }
  return , $global:RdpSim['credentials']
}

# cmdkey /list and /delete:<target>. "cmdkey": { "exitCode": "always-zero" } makes it exit 0 whatever happened, and
# "cmdkey": { "refuseDelete": true } makes Windows keep the credential (as a policy or a locked vault can).
function Invoke-SimCmdkey {
  $l = Get-SimLabels
  $options = $global:RdpSim['cmdkey']
  $alwaysZero = $options -and $options['exitCode'] -eq 'always-zero'
  $a = @($args | ForEach-Object { [string]$_ })
  if ($a -contains '/list') {
    ''; $l.header; ''
    $list = Get-SimCredentials
    if ($list.Count -eq 0) { "    $($l.none)"; '' }
    foreach ($c in $list) {
      "    $($l.target): $($c['target'])"; "    $($l.type): $($c['type'])"
      if ($c['user']) { "    $($l.user): $($c['user'])" }
      if ($c['persistence']) { "    $($c['persistence'])" }
      ''
    }
    Set-SimExitCode 0
    return
  }
  $delete = $a | Where-Object { $_ -like '/delete:*' } | Select-Object -First 1
  if ($delete) {
    $name = $delete.Substring(8)
    $list = Get-SimCredentials
    $hit = $list | Where-Object { ([string]$_['target']) -match '=(.*)$' -and [string]::Equals($Matches[1], $name, [StringComparison]::OrdinalIgnoreCase) } | Select-Object -First 1
    ''
    if ($hit -and -not ($options -and $options['refuseDelete'])) { $list.Remove($hit); $l.deleted; ''; Set-SimExitCode 0; return }
    [Console]::Error.WriteLine($l.notFound)
    Set-SimExitCode $(if ($alwaysZero) { 0 } else { 1 })
    return
  }
  [Console]::Error.WriteLine('The command line parameters are incorrect.')
  Set-SimExitCode 1
}

function Invoke-SimQwinsta { foreach ($line in @($global:RdpSim['qwinsta'])) { if ($null -ne $line) { [string]$line } }; Set-SimExitCode 0 }

function Invoke-SimIpconfig {
  if ((Get-SimFault 'ipconfig') -and -not $global:RdpSim['elevated']) { ''; 'Windows IP Configuration'; ''; 'The requested operation requires elevation.'; Set-SimExitCode 1; return }
  ''; 'Windows IP Configuration'; ''; 'Successfully flushed the DNS Resolver Cache.'
  Set-SimExitCode 0
}

# "dir\*" means the files in dir; anything else is one path.
function Get-SimIcaclsTargets([string]$Target) {
  $p = (Resolve-SimPath $Target).path
  if ($p.EndsWith('\*')) { $dir = $p.Substring(0, $p.Length - 2); return @(Get-SimDirChildren $dir | Where-Object { -not $_.isDir } | ForEach-Object { $_.path }) }
  return @($p)
}

function Add-SimGrant([string]$Path, [string]$Grant) {
  $ace = ConvertFrom-SimIcaclsGrant $Grant
  $sd = ConvertFrom-SimSddl (Get-SimSddl $Path)
  # Without :r icacls adds the rights to the SID's explicit allow entry, or appends one.
  $same = $sd.aces | Where-Object { $_.type -eq 'A' -and $_.sid -eq $ace.sid -and ($_.flags -notmatch 'ID') } | Select-Object -First 1
  if ($same) { $same.rights = $same.rights -bor $ace.rights } else { [void]$sd.aces.Add($ace) }
  Set-SimSddl $Path (ConvertTo-SimSddl $sd)
}

# icacls <path> /save <file> /c | <dir> /restore <file> /c | <path> [/t] [/c] /grant <grant> | <dir> /t /c (listing).
function Invoke-SimIcacls {
  $a = @($args | ForEach-Object { [string]$_ })
  $failed = 0
  Set-SimExitCode 0
  if (-not $global:RdpSim['elevated']) { [Console]::Error.WriteLine("$($a[0]): Access is denied."); 'Successfully processed 0 files; Failed processing 1 files'; Set-SimExitCode 5; return }
  $targets = Get-SimIcaclsTargets $a[0]
  if ($a -contains '/t') { $targets = @($targets) + @(Get-SimDirChildren (Resolve-SimPath $a[0]).path | Where-Object { -not $_.isDir } | ForEach-Object { $_.path }) }
  if ($a -contains '/save') {
    $file = (Resolve-SimPath $a[[array]::IndexOf($a, '/save') + 1]).path
    $lines = @()
    foreach ($t in $targets) {
      if (Test-SimFileDenied $t) { [Console]::Error.WriteLine("${t}: Access is denied."); $failed++; continue }
      $lines += (Get-SimLeaf $t); $lines += (ConvertTo-SimDaclText (ConvertFrom-SimSddl (Get-SimSddl $t)))
    }
    Set-SimFileBytes $file ([Text.Encoding]::Unicode.GetBytes(($lines -join "`r`n") + "`r`n"))
  } elseif ($a -contains '/restore') {
    $dir = (Resolve-SimPath $a[0]).path
    $saved = @((ConvertFrom-SimFileBytes (Get-SimFileBytes (Resolve-SimPath $a[[array]::IndexOf($a, '/restore') + 1]).path) 'Unicode') -split "`r`n" | Where-Object { $_ -ne '' })
    for ($i = 0; $i + 1 -lt $saved.Count; $i += 2) {
      $t = $dir + '\' + $saved[$i]
      if (-not (Test-Path -LiteralPath $t)) { [Console]::Error.WriteLine("${t}: The system cannot find the file specified."); $failed++; continue }
      $sd = ConvertFrom-SimSddl (Get-SimSddl $t)
      $new = ConvertFrom-SimSddl $saved[$i + 1]
      $sd.daclFlags = $new.daclFlags; $sd.aces = $new.aces
      Set-SimSddl $t (ConvertTo-SimSddl $sd)
    }
  } elseif ($a -contains '/setowner') {
    $sid = ($a[[array]::IndexOf($a, '/setowner') + 1]).TrimStart('*')
    foreach ($t in $targets) { $sd = ConvertFrom-SimSddl (Get-SimSddl $t); $sd.owner = $sid; Set-SimSddl $t (ConvertTo-SimSddl $sd) }
  } elseif ($a -contains '/grant') {
    $grant = $a[[array]::IndexOf($a, '/grant') + 1]
    foreach ($t in $targets) { if (Test-SimFileDenied $t) { $failed++; continue }; Add-SimGrant $t $grant }
  } else {
    foreach ($t in $targets) { "$t $((ConvertFrom-SimSddl (Get-SimSddl $t)).aces.Count) entries" }
  }
  "Successfully processed $($targets.Count - $failed) files; Failed processing $failed files"
  if ($failed -gt 0) { Set-SimExitCode 5 }
}

function Invoke-SimTakeown {
  $a = @($args | ForEach-Object { [string]$_ })
  if (-not $global:RdpSim['elevated']) { [Console]::Error.WriteLine('ERROR: Access is denied.'); Set-SimExitCode 1; return }
  foreach ($t in (Get-SimIcaclsTargets $a[[array]::IndexOf($a, '/f') + 1])) {
    $sd = ConvertFrom-SimSddl (Get-SimSddl $t)
    $sd.owner = 'S-1-5-32-544'
    Set-SimSddl $t (ConvertTo-SimSddl $sd)
    # Administrators own it now, so they can read and change its permissions.
    $e = Get-SimFileEntry $t; if ($null -eq $e) { $e = Get-SimDirEntry $t }; if ($e) { $e.Remove('denied') }
    "SUCCESS: The file (or folder): `"$t`" now owned by the administrators group."
  }
  Set-SimExitCode 0
}

# The aliases that make "$env:SystemRoot\System32\<tool>.exe" reach the functions above.
function Register-SimTools([string]$SystemRoot) {
  $tools = @{ cmdkey = 'Invoke-SimCmdkey'; qwinsta = 'Invoke-SimQwinsta'; ipconfig = 'Invoke-SimIpconfig'; icacls = 'Invoke-SimIcacls'; takeown = 'Invoke-SimTakeown'; reg = 'Invoke-SimReg' }
  foreach ($t in $tools.Keys) { Set-Alias -Name "$SystemRoot\System32\$t.exe" -Value $tools[$t] -Scope Global -Force }
}
