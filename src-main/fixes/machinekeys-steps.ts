/** MachineKeys paths and the icacls ACL save/restore shared by the two key-permission fixes (docs/windows.md#certificate-store-and-machinekeys). */

/** PowerShell lines that find the MachineKeys folder and the RDP key file (TSSecKeySet1 + MachineGuid). */
export const FIND_KEY = String.raw`
$dir = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$guid = (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Cryptography' -Name MachineGuid).MachineGuid
$key = Join-Path $dir ('f686aace6942fb7f7ceb231212eef4a4_' + $guid)
$bak = Join-Path ([Environment]::ExpandEnvironmentVariables([string]$RdpDoctorData.backupDir)) ([string]$RdpDoctorData.aclFile)
`;

/** Restores the ACLs saved with icacls /save (relative names, so /restore runs on the folder), after checking the save file's recorded hash. */
export const RESTORE_ACL = String.raw`
$dir = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$b = $RdpDoctorData.backup
if ($null -eq $b -or -not $b.aclBackup) { throw 'No ACL backup was recorded.' }
if (-not (Test-Path -LiteralPath ([string]$b.aclBackup))) { throw "The saved permissions file $($b.aclBackup) is gone; nothing was restored." }
if ($b.aclSha256 -and (Get-FileHash -LiteralPath ([string]$b.aclBackup) -Algorithm SHA256).Hash -ne [string]$b.aclSha256) { throw "The saved permissions file $($b.aclBackup) changed after the backup; nothing was restored." }
& "$env:SystemRoot\System32\icacls.exe" $dir /restore ([string]$b.aclBackup) /c | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls /restore failed (exit $LASTEXITCODE)" }
if ($RdpDoctorData.restartService) { Restart-Service -Name TermService -Force }
[pscustomobject]@{ restored = [string]$b.aclBackup } | ConvertTo-Json -Compress
`;

/** The manual last resort some articles suggest, shown only as text (never automated). */
export const RENAME_WARNING =
  'Manual last resort only, never done by this app: some articles suggest renaming the MachineKeys folder. That orphans EVERY machine key on the host (other certificates, IIS, WinRM, VPN), not just the RDP one. Prefer the ACL reset, or deleting only the RDP key file f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> with the service stopped.';
