/** Fix server.repair-key-permissions: grant NETWORK SERVICE read on the RDP key file only (the narrow repair, docs/windows.md#certificate-store-and-machinekeys). */
import { FIND_KEY, KEY_ACL_BACKUP, RENAME_WARNING, RESTORE_ACL } from './machinekeys-steps';
import type { FixDefinition } from './types';

const SAVE = String.raw`${FIND_KEY}
if (-not (Test-Path -LiteralPath $key)) { throw "The RDP key file $key does not exist; use the certificate renewal instead." }
New-Item -ItemType Directory -Force -Path (Split-Path -Parent $bak) | Out-Null
& "$env:SystemRoot\System32\icacls.exe" $key /save $bak /c | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls /save failed (exit $LASTEXITCODE)" }
[pscustomobject]@{ key = $key; aclBackup = $bak; aclSha256 = (Get-FileHash -LiteralPath $bak -Algorithm SHA256).Hash } | ConvertTo-Json -Compress
`;

// *S-1-5-20 is NETWORK SERVICE by SID, so the grant works on every Windows language.
const GRANT = String.raw`${FIND_KEY}
& "$env:SystemRoot\System32\icacls.exe" $key /grant '*S-1-5-20:(R)' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls /grant failed (exit $LASTEXITCODE)" }
[pscustomobject]@{ key = $key; granted = 'NT AUTHORITY\NETWORK SERVICE:(R)' } | ConvertTo-Json -Compress
`;

/** The constant scripts, for tests. */
export const KEY_PERMISSION_SCRIPTS = { SAVE, GRANT } as const;

/** server.repair-key-permissions: lets TermService (NETWORK SERVICE) read its private key again. */
export const repairKeyPermissionsFix: FixDefinition = {
  id: 'server.repair-key-permissions',
  runsOn: 'windows',
  verifyChecks: ['server.machinekeys', 'tls.handshake'],
  async prepare(ctx) {
    const data = { backupDir: ctx.backupDir, aclFile: 'rdp-key.acl' };
    return {
      backups: [
        {
          kind: 'script',
          name: 'acl-save',
          description: `Save the RDP key file's permissions with icacls /save to ${ctx.backupDir}\\rdp-key.acl`,
          script: SAVE,
          data,
          elevation: 'always',
        },
      ],
      apply: [
        {
          kind: 'script',
          name: 'acl-grant',
          description: 'Grant NETWORK SERVICE read access to the RDP key file (icacls … /grant "NT AUTHORITY\\NETWORK SERVICE:(R)")',
          script: GRANT,
          data,
          elevation: 'always',
        },
      ],
      notes: ['If the connection still fails, restart Remote Desktop Services (fix "server.restart-termservice").', RENAME_WARNING],
    };
  },
  undo: (ctx) => [
    {
      kind: 'script',
      name: 'acl-restore',
      description: 'Restore the saved permissions (icacls MachineKeys /restore rdp-key.acl)',
      script: RESTORE_ACL,
      data: { backupDir: ctx.backupDir, aclFile: 'rdp-key.acl', restartService: false },
      elevation: 'always',
      withBackup: 'acl-save',
      backupSchema: KEY_ACL_BACKUP,
    },
  ],
};
