/** MachineKeys paths and the icacls ACL save/restore shared by the two key-permission fixes (docs/windows.md#certificate-store-and-machinekeys). */
import { z } from 'zod';
import { lazySchema } from '../shared/lazy-schema';

/** The line that names the icacls save file: the backup folder and file name of the step's data, never a path from a backup. */
export const ACL_FILE = String.raw`$bak = Join-Path ([Environment]::ExpandEnvironmentVariables([string]$RdpDoctorData.backupDir)) ([string]$RdpDoctorData.aclFile)`;

/** PowerShell lines that find the MachineKeys folder and the RDP key file (TSSecKeySet1 + MachineGuid). */
export const FIND_KEY = String.raw`
$dir = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$guid = (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Cryptography' -Name MachineGuid).MachineGuid
$key = Join-Path $dir ('f686aace6942fb7f7ceb231212eef4a4_' + $guid)
${ACL_FILE}
`;

/**
 * Restores the ACLs saved with icacls /save (relative names, so /restore runs on the folder), after checking the save
 * file's recorded hash. The file is the one the backup step wrote (ACL_FILE); the backup only says one was saved.
 */
export const RESTORE_ACL = String.raw`
$dir = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$b = $RdpDoctorData.backup
if ($null -eq $b -or -not $b.aclBackup) { throw 'No ACL backup was recorded.' }
${ACL_FILE}
if (-not (Test-Path -LiteralPath $bak)) { throw "The saved permissions file $bak is gone; nothing was restored." }
if ((Get-FileHash -LiteralPath $bak -Algorithm SHA256).Hash -ne [string]$b.aclSha256) { throw "The saved permissions file $bak changed after the backup; nothing was restored." }
& "$env:SystemRoot\System32\icacls.exe" $dir /restore $bak /c | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls /restore failed (exit $LASTEXITCODE)" }
if ($RdpDoctorData.restartService) { Restart-Service -Name TermService -Force }
[pscustomobject]@{ restored = $bak } | ConvertTo-Json -Compress
`;

/** A SHA-256 as Get-FileHash prints it. */
export const SHA256_HEX = lazySchema(() => z.string().regex(/^[0-9A-Fa-f]{64}$/));

/** What the acl-save of the narrow repair must have recorded for RESTORE_ACL: that a file was saved, and its hash. */
export const KEY_ACL_BACKUP = lazySchema(() => z.object({ aclBackup: z.string().min(1).max(1024), aclSha256: SHA256_HEX }));

/** The manual last resort some articles suggest, shown only as text (never automated). */
export const RENAME_WARNING =
  'Manual last resort only, never done by this app: some articles suggest renaming the MachineKeys folder. That orphans EVERY machine key on the host (other certificates, IIS, WinRM, VPN), not just the RDP one. Prefer the ACL reset, or deleting only the RDP key file f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> with the service stopped.';
