/** Fix server.reset-machinekeys-acl: Microsoft's documented MachineKeys permission reset (docs/windows.md#certificate-store-and-machinekeys); the folder rename is never automated. */
import { z } from 'zod';
import { ACL_FILE, FIND_KEY, RENAME_WARNING, SHA256_HEX } from './machinekeys-steps';
import type { FixDefinition } from './types';
import { lazySchema } from '../shared/lazy-schema';

// The folder's own DACL through .NET (the reset changes it too), then icacls /save for the files. The hosts this fix
// is for have files administrators cannot read: those are listed and left out, never a reason to stop half way.
// What was saved is read back from the save file, not from icacls's localized messages.
const SAVE = String.raw`${FIND_KEY}
$backupDir = Split-Path -Parent $bak
New-Item -ItemType Directory -Force -Path $backupDir | Out-Null
$folderSddl = $null
try { $folderSddl = (Get-Acl -LiteralPath $dir).GetSecurityDescriptorSddlForm('Access') } catch { $folderSddl = $null }
$readable = @()
$unreadable = @()
# Owners too, one "name<TAB>SID" line each (the folder's name is empty) in a file beside the ACL save: takeown gives
# everything to Administrators, and undo puts each owner back. A folder can hold thousands of keys, so not in the output.
$owners = @()
$tab = [string][char]9
try { $owners += ($tab + (Get-Acl -LiteralPath $dir).GetOwner([System.Security.Principal.SecurityIdentifier]).Value) } catch { }
foreach ($f in @(Get-ChildItem -LiteralPath $dir -Force -File)) {
  try {
    $fileAcl = Get-Acl -LiteralPath $f.FullName
    $readable += $f.Name
    $owners += ($f.Name + $tab + $fileAcl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value)
  } catch { $unreadable += $f.Name }
}
$ownersFile = Join-Path $backupDir 'owners.txt'
Set-Content -LiteralPath $ownersFile -Value $owners -Encoding UTF8
$ownersSha = (Get-FileHash -LiteralPath $ownersFile -Algorithm SHA256).Hash
$aclBackup = $null
$sha = $null
$saved = 0
if ($readable.Count -gt 0) {
  $eap = $ErrorActionPreference
  $ErrorActionPreference = 'Continue'
  & "$env:SystemRoot\System32\icacls.exe" (Join-Path $dir '*') /save $bak /c > $null 2> $null
  $code = $LASTEXITCODE
  $ErrorActionPreference = $eap
  if (-not (Test-Path -LiteralPath $bak)) { throw "icacls /save wrote no backup (exit $code); nothing was changed" }
  $lines = @(Get-Content -LiteralPath $bak -Encoding Unicode)
  $names = @(for ($i = 0; $i -lt $lines.Count; $i += 2) { [string]$lines[$i] })
  foreach ($n in $readable) { if ($names -contains $n) { $saved++ } else { $unreadable += $n } }
  $aclBackup = $bak
  $sha = (Get-FileHash -LiteralPath $bak -Algorithm SHA256).Hash
}
$listing = Join-Path $backupDir 'before-permissions.txt'
$eap = $ErrorActionPreference
$ErrorActionPreference = 'Continue'
& "$env:SystemRoot\System32\icacls.exe" $dir /t /c 2> $null | Set-Content -LiteralPath $listing -Encoding Unicode
$ErrorActionPreference = $eap
[pscustomobject]@{ directory = $dir; folderSddl = $folderSddl; ownersFile = $ownersFile; ownersSha256 = $ownersSha; owners = $owners.Count; aclBackup = $aclBackup; aclSha256 = $sha; saved = $saved; unreadableCount = $unreadable.Count; unreadable = @($unreadable | Select-Object -First 50); listing = $listing } | ConvertTo-Json -Compress
`;

// Microsoft's sequence: ownership to Administrators, grant SYSTEM (F), NETWORK SERVICE (R), Administrators (F), restart
// TermService. takeown runs on the folder and on its files (wildcard) without /r, so it never asks its localized
// /d question (Y, J, O…); SIDs keep the grants language-independent. Problems are collected, not thrown half way.
const RESET = String.raw`${FIND_KEY}
$problems = @()
$eap = $ErrorActionPreference
$ErrorActionPreference = 'Continue'
& "$env:SystemRoot\System32\takeown.exe" /f $dir /a > $null 2> $null
if ($LASTEXITCODE -ne 0) { $problems += "takeown on the folder exited $LASTEXITCODE" }
if (@(Get-ChildItem -LiteralPath $dir -Force -File -ErrorAction SilentlyContinue).Count -gt 0) {
  & "$env:SystemRoot\System32\takeown.exe" /f (Join-Path $dir '*') /a > $null 2> $null
  if ($LASTEXITCODE -ne 0) { $problems += "takeown on the files exited $LASTEXITCODE" }
}
foreach ($grant in @('*S-1-5-18:(F)', '*S-1-5-20:(R)', '*S-1-5-32-544:(F)')) {
  & "$env:SystemRoot\System32\icacls.exe" $dir /t /c /grant $grant > $null 2> $null
  if ($LASTEXITCODE -ne 0) { $problems += "icacls /grant $grant exited $LASTEXITCODE" }
}
$ErrorActionPreference = $eap
Restart-Service -Name TermService -Force
[pscustomobject]@{ directory = $dir; reset = $true; problems = $problems } | ConvertTo-Json -Compress
`;

// Files first (icacls /restore of the save file, checked against its recorded hash), then the folder's DACL with Set-Acl.
// The save file is the one the backup step wrote (ACL_FILE), whatever path the backup mentions.
const RESTORE = String.raw`
$dir = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$b = $RdpDoctorData.backup
if ($null -eq $b -or -not $b.directory) { throw 'No MachineKeys backup was recorded, so nothing can be restored.' }
${ACL_FILE}
if ($b.aclBackup) {
  if (-not (Test-Path -LiteralPath $bak)) { throw "The saved permissions file $bak is gone; nothing was restored." }
  if ((Get-FileHash -LiteralPath $bak -Algorithm SHA256).Hash -ne [string]$b.aclSha256) { throw "The saved permissions file $bak changed after the backup; nothing was restored." }
  & "$env:SystemRoot\System32\icacls.exe" $dir /restore $bak /c | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "icacls /restore failed (exit $LASTEXITCODE)" }
}
if ($b.folderSddl) {
  $acl = Get-Acl -LiteralPath $dir
  $acl.SetSecurityDescriptorSddlForm([string]$b.folderSddl, 'Access')
  Set-Acl -LiteralPath $dir -AclObject $acl
}
# icacls /setowner, not Set-Acl: giving a file to another owner needs the restore privilege, which icacls enables. The
# owners file is the one the backup step wrote beside the ACL save, checked against its recorded hash; a line names a
# file of this folder only (no path), and an owner by SID that is not a broad group (a planted file must not hand keys out).
$broad = @('S-1-1-0', 'S-1-5-7', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-4')
$owned = 0
if ($b.ownersSha256) {
  $ownersFile = Join-Path (Split-Path -Parent $bak) 'owners.txt'
  if (-not (Test-Path -LiteralPath $ownersFile)) { throw "The saved owners file $ownersFile is gone; owners were not restored." }
  if ((Get-FileHash -LiteralPath $ownersFile -Algorithm SHA256).Hash -ne [string]$b.ownersSha256) { throw "The saved owners file $ownersFile changed after the backup; owners were not restored." }
  foreach ($line in @(Get-Content -LiteralPath $ownersFile -Encoding UTF8)) {
    $parts = ([string]$line).Split([char]9)
    if ($parts.Count -ne 2 -or $parts[1] -notmatch '^S-1-[0-9-]+$' -or $parts[0] -match '[\\/:]' -or $parts[0] -eq '.' -or $parts[0] -eq '..' -or $broad -contains $parts[1]) { continue }
    $path = $dir; if ($parts[0]) { $path = Join-Path $dir $parts[0] }
    if (-not (Test-Path -LiteralPath $path)) { continue }
    & "$env:SystemRoot\System32\icacls.exe" $path /setowner ('*' + $parts[1]) /c | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "icacls /setowner on $path failed (exit $LASTEXITCODE)" }
    $owned++
  }
}
if ($RdpDoctorData.restartService) { Restart-Service -Name TermService -Force }
[pscustomobject]@{ files = [int]$b.saved; folder = [bool]$b.folderSddl; owners = $owned; notSaved = [int]$b.unreadableCount } | ConvertTo-Json -Compress
`;

/** The constant scripts, for tests. */
export const MACHINEKEYS_SCRIPTS = { SAVE, RESET, RESTORE } as const;

// An access-only SDDL as Get-Acl writes it: "D:", flags, then ACEs (type;flags;rights;guid;guid;SID).
const DACL_SDDL = /^D:[A-Z]*(\([A-Z]{1,2};[A-Z]*;(0x[0-9A-Fa-f]{1,8}|[A-Z]*);[0-9A-Fa-f-]*;[0-9A-Fa-f-]*;(S(-[0-9]+){1,15}|[A-Z]{2})\))*$/;
// Everyone, anonymous, authenticated users, users, interactive: Windows lets them list the folder and add keys, never more.
const BROAD_SIDS = new Set(['WD', 'AN', 'AU', 'BU', 'IU', 'S-1-1-0', 'S-1-5-7', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-4']);
// Full, generic all/write, and the rights to delete, change permissions or take ownership (by letters or in a mask).
const TAKEOVER_RIGHTS = new Set(['FA', 'GA', 'GW', 'SD', 'WD', 'WO']);
const TAKEOVER_MASK = 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;

/** True when `sddl` allows none of the broad groups to take the folder over (a planted backup must not hand it out). */
function keepsFolderClosed(sddl: string): boolean {
  for (const [, type, rights, sid] of sddl.matchAll(/\(([A-Z]{1,2});[A-Z]*;([^;]*);[^;]*;[^;]*;([^)]*)\)/g)) {
    if (type !== 'A' || !BROAD_SIDS.has(sid ?? '')) continue;
    const text = rights ?? '';
    // Rights are either a hex mask or two-letter codes written one after the other.
    const allowed = /^0x/i.test(text) ? (Number.parseInt(text, 16) & TAKEOVER_MASK) === 0 : !(text.match(/[A-Z]{2}/g) ?? []).some((code) => TAKEOVER_RIGHTS.has(code));
    if (!allowed) return false;
  }
  return true;
}

/** What acl-save must have recorded before its restore runs: folder permissions as an SDDL, whether a file was saved, its hash. */
const ACL_SAVE = lazySchema(() =>
  z
    .object({
      directory: z.string().min(1).max(1024),
      folderSddl: z.string().max(16_384).regex(DACL_SDDL).refine(keepsFolderClosed, 'grants a broad group full control of the folder').nullable(),
      aclBackup: z.string().min(1).max(1024).nullable(),
      aclSha256: SHA256_HEX.nullable(),
      // Owners saved beside the ACLs (absent in backups made before owners were saved: their owners stay Administrators).
      ownersSha256: SHA256_HEX.nullable().optional(),
      saved: z.number().int().min(0),
      unreadableCount: z.number().int().min(0),
    })
    .refine((b) => b.aclBackup === null || b.aclSha256 !== null, 'a saved permissions file has its hash'),
);

/** The parsed acl-save output, as far as the summary needs it. */
interface AclSave {
  readonly saved?: unknown;
  readonly unreadableCount?: unknown;
  readonly folderSddl?: unknown;
}

/** server.reset-machinekeys-acl: resets permissions on the whole MachineKeys folder. */
export const resetMachinekeysAclFix: FixDefinition = {
  id: 'server.reset-machinekeys-acl',
  runsOn: 'windows',
  verifyChecks: ['server.machinekeys', 'tls.handshake'],
  async prepare(ctx) {
    const data = { backupDir: ctx.backupDir, aclFile: 'machinekeys.acl' };
    return {
      backups: [
        {
          kind: 'script',
          name: 'acl-save',
          description: `Save the permissions of the MachineKeys folder itself (Get-Acl) and of every file in it (icacls MachineKeys\\* /save ${ctx.backupDir}\\machinekeys.acl /c) with a readable listing; files whose permissions administrators cannot read are listed instead`,
          script: SAVE,
          data,
          elevation: 'always',
        },
      ],
      apply: [
        {
          kind: 'script',
          name: 'acl-reset',
          description:
            'takeown /f MachineKeys /a and takeown /f MachineKeys\\* /a; icacls MachineKeys /t /c /grant SYSTEM:(F), NETWORK SERVICE:(R), Administrators:(F); Restart-Service TermService -Force',
          script: RESET,
          data,
          elevation: 'always',
        },
      ],
      notes: [
        'Restarting Remote Desktop Services disconnects every session on the host.',
        'Undo also gives the folder and each saved file back to its previous owner (takeown made Administrators the owner).',
        RENAME_WARNING,
      ],
    };
  },
  undo: (ctx) => [
    {
      kind: 'script',
      name: 'acl-restore',
      description:
        'Restore the saved permissions of the files (icacls MachineKeys /restore machinekeys.acl /c) and of the folder (Set-Acl), give each back to its owner (icacls /setowner), then restart TermService',
      script: RESTORE,
      data: { backupDir: ctx.backupDir, aclFile: 'machinekeys.acl', restartService: true },
      elevation: 'always',
      withBackup: 'acl-save',
      backupSchema: ACL_SAVE,
    },
  ],
  describeBackups(backups) {
    let save: AclSave;
    try {
      save = JSON.parse(backups['acl-save']?.output ?? '') as AclSave;
    } catch {
      return null;
    }
    const saved = typeof save.saved === 'number' ? save.saved : 0;
    const missing = typeof save.unreadableCount === 'number' ? save.unreadableCount : 0;
    const folder = typeof save.folderSddl === 'string' && save.folderSddl !== '' ? 'the folder and ' : 'not the folder (its permissions were unreadable), only ';
    const rest = missing > 0 ? ` ${missing} file(s) whose permissions administrators could not read were not saved; undo leaves them with the reset permissions.` : '';
    return `The backup holds the permissions of ${folder}${saved} file(s).${rest}`;
  },
};
