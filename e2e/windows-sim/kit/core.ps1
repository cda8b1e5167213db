# The simulated Windows: shared helpers. $global:RdpSim is the machine the current job runs on (a hashtable read
# from the state JSON, changed in place by the fix scripts); the other kit files shadow commands on top of these.

# Paths as Windows spells them: backslashes, no trailing separator, registry hives in their long form.
$global:SimHiveNames = @{ 'HKLM' = 'HKEY_LOCAL_MACHINE'; 'HKCU' = 'HKEY_CURRENT_USER'; 'HKCR' = 'HKEY_CLASSES_ROOT'; 'HKU' = 'HKEY_USERS'; 'HKCC' = 'HKEY_CURRENT_CONFIG' }

function Resolve-SimPath([string]$Path) {
  # Returns @{ kind = 'registry' | 'cert' | 'file'; path = canonical } for any spelling the scripts use.
  $p = ([string]$Path) -replace '/', '\'
  $p = $p -replace '^Microsoft\.PowerShell\.Core\\', ''
  if ($p -match '^Registry::(.*)$') { $p = $Matches[1] }
  elseif ($p -match '^(HKLM|HKCU|HKCR|HKU|HKCC):\\?(.*)$') { $p = $global:SimHiveNames[$Matches[1].ToUpperInvariant()] + '\' + $Matches[2] }
  elseif ($p -match '^Certificate::(.*)$') { return @{ kind = 'cert'; path = ($Matches[1].Trim('\')) } }
  elseif ($p -match '^Cert:\\?(.*)$') { return @{ kind = 'cert'; path = ($Matches[1].Trim('\')) } }
  if ($p -match '^(HKLM|HKCU|HKCR|HKU|HKCC)(\\.*)?$') { $p = $global:SimHiveNames[$Matches[1].ToUpperInvariant()] + $Matches[2] }
  if ($p -match '^HKEY_') { return @{ kind = 'registry'; path = (($p -replace '\\+', '\').TrimEnd('\')) } }
  $p = $p -replace '(?<!^)\\+', '\'
  if ($p -match '^[A-Za-z]:\\?$') { return @{ kind = 'file'; path = ($p.Substring(0, 2) + '\') } }
  return @{ kind = 'file'; path = $p.TrimEnd('\') }
}

function Get-SimParent([string]$Path) {
  $i = $Path.LastIndexOf('\')
  if ($i -lt 0) { return $null }
  if ($i -eq 2 -and $Path[1] -eq ':') { return $Path.Substring(0, 3) }
  return $Path.Substring(0, $i)
}

function Get-SimLeaf([string]$Path) {
  $i = $Path.LastIndexOf('\')
  if ($i -lt 0) { return $Path }
  return $Path.Substring($i + 1)
}

# Keys of a state table whose name equals $Path, ignoring case like Windows does.
function Find-SimKey($Table, [string]$Path) {
  foreach ($k in $Table.Keys) { if ([string]::Equals($k, $Path, [StringComparison]::OrdinalIgnoreCase)) { return $k } }
  return $null
}

# An ErrorRecord shaped like the real cmdlet's: category and exception carry the meaning the runner reads.
function New-SimErrorRecord([string]$Message, [string]$ErrorId, [System.Management.Automation.ErrorCategory]$Category, $Target, [string]$ExceptionType = 'System.Management.Automation.ItemNotFoundException') {
  $exception = New-Object -TypeName $ExceptionType -ArgumentList $Message
  return New-Object System.Management.Automation.ErrorRecord($exception, $ErrorId, $Category, $Target)
}

function New-SimNotFound([string]$Path, [string]$Command) {
  New-SimErrorRecord "Cannot find path '$Path' because it does not exist." "PathNotFound,Microsoft.PowerShell.Commands.$Command" 'ObjectNotFound' $Path
}

function New-SimDenied([string]$Path, [string]$Command, [string]$Kind = 'file') {
  if ($Kind -eq 'registry') { return New-SimErrorRecord 'Requested registry access is not allowed.' "System.Security.SecurityException,Microsoft.PowerShell.Commands.$Command" 'PermissionDenied' $Path 'System.Security.SecurityException' }
  return New-SimErrorRecord "Access to the path '$Path' is denied." "UnauthorizedAccess,Microsoft.PowerShell.Commands.$Command" 'PermissionDenied' $Path 'System.UnauthorizedAccessException'
}

# Fault injection from the state: "faults": { "<Command>": { "kind": "access-denied" | "wmi-broken" | "missing" | "hang" } }.
function Get-SimFault([string]$Command) {
  $faults = $global:RdpSim['faults']
  if ($null -eq $faults) { return $null }
  $key = Find-SimKey $faults $Command
  if ($null -eq $key) { return $null }
  return $faults[$key]
}

function Invoke-SimFault($Cmdlet, [string]$Command) {
  # Throws what the real command throws for the injected fault; returns quietly when there is none.
  $fault = Get-SimFault $Command
  if ($null -eq $fault) { return }
  switch ([string]$fault['kind']) {
    'access-denied' { $Cmdlet.ThrowTerminatingError((New-SimErrorRecord 'Access is denied.' "Windows System Error 5,$Command" 'PermissionDenied' $Command 'System.UnauthorizedAccessException')) }
    'wmi-broken' { $Cmdlet.ThrowTerminatingError((New-SimErrorRecord 'Invalid class ' "HRESULT 0x80041010,$Command" 'MetadataError' $Command 'Microsoft.Management.Infrastructure.CimException')) }
    'missing' { $Cmdlet.ThrowTerminatingError((New-SimErrorRecord "The term '$Command' is not recognized as the name of a cmdlet, function, script file, or operable program." 'CommandNotFoundException' 'ObjectNotFound' $Command 'System.Management.Automation.CommandNotFoundException')) }
    'hang' { while ($true) { Microsoft.PowerShell.Utility\Start-Sleep -Milliseconds 200 } }
    default { throw "Unknown fault kind $($fault['kind']) for $Command" }
  }
}

# The machine's clock: every "now" of a script is the recording's moment, so outputs are the same on any day.
function Get-SimNow { return (ConvertTo-SimDate $global:RdpSim['now']) }

# A state's ISO time as a local DateTime of the machine's time zone (what Windows cmdlets return).
function ConvertTo-SimDate($Text) {
  if ($null -eq $Text) { return $null }
  if ($Text -is [datetime]) { return $Text.ToUniversalTime().ToLocalTime() }
  $utc = [DateTime]::Parse([string]$Text, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal -bor [Globalization.DateTimeStyles]::AssumeUniversal)
  return [DateTime]::SpecifyKind($utc, 'Utc').ToLocalTime()
}

function Get-Date {
  [CmdletBinding()]
  param([Parameter(Position = 0)]$Date, [string]$Format)
  $d = if ($PSBoundParameters.ContainsKey('Date')) { [datetime]$Date } else { Get-SimNow }
  if ($Format) { return $d.ToString($Format, [Globalization.CultureInfo]::InvariantCulture) }
  return $d
}

function Join-Path {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][string[]]$Path, [Parameter(Mandatory = $true, Position = 1)][AllowEmptyString()][string]$ChildPath)
  foreach ($p in $Path) {
    if ($ChildPath -eq '') { $p; continue }
    ($p.TrimEnd('\', '/') + '\' + $ChildPath.TrimStart('\', '/'))
  }
}

function Split-Path {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true, Position = 0)][string]$Path, [switch]$Parent, [switch]$Leaf)
  $p = ($Path -replace '/', '\').TrimEnd('\')
  if ($Leaf) { return (Get-SimLeaf $p) }
  return (Get-SimParent $p)
}

# A native tool's exit code. The boxed value is remembered, so the driver can tell it from a script's own `exit N`.
function Set-SimExitCode([int]$Code) {
  $box = [object]$Code
  $global:RdpSimNativeBox = $box
  $global:LASTEXITCODE = $box
}
