/** Fix server.reset-machinekeys-acl: Microsoft's documented MachineKeys permission reset (rdp-facts §6 row 2); the folder rename is never automated. */
import { FIND_KEY, RENAME_WARNING, RESTORE_ACL } from './machinekeys-steps';
import type { FixDefinition } from './types';

const SAVE = String.raw`${FIND_KEY}
New-Item -ItemType Directory -Force -Path (Split-Path -Parent $bak) | Out-Null
& "$env:SystemRoot\System32\icacls.exe" (Join-Path $dir '*') /save $bak /t /c | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls /save failed (exit $LASTEXITCODE)" }
$listing = Join-Path (Split-Path -Parent $bak) 'before-permissions.txt'
& "$env:SystemRoot\System32\icacls.exe" $dir /t /c > $listing
[pscustomobject]@{ directory = $dir; aclBackup = $bak; listing = $listing } | ConvertTo-Json -Compress
`;

// Microsoft's sequence: take ownership for Administrators, grant SYSTEM (F), NETWORK SERVICE (R), Administrators (F), restart TermService. SIDs keep it language-independent.
const RESET = String.raw`${FIND_KEY}
& "$env:SystemRoot\System32\takeown.exe" /f $dir /a /r /d Y | Out-Null
if ($LASTEXITCODE -ne 0) { throw "takeown failed (exit $LASTEXITCODE)" }
foreach ($grant in @('*S-1-5-18:(F)', '*S-1-5-20:(R)', '*S-1-5-32-544:(F)')) {
  & "$env:SystemRoot\System32\icacls.exe" $dir /t /c /grant $grant | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "icacls /grant $grant failed (exit $LASTEXITCODE)" }
}
Restart-Service -Name TermService -Force
[pscustomobject]@{ directory = $dir; reset = $true } | ConvertTo-Json -Compress
`;

/** The constant scripts, for tests. */
export const MACHINEKEYS_SCRIPTS = { SAVE, RESET } as const;

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
          description: `Save the permissions of every file in MachineKeys (icacls MachineKeys\\* /save ${ctx.backupDir}\\machinekeys.acl /t /c) and a readable listing`,
          script: SAVE,
          data,
          elevation: 'always',
        },
      ],
      apply: [
        {
          kind: 'script',
          name: 'acl-reset',
          description: 'takeown /f MachineKeys /a /r; icacls MachineKeys /t /c /grant SYSTEM:(F), NETWORK SERVICE:(R), Administrators:(F); Restart-Service TermService -Force',
          script: RESET,
          data,
          elevation: 'always',
        },
      ],
      undo: [
        {
          kind: 'script',
          name: 'acl-restore',
          description: 'Restore the saved permissions (icacls MachineKeys /restore machinekeys.acl /c) and restart TermService',
          script: RESTORE_ACL,
          data: { restartService: true },
          elevation: 'always',
          withBackup: 'acl-save',
        },
      ],
      notes: [
        'Restarting Remote Desktop Services disconnects every session on the host.',
        'Ownership given to Administrators by takeown is not changed back by undo (Microsoft leaves it so).',
        RENAME_WARNING,
      ],
    };
  },
};
