# .NET calls the scripts make that read machine state. PowerShell resolves a type name through its type accelerators
# first, so registering one under the exact spelling a script uses ([Environment], [System.Net.Dns] …) shadows that
# type for the scripts; the kit and the driver spell the real types differently ([System.Environment], [IO.File]).

class SimEnvironment {
  static [string] $NewLine = "`r`n"
  static [string] GetFolderPath([string]$Folder) {
    $folders = $global:RdpSim['folders']
    if ($null -eq $folders) { return '' }
    $k = Find-SimKey $folders $Folder
    if ($null -eq $k) { return '' }
    return [string]$folders[$k]
  }
  static [string] ExpandEnvironmentVariables([string]$Text) { return (Expand-SimEnvironment $Text) }
  static [string] GetEnvironmentVariable([string]$Name) {
    $e = $global:RdpSim['env']
    $k = Find-SimKey $e $Name
    if ($null -eq $k) { return $null }
    return [string]$e[$k]
  }
}

class SimDns {
  static [System.Net.IPAddress[]] GetHostAddresses([string]$HostName) {
    $dns = $global:RdpSim['dns']
    $k = if ($dns) { Find-SimKey $dns $HostName } else { $null }
    if ($null -eq $k) {
      $ip = $null
      if ([System.Net.IPAddress]::TryParse($HostName, [ref]$ip)) { return @($ip) }
      throw (New-Object System.Net.Sockets.SocketException 11001)
    }
    return @($dns[$k] | ForEach-Object { [System.Net.IPAddress]::Parse([string]$_) })
  }
}

class SimFile {
  static [byte[]] ReadAllBytes([string]$Path) {
    $p = (Resolve-SimPath $Path).path
    if (-not (Test-SimFile $p)) { throw (New-Object System.IO.FileNotFoundException "Could not find file '$p'.") }
    if (Test-SimFileDenied $p) { throw (New-Object System.UnauthorizedAccessException "Access to the path '$p' is denied.") }
    return (Get-SimFileBytes $p)
  }
  # The elevated wrapper's result file lives in a real temporary folder of the test, so it is opened for real.
  static [System.IO.FileStream] Open([string]$Path, [System.IO.FileMode]$Mode, [System.IO.FileAccess]$Access, [System.IO.FileShare]$Share) {
    return [IO.File]::Open($Path, $Mode, $Access, $Share)
  }
  static [bool] Exists([string]$Path) { return [IO.File]::Exists($Path) }
}

class SimWindowsIdentity { static [object] GetCurrent() { return [SimWindowsIdentity]::new() } }
class SimWindowsPrincipal {
  SimWindowsPrincipal([object]$Identity) { }
  [bool] IsInRole([object]$Role) { return [bool]$global:RdpSim['elevated'] }
}
class SimBuiltInRole { static [string] $Administrator = 'Administrator' }

class SimRSACng { [object] $Key }
class SimRSACertificateExtensions {
  static [object] GetRSAPrivateKey([object]$Certificate) {
    $key = $Certificate.SimKey
    if ($null -eq $key) { return $null }
    if ($key['openError']) { throw (New-Object System.Security.Cryptography.CryptographicException ([string]$key['openError'])) }
    if ($key['provider'] -eq 'cng') { $r = [SimRSACng]::new(); $r.Key = [pscustomobject]@{ UniqueName = [string]$key['container'] }; return $r }
    return [pscustomobject]@{ CspKeyContainerInfo = [pscustomobject]@{ UniqueKeyContainerName = [string]$key['container'] } }
  }
}

# Process.Start with the runas verb: "uac": { "answer": "yes" | "no" } says what the user does at the prompt, and every
# prompt is recorded in "uacPrompts" (verb, window style, the owner window) for the tests to read.
class SimProcess {
  static [object] Start([object]$StartInfo) {
    $prompts = $global:RdpSim['uacPrompts']
    if ($null -eq $prompts) { $prompts = New-Object System.Collections.ArrayList; $global:RdpSim['uacPrompts'] = $prompts }
    $owner = $null
    if ($StartInfo.ErrorDialog) { $owner = [string][long]$StartInfo.ErrorDialogParentHandle }
    [void]$prompts.Add(@{ verb = [string]$StartInfo.Verb; windowStyle = [string]$StartInfo.WindowStyle; ownerWindow = $owner; file = [string]$StartInfo.FileName })
    $uac = $global:RdpSim['uac']
    if ($uac -and [string]$uac['answer'] -eq 'no') {
      $inner = New-Object System.ComponentModel.Win32Exception 1223
      throw (New-Object System.InvalidOperationException ('This command cannot be run due to the error: The operation was canceled by the user.', $inner))
    }
    $arguments = [string]$StartInfo.Arguments
    $encoded = ($arguments -split '\s+')[-1]
    $code = Invoke-SimElevatedProcess $encoded
    $p = [pscustomobject]@{ ExitCode = $code; Id = 4242 }
    $p | Add-Member -MemberType ScriptMethod -Name WaitForExit -Value { }
    return $p
  }
}

function Register-SimTypes {
  $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
  $map = @{
    'Environment' = [SimEnvironment]; 'System.Net.Dns' = [SimDns]; 'System.IO.File' = [SimFile]
    'Security.Principal.WindowsIdentity' = [SimWindowsIdentity]; 'Security.Principal.WindowsPrincipal' = [SimWindowsPrincipal]
    'Security.Principal.WindowsBuiltInRole' = [SimBuiltInRole]
    'System.Security.Cryptography.X509Certificates.RSACertificateExtensions' = [SimRSACertificateExtensions]
    'System.Security.Cryptography.RSACng' = [SimRSACng]
    'System.Diagnostics.Process' = [SimProcess]
  }
  foreach ($name in $map.Keys) { $accelerators::Add($name, $map[$name]) }
}
