# Network state of the simulated machine: listeners, adapters, routes, VPN profiles and the Windows Firewall.
# The Net* cmdlets are CIM-based: when nothing matches they fail with "No MSFT_… objects found" (ObjectNotFound), which a
# script may read as empty; a fault injected in the state ("access-denied", "wmi-broken") fails them otherwise.

function New-SimNotFoundCim([string]$Class, [string]$Property, $Value, [string]$Command) {
  New-SimErrorRecord "No $Class objects found with property '$Property' equal to '$Value'.  Verify the value of the property and retry." "CmdletizationQuery_NotFound_$Property,$Command" 'ObjectNotFound' $Value 'System.Management.Automation.ItemNotFoundException'
}

function New-SimObject($Row) { $o = [ordered]@{}; foreach ($k in $Row.Keys) { $o[$k] = $Row[$k] }; return [pscustomobject]$o }

function Get-NetTCPConnection {
  [CmdletBinding()]
  param([string]$State, [int]$LocalPort)
  Invoke-SimFault $PSCmdlet 'Get-NetTCPConnection'
  $rows = @(Get-SimList 'tcp' | Where-Object { (-not $State -or [string]$_['State'] -eq $State) -and (-not $LocalPort -or [int]$_['LocalPort'] -eq $LocalPort) })
  if ($rows.Count -eq 0) { $PSCmdlet.WriteError((New-SimNotFoundCim 'MSFT_NetTCPConnection' $(if ($State) { 'State' } else { 'LocalPort' }) $(if ($State) { $State } else { $LocalPort }) 'Get-NetTCPConnection')); return }
  foreach ($r in $rows) { New-SimObject $r }
}

function Get-NetUDPEndpoint {
  [CmdletBinding()]
  param([int]$LocalPort)
  Invoke-SimFault $PSCmdlet 'Get-NetUDPEndpoint'
  $rows = @(Get-SimList 'udp' | Where-Object { -not $LocalPort -or [int]$_['LocalPort'] -eq $LocalPort })
  if ($rows.Count -eq 0) { $PSCmdlet.WriteError((New-SimNotFoundCim 'MSFT_NetUDPEndpoint' 'LocalPort' $LocalPort 'Get-NetUDPEndpoint')); return }
  foreach ($r in $rows) { New-SimObject $r }
}

function Get-NetAdapter {
  [CmdletBinding()] param([switch]$IncludeHidden)
  Invoke-SimFault $PSCmdlet 'Get-NetAdapter'
  foreach ($a in (Get-SimList 'netAdapters')) { if ($IncludeHidden -or -not $a['Hidden']) { New-SimObject $a } }
}

function Get-VpnConnection {
  [CmdletBinding()] param()
  Invoke-SimFault $PSCmdlet 'Get-VpnConnection'
  foreach ($v in (Get-SimList 'vpnConnections')) { New-SimObject $v }
}

# "routes": { "<address>": [ { "class": "MSFT_NetRoute", … }, { "class": "MSFT_NetIPAddress", "IPAddress": … } ] }.
function Find-NetRoute {
  [CmdletBinding()] param([Parameter(Mandatory = $true)][string]$RemoteIPAddress)
  Invoke-SimFault $PSCmdlet 'Find-NetRoute'
  $routes = Get-SimTable 'routes'
  $k = Find-SimKey $routes $RemoteIPAddress
  if ($null -eq $k) { $PSCmdlet.ThrowTerminatingError((New-SimErrorRecord 'The network location cannot be reached.' 'Windows System Error 1231,Find-NetRoute' 'ConnectionError' $RemoteIPAddress 'System.Exception')) }
  foreach ($r in @($routes[$k])) {
    $o = New-SimObject $r
    $o | Add-Member -MemberType NoteProperty -Name CimClass -Value ([pscustomobject]@{ CimClassName = [string]$r['class'] })
    $o
  }
}

function Get-NetRoute {
  [CmdletBinding()] param([string[]]$DestinationPrefix)
  Invoke-SimFault $PSCmdlet 'Get-NetRoute'
  $rows = @(Get-SimList 'defaultRoutes' | Where-Object { -not $DestinationPrefix -or $DestinationPrefix -contains [string]$_['DestinationPrefix'] })
  if ($rows.Count -eq 0) { $PSCmdlet.WriteError((New-SimNotFoundCim 'MSFT_NetRoute' 'DestinationPrefix' ($DestinationPrefix -join ', ') 'Get-NetRoute')); return }
  foreach ($r in $rows) { New-SimObject $r }
}

# "firewall": { "rules": [ { "Name", "DisplayName", "Group", "Enabled": "True", "Profile", "Direction", "Action",
# "Protocol", "LocalPort": [ … ], "Program", "Service", "RemoteAddress": [ … ] } ], "profiles": [ … ], "networks": [ … ] }.
# A rule's InstanceID is its Name, as for the rules Windows ships.
function Get-SimFirewall { $f = $global:RdpSim['firewall']; if ($null -eq $f) { $f = @{}; $global:RdpSim['firewall'] = $f }; return $f }

function New-SimRuleObject($Rule) {
  $o = [pscustomobject]@{ Name = [string]$Rule['Name']; InstanceID = [string]$Rule['Name']; DisplayName = [string]$Rule['DisplayName']; Group = [string]$Rule['Group']; Enabled = [string]$Rule['Enabled']; Profile = [string]$Rule['Profile']; Direction = [string]$Rule['Direction']; Action = [string]$Rule['Action'] }
  $o | Add-Member -MemberType NoteProperty -Name SimRule -Value $Rule
  return $o
}

function Get-NetFirewallRule {
  [CmdletBinding()]
  param([string[]]$Name, [string]$Group, [string]$PolicyStore)
  Invoke-SimFault $PSCmdlet 'Get-NetFirewallRule'
  $rules = @((Get-SimFirewall)['rules'])
  if ($Group) {
    $hit = @($rules | Where-Object { [string]$_['Group'] -eq $Group })
    if ($hit.Count -eq 0) { $PSCmdlet.WriteError((New-SimNotFoundCim 'MSFT_NetFirewallRule' 'Group' $Group 'Get-NetFirewallRule')); return }
    foreach ($r in $hit) { New-SimRuleObject $r }
    return
  }
  if (-not $Name) { foreach ($r in $rules) { if ($r) { New-SimRuleObject $r } }; return }
  foreach ($n in $Name) {
    $r = $rules | Where-Object { [string]$_['Name'] -eq $n } | Select-Object -First 1
    if ($null -eq $r) { $PSCmdlet.WriteError((New-SimNotFoundCim 'MSFT_NetFirewallRule' 'Name' $n 'Get-NetFirewallRule')); continue }
    New-SimRuleObject $r
  }
}

# The filters of the rules piped in, or of every rule with -All, each with its rule's InstanceID.
function Get-SimRuleFilters($Cmdlet, [string]$Command, $Piped, [bool]$All, [scriptblock]$Make) {
  Invoke-SimFault $Cmdlet $Command
  $source = if ($All) { @((Get-SimFirewall)['rules'] | Where-Object { $_ }) } else { @($Piped | ForEach-Object { $_.SimRule }) }
  foreach ($r in $source) { $f = & $Make $r; $f | Add-Member -MemberType NoteProperty -Name InstanceID -Value ([string]$r['Name']); $f }
}
function Get-NetFirewallPortFilter { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)]$AssociatedNetFirewallRule, [switch]$All, [string]$PolicyStore) process { Get-SimRuleFilters $PSCmdlet 'Get-NetFirewallPortFilter' $AssociatedNetFirewallRule $All.IsPresent { param($r) [pscustomobject]@{ Protocol = $r['Protocol']; LocalPort = @($r['LocalPort']) } } } }
function Get-NetFirewallApplicationFilter { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)]$AssociatedNetFirewallRule, [switch]$All, [string]$PolicyStore) process { Get-SimRuleFilters $PSCmdlet 'Get-NetFirewallApplicationFilter' $AssociatedNetFirewallRule $All.IsPresent { param($r) [pscustomobject]@{ Program = $r['Program'] } } } }
function Get-NetFirewallServiceFilter { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)]$AssociatedNetFirewallRule, [switch]$All, [string]$PolicyStore) process { Get-SimRuleFilters $PSCmdlet 'Get-NetFirewallServiceFilter' $AssociatedNetFirewallRule $All.IsPresent { param($r) [pscustomobject]@{ Service = $r['Service'] } } } }
function Get-NetFirewallAddressFilter { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)]$AssociatedNetFirewallRule, [switch]$All, [string]$PolicyStore) process { Get-SimRuleFilters $PSCmdlet 'Get-NetFirewallAddressFilter' $AssociatedNetFirewallRule $All.IsPresent { param($r) [pscustomobject]@{ RemoteAddress = $(if ($r['RemoteAddress']) { @($r['RemoteAddress']) } else { @('Any') }) } } } }

function Set-SimRuleEnabled($Cmdlet, [string[]]$Name, [string]$Value, [string]$Command) {
  if (-not $global:RdpSim['elevated']) { $Cmdlet.ThrowTerminatingError((New-SimErrorRecord 'Access is denied.' "Windows System Error 5,$Command" 'PermissionDenied' $Name 'System.UnauthorizedAccessException')) }
  foreach ($n in $Name) {
    $r = @((Get-SimFirewall)['rules']) | Where-Object { [string]$_['Name'] -eq $n } | Select-Object -First 1
    if ($null -eq $r) { $Cmdlet.WriteError((New-SimNotFoundCim 'MSFT_NetFirewallRule' 'Name' $n $Command)); continue }
    $r['Enabled'] = $Value
  }
}

function Enable-NetFirewallRule { [CmdletBinding()] param([string[]]$Name) Invoke-SimFault $PSCmdlet 'Enable-NetFirewallRule'; Set-SimRuleEnabled $PSCmdlet $Name 'True' 'Enable-NetFirewallRule' }
function Disable-NetFirewallRule { [CmdletBinding()] param([string[]]$Name) Invoke-SimFault $PSCmdlet 'Disable-NetFirewallRule'; Set-SimRuleEnabled $PSCmdlet $Name 'False' 'Disable-NetFirewallRule' }

function Get-NetFirewallProfile {
  [CmdletBinding()] param([string]$PolicyStore)
  Invoke-SimFault $PSCmdlet 'Get-NetFirewallProfile'
  foreach ($p in @((Get-SimFirewall)['profiles'])) { if ($p) { New-SimObject $p } }
}

function Get-NetConnectionProfile {
  [CmdletBinding()] param()
  Invoke-SimFault $PSCmdlet 'Get-NetConnectionProfile'
  foreach ($p in @((Get-SimFirewall)['networks'])) { if ($p) { New-SimObject $p } }
}
