# Services, processes, WMI/CIM, event logs, updates and Store apps of the simulated machine.

function Get-SimList([string]$Name) {
  $v = $global:RdpSim[$Name]
  if ($null -eq $v) { return @() }
  return @($v)
}

function Find-SimService([string]$Name) { Get-SimList 'services' | Where-Object { [string]::Equals([string]$_['name'], $Name, [StringComparison]::OrdinalIgnoreCase) } | Select-Object -First 1 }

function New-SimServiceObject($Service) {
  $o = [pscustomobject]@{ Name = [string]$Service['name']; DisplayName = [string]$Service['displayName']; Status = [string]$Service['state']; StartType = [string]$Service['startType'] }
  $o | Add-Member -MemberType ScriptMethod -Name WaitForStatus -Value {
    param($Status, $Timeout)
    if ([string](Find-SimService $this.Name)['state'] -ne [string]$Status) { throw (New-Object System.TimeoutException 'Time out has expired and the operation has not been completed.') }
  }
  return $o
}

function Get-Service {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name)
  Invoke-SimFault $PSCmdlet 'Get-Service'
  foreach ($n in $Name) {
    $s = Find-SimService $n
    if ($null -eq $s) { $PSCmdlet.WriteError((New-SimErrorRecord "Cannot find any service with service name '$n'." 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand' 'ObjectNotFound' $n 'System.InvalidOperationException')); continue }
    New-SimServiceObject $s
  }
}

function Restart-Service {
  [CmdletBinding()]
  param([Parameter(Position = 0)][string[]]$Name, [switch]$Force)
  Invoke-SimFault $PSCmdlet 'Restart-Service'
  foreach ($n in $Name) {
    $s = Find-SimService $n
    if ($null -eq $s) { $PSCmdlet.WriteError((New-SimErrorRecord "Cannot find any service with service name '$n'." 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.RestartServiceCommand' 'ObjectNotFound' $n 'System.InvalidOperationException')); continue }
    if (-not $global:RdpSim['elevated']) { $PSCmdlet.WriteError((New-SimErrorRecord "Service '$n' cannot be stopped due to the following error: Cannot open $n service on computer '.'." 'CouldNotStopService,Microsoft.PowerShell.Commands.RestartServiceCommand' 'CloseError' $n 'System.InvalidOperationException')); continue }
    $s['state'] = 'Running'
    $restarts = $global:RdpSim['restarts']
    if ($null -eq $restarts) { $global:RdpSim['restarts'] = New-Object System.Collections.ArrayList; $restarts = $global:RdpSim['restarts'] }
    [void]$restarts.Add([string]$s['name'])
    if ($s['name'] -eq 'SessionEnv') { Invoke-SimCertificateRenewal }
  }
}

function Get-Process {
  [CmdletBinding()]
  param([int[]]$Id, [string[]]$Name)
  foreach ($i in @($Id)) {
    if ($null -eq $i) { continue }
    $p = Get-SimList 'processes' | Where-Object { [int]$_['id'] -eq $i } | Select-Object -First 1
    if ($null -eq $p) { $PSCmdlet.WriteError((New-SimErrorRecord "Cannot find a process with the process identifier $i." 'NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.GetProcessCommand' 'ObjectNotFound' $i 'System.InvalidOperationException')); continue }
    [pscustomobject]@{ Id = [int]$p['id']; ProcessName = [string]$p['name'] }
  }
  foreach ($n in @($Name)) {
    if ($null -eq $n) { continue }
    $found = @(Get-SimList 'processes' | Where-Object { [string]::Equals([string]$_['name'], $n, [StringComparison]::OrdinalIgnoreCase) })
    if ($found.Count -eq 0) { $PSCmdlet.WriteError((New-SimErrorRecord "Cannot find a process with the name `"$n`"." 'NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand' 'ObjectNotFound' $n 'System.InvalidOperationException')); continue }
    foreach ($p in $found) { [pscustomobject]@{ Id = [int]$p['id']; ProcessName = [string]$p['name'] } }
  }
}

# WMI: "cim": { "root/cimv2:Win32_OperatingSystem": { … }, "root/cimv2/TerminalServices:Win32_TSGeneralSetting": [ … ] }.
# Win32_Service comes from "services". A namespace no class of the state is in is "Invalid namespace".
function Get-CimInstance {
  [CmdletBinding()]
  param([string]$Namespace = 'root/cimv2', [Parameter(Mandatory = $true)][string]$ClassName, [string]$Filter)
  Invoke-SimFault $PSCmdlet 'Get-CimInstance'
  Invoke-SimFault $PSCmdlet "Get-CimInstance:$ClassName"
  $ns = $Namespace.Replace('\', '/').ToLowerInvariant()
  $cim = Get-SimTable 'cim'
  $rows = $null
  if ($ns -eq 'root/cimv2' -and $ClassName -eq 'Win32_Service') {
    $rows = foreach ($s in (Get-SimList 'services')) { @{ Name = $s['name']; State = $s['state']; StartMode = $s['startMode']; ProcessId = $s['processId']; StartName = $s['account'] } }
  } else {
    $known = @($cim.Keys | Where-Object { $_.Split(':')[0].ToLowerInvariant() -eq $ns })
    if ($ns -ne 'root/cimv2' -and $known.Count -eq 0) { $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord 'Invalid namespace ' 'HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' 'MetadataError' $Namespace 'System.Management.Automation.RuntimeException')) }
    $key = $known | Where-Object { $_.Split(':')[1] -eq $ClassName } | Select-Object -First 1
    if ($null -eq $key) { $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord 'Invalid class ' 'HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' 'MetadataError' $ClassName 'System.Management.Automation.RuntimeException')) }
    $rows = @($cim[$key])
  }
  foreach ($row in @($rows)) {
    if ($null -eq $row) { continue }
    if ($Filter -and $Filter -match "^\s*(\w+)\s*=\s*'([^']*)'\s*$" -and [string]$row[$Matches[1]] -ne $Matches[2]) { continue }
    $o = [ordered]@{}
    foreach ($k in $row.Keys) { $o[$k] = if ($k -like '*Time' -and $row[$k] -is [string]) { ConvertTo-SimDate $row[$k] } else { $row[$k] } }
    [pscustomobject]$o
  }
}

# Events: "events": [ { "log", "provider", "id", "level", "time", "message", "activityId", "data": [ { "name", "value" } ] } ],
# "eventLogs": { "<log>": "missing" | "denied" }. Newest first, as Get-WinEvent returns them.
function New-SimEventObject($E) {
  $data = @($E['data'])
  $xmlData = -join ($data | Where-Object { $null -ne $_ } | ForEach-Object {
      $v = [Security.SecurityElement]::Escape([string]$_['value'])
      if ([string]$_['name']) { "<Data Name='$([Security.SecurityElement]::Escape([string]$_['name']))'>$v</Data>" } else { "<Data>$v</Data>" }
    })
  $xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='$($E['provider'])'/><EventID>$($E['id'])</EventID></System><EventData>$xmlData</EventData></Event>"
  $o = [pscustomobject]@{
    Id = [int]$E['id']; ProviderName = [string]$E['provider']; LogName = [string]$E['log']; Level = [byte]$E['level']
    TimeCreated = (ConvertTo-SimDate $E['time']); Message = $E['message']
    ActivityId = $(if ($E['activityId']) { [guid][string]$E['activityId'] } else { $null })
    Properties = @($data | Where-Object { $null -ne $_ } | ForEach-Object { [pscustomobject]@{ Value = $_['value'] } })
  }
  $o | Add-Member -MemberType NoteProperty -Name SimXml -Value $xml
  $o | Add-Member -MemberType ScriptMethod -Name ToXml -Value { $this.SimXml }
  return $o
}

function Get-WinEvent {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][hashtable]$FilterHashtable, [int]$MaxEvents = [int]::MaxValue)
  Invoke-SimFault $PSCmdlet 'Get-WinEvent'
  $log = [string]$FilterHashtable['LogName']
  $logs = $global:RdpSim['eventLogs']
  $status = if ($logs) { $k = Find-SimKey $logs $log; if ($null -ne $k) { [string]$logs[$k] } } else { $null }
  if ($status -eq 'missing') { $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord "There is not an event log on the localhost computer that matches `"$log`"." 'NoMatchingLogsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' 'ObjectNotFound' $log 'System.Exception')) }
  if ($status -eq 'denied') { $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord 'Attempted to perform an unauthorized operation.' 'System.UnauthorizedAccessException,Microsoft.PowerShell.Commands.GetWinEventCommand' 'NotSpecified' $log 'System.UnauthorizedAccessException')) }
  $ids = @($FilterHashtable['Id'] | ForEach-Object { [int]$_ })
  $since = $FilterHashtable['StartTime']
  $provider = $FilterHashtable['ProviderName']
  $found = @(Get-SimList 'events' | Where-Object {
      [string]$_['log'] -eq $log -and (-not $provider -or [string]$_['provider'] -eq [string]$provider) -and ($ids.Count -eq 0 -or $ids -contains [int]$_['id']) -and
      (-not $since -or (ConvertTo-SimDate $_['time']) -ge [datetime]$since)
    } | Sort-Object { (ConvertTo-SimDate $_['time']) } -Descending | Select-Object -First $MaxEvents)
  if ($found.Count -eq 0) { $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord 'No events were found that match the specified selection criteria.' 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' 'ObjectNotFound' $null 'System.Exception')) }
  foreach ($e in $found) { New-SimEventObject $e }
}

function Get-HotFix {
  [CmdletBinding()] param()
  Invoke-SimFault $PSCmdlet 'Get-HotFix'
  foreach ($h in (Get-SimList 'hotfixes')) { [pscustomobject]@{ HotFixID = [string]$h['id']; InstalledOn = (ConvertTo-SimDate $h['installedOn']) } }
}

function Get-AppxPackage {
  [CmdletBinding()]
  param([string]$Name)
  Invoke-SimFault $PSCmdlet 'Get-AppxPackage'
  foreach ($a in (Get-SimList 'appx')) { if (-not $Name -or [string]$a['name'] -like $Name) { [pscustomobject]@{ Name = [string]$a['name']; Version = [version][string]$a['version'] } } }
}
