# One pwsh process that runs many scripts against simulated Windows machines (a pwsh start-up costs seconds; a job
# costs milliseconds). Reads one JSON request per line on stdin; answers each on stdout as
#   \n<<<RDPSIM BEGIN id>>>\n <the job's stdout bytes> \n<<<RDPSIM END id <base64 JSON>>>\n
# so a job that writes raw bytes to its standard output (as the app's scripts do) is framed exactly.
param([Parameter(Mandatory = $true)][string]$Sandbox)

$ErrorActionPreference = 'Stop'
$KitDir = [System.IO.Path]::Combine($PSScriptRoot, 'kit')
$Out = [System.Console]::OpenStandardOutput()
$Machines = @{}
[System.Environment]::CurrentDirectory = $Sandbox
Microsoft.PowerShell.Management\Set-Location -LiteralPath $Sandbox

foreach ($part in @('core', 'registry', 'acl', 'files', 'certs', 'items', 'tools', 'system', 'network', 'dotnet')) { . ([System.IO.Path]::Combine($KitDir, "$part.ps1")) }
Register-SimTypes

function Send-Bytes([byte[]]$Bytes) { $Out.Write($Bytes, 0, $Bytes.Length); $Out.Flush() }
function Send-Text([string]$Text) { Send-Bytes ([System.Text.Encoding]::UTF8.GetBytes($Text)) }
function Send-Answer([string]$Id, $Meta, [byte[]]$Body = @()) {
  Send-Text "`n<<<RDPSIM BEGIN $Id>>>`n"
  if ($Body.Length) { Send-Bytes $Body }
  $json = Microsoft.PowerShell.Utility\ConvertTo-Json -InputObject $Meta -Depth 30 -Compress
  Send-Text "`n<<<RDPSIM END $Id $([System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json)))>>>`n"
}

# Registry values are kept in the form a read returns, lists the scripts change become ArrayLists.
function Initialize-Machine($State) {
  foreach ($key in @($State['registry'].Keys)) {
    $entry = $State['registry'][$key]
    if ($null -eq $entry['values']) { $entry['values'] = @{} }
    foreach ($n in @($entry['values'].Keys)) { $v = $entry['values'][$n]; $v['value'] = ConvertTo-SimRegStored $v['kind'] $v['value'] }
  }
  foreach ($name in @('credentials', 'restarts')) { $State[$name] = [System.Collections.ArrayList]@($State[$name] | Where-Object { $null -ne $_ }) }
  if ($State['certificates']) { foreach ($s in @($State['certificates'].Keys)) { $State['certificates'][$s] = [System.Collections.ArrayList]@($State['certificates'][$s] | Where-Object { $null -ne $_ }) } }
  return $State
}

# How Windows PowerShell's console host writes an error record to a redirected stderr: as text, or as CLIXML.
function Format-ErrorRecord($Record) {
  $command = if ($Record.InvocationInfo -and $Record.InvocationInfo.MyCommand) { $Record.InvocationInfo.MyCommand.Name } else { '' }
  return ("{0} : {1}`r`n    + CategoryInfo          : {2}`r`n    + FullyQualifiedErrorId : {3}`r`n" -f $command, $Record.Exception.Message, $Record.CategoryInfo, $Record.FullyQualifiedErrorId)
}

function ConvertTo-CliXmlStderr([string[]]$Texts) {
  $parts = foreach ($t in $Texts) { '<S S="Error">' + [System.Security.SecurityElement]::Escape($t).Replace("`r", '_x000D_').Replace("`n", '_x000A_') + '</S>' }
  return "#< CLIXML`r`n<Objs Version=`"1.1.0.1`" xmlns=`"http://schemas.microsoft.com/powershell/2004/04`">" + (-join $parts) + '</Objs>'
}

function Invoke-Job($Request) {
  $machine = $Machines[[string]$Request['machine']]
  if ($null -eq $machine) { throw "No machine $($Request['machine']) is loaded." }
  $global:RdpSim = $machine
  $wasElevated = $machine['elevated']
  if ($Request.ContainsKey('elevated')) { $machine['elevated'] = [bool]$Request['elevated'] }
  # The process environment the script sees: the machine's variables plus the runner's (RDP_DOCTOR_DATA).
  $vars = @{}
  foreach ($t in @($machine['env'], $Request['env'])) { if ($t) { foreach ($k in $t.Keys) { $vars[$k] = [string]$t[$k] } } }
  $saved = @{}
  foreach ($k in $vars.Keys) { $saved[$k] = [System.Environment]::GetEnvironmentVariable($k); [System.Environment]::SetEnvironmentVariable($k, $vars[$k]) }
  if ($machine['timeZone']) { $saved['TZ'] = [System.Environment]::GetEnvironmentVariable('TZ'); [System.Environment]::SetEnvironmentVariable('TZ', [string]$machine['timeZone']); [System.TimeZoneInfo]::ClearCachedData() }
  Register-SimTools ([string]$vars['SystemRoot'])
  $file = [System.IO.Path]::Combine($Sandbox, "job-$($Request['id']).ps1")
  [IO.File]::WriteAllText($file, [string]$Request['text'], (New-Object System.Text.UTF8Encoding $true))
  $stderr = New-Object System.IO.StringWriter
  $oldError = [System.Console]::Error
  [System.Console]::SetError($stderr)
  $global:RdpSimNativeBox = $null
  $global:LASTEXITCODE = 0
  $records = $null
  $uncaught = $null
  Send-Text "`n<<<RDPSIM BEGIN $($Request['id'])>>>`n"
  try {
    # The preferences a fresh powershell.exe starts with; the script sets its own.
    $records = & { $ErrorActionPreference = 'Continue'; & $file *>&1 }
  } catch { $uncaught = $_ }
  finally { [System.Console]::SetError($oldError) }
  $code = if ($uncaught) { 1 } elseif ([object]::ReferenceEquals($global:LASTEXITCODE, $global:RdpSimNativeBox) -or $null -eq $global:LASTEXITCODE) { 0 } else { [int]$global:LASTEXITCODE }
  $lines = New-Object System.Collections.Generic.List[string]
  $errors = New-Object System.Collections.Generic.List[string]
  foreach ($r in @($records)) {
    if ($r -is [System.Management.Automation.ErrorRecord]) { $errors.Add((Format-ErrorRecord $r)) }
    elseif ($r -is [System.Management.Automation.InformationRecord]) { $lines.Add([string]$r.MessageData) }
    elseif ($r -is [System.Management.Automation.WarningRecord]) { $lines.Add('WARNING: ' + $r.Message) }
    elseif ($r -is [System.Management.Automation.VerboseRecord]) { $lines.Add('VERBOSE: ' + $r.Message) }
    elseif ($r -is [System.Management.Automation.DebugRecord]) { $lines.Add('DEBUG: ' + $r.Message) }
    elseif ($null -ne $r) { foreach ($l in @(Microsoft.PowerShell.Utility\Out-String -InputObject $r -Stream)) { $lines.Add($l) } }
  }
  if ($uncaught) { $errors.Add((Format-ErrorRecord $uncaught)) }
  # The console host writes what the script outputs in the OEM code page, whatever the script set (5.1, redirected).
  if ($lines.Count -gt 0) {
    $oem = [System.Text.Encoding]::GetEncoding([int]$(if ($machine['oemCodePage']) { $machine['oemCodePage'] } else { 437 }))
    Send-Bytes ($oem.GetBytes(($lines -join "`r`n") + "`r`n"))
  }
  $err = $stderr.ToString()
  if ($errors.Count -gt 0) { if ($Request['stderr'] -eq 'clixml') { $err = (ConvertTo-CliXmlStderr $errors.ToArray()) + $err } else { $err = (-join $errors) + $err } }
  foreach ($k in $saved.Keys) { [System.Environment]::SetEnvironmentVariable($k, $saved[$k]) }
  [System.TimeZoneInfo]::ClearCachedData()
  if ($Request.ContainsKey('elevated')) { $machine['elevated'] = $wasElevated }
  [IO.File]::Delete($file)
  $meta = @{ exitCode = $code; stderr = $err }
  $json = Microsoft.PowerShell.Utility\ConvertTo-Json -InputObject $meta -Depth 5 -Compress
  Send-Text "`n<<<RDPSIM END $($Request['id']) $([System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json)))>>>`n"
}

# The process UAC starts (the kit's [System.Diagnostics.Process]::Start): the encoded command runs here, as administrator,
# its output going nowhere (an elevated window of its own); the exit code is what the launcher reads.
function Invoke-SimElevatedProcess([string]$EncodedCommand) {
  $text = [System.Text.Encoding]::Unicode.GetString([System.Convert]::FromBase64String($EncodedCommand))
  $file = [System.IO.Path]::Combine($Sandbox, "elevated-$([guid]::NewGuid().ToString('n')).ps1")
  [IO.File]::WriteAllText($file, $text, (New-Object System.Text.UTF8Encoding $true))
  $was = $global:RdpSim['elevated']
  $global:RdpSim['elevated'] = $true
  $outerExit = $global:LASTEXITCODE
  $outerBox = $global:RdpSimNativeBox
  $global:RdpSimNativeBox = $null
  $global:LASTEXITCODE = 0
  try {
    $null = & { $ErrorActionPreference = 'Continue'; & $file *>&1 }
    $code = if ([object]::ReferenceEquals($global:LASTEXITCODE, $global:RdpSimNativeBox) -or $null -eq $global:LASTEXITCODE) { 0 } else { [int]$global:LASTEXITCODE }
  } catch { $code = 1 }
  finally {
    $global:RdpSim['elevated'] = $was
    $global:LASTEXITCODE = $outerExit
    $global:RdpSimNativeBox = $outerBox
    [IO.File]::Delete($file)
  }
  return $code
}

while ($null -ne ($line = [System.Console]::In.ReadLine())) {
  if ($line.Trim() -eq '') { continue }
  $request = Microsoft.PowerShell.Utility\ConvertFrom-Json -InputObject $line -AsHashtable -DateKind String
  $id = [string]$request['id']
  try {
    switch ([string]$request['op']) {
      'load' { $Machines[[string]$request['machine']] = Initialize-Machine $request['state']; Send-Answer $id @{ ok = $true } }
      'dump' { Send-Answer $id @{ ok = $true; state = $Machines[[string]$request['machine']] } }
      'run' { Invoke-Job $request }
      'quit' { Send-Answer $id @{ ok = $true }; exit 0 }
      default { throw "Unknown op $($request['op'])" }
    }
  } catch {
    Send-Answer $id @{ ok = $false; error = ($_ | Microsoft.PowerShell.Utility\Out-String) }
  }
}
