/** Fix credentials.clear: cmdkey /delete:TERMSRV/<host>, after recording the saved user name (docs/windows.md#saved-credentials). */
import type { FixDefinition } from './types';

// Deletes every credential with that target name (mstsc may keep a Domain and a Generic one; the name is data) and
// counts, from cmdkey /list, what is left: cmdkey's exit code does not say whether Windows deleted anything.
const DELETE = String.raw`
$t = [string]$RdpDoctorData.target
# Windows PowerShell 5.1 turns redirected native stderr into terminating errors under 'Stop'.
$ErrorActionPreference = 'Continue'
$suffix = ('=' + $t).ToLowerInvariant()
function Get-RdpDoctorSaved { @(& "$env:SystemRoot\System32\cmdkey.exe" /list 2>$null | Where-Object { ([string]$_).TrimEnd().ToLowerInvariant().EndsWith($suffix) }).Count }
$before = Get-RdpDoctorSaved
if ($before -eq 0) { throw "No saved credential named $t was found." }
for ($i = 0; $i -lt $before -and (Get-RdpDoctorSaved) -gt 0; $i++) { & "$env:SystemRoot\System32\cmdkey.exe" "/delete:$t" *> $null }
$left = Get-RdpDoctorSaved
if ($left -gt 0) { throw "Windows kept $left of the $before saved credential(s) named $t; cmdkey /delete did not remove them." }
[pscustomobject]@{ target = $t; deleted = $before } | ConvertTo-Json -Compress
`;

/** The constant delete script, for tests. */
export const CREDENTIALS_DELETE_SCRIPT = DELETE;

/** The saved user names for TERMSRV/<host> in `client-credentials` output (`{exitCode, lines}` of cmdkey /list). */
export function savedUsers(collectorOutput: string | undefined, host: string): string[] {
  let lines: unknown[] = [];
  try {
    const parsed = JSON.parse(collectorOutput ?? '') as { lines?: unknown };
    if (Array.isArray(parsed.lines)) lines = parsed.lines;
  } catch {
    return [];
  }
  const users: string[] = [];
  const wanted = `=termsrv/${host.toLowerCase()}`;
  // Labels are localized (docs/windows.md#saved-credentials): find the target by "=TERMSRV/", then the block's third "label: value" line is the user.
  for (let i = 0; i < lines.length; i++) {
    const line = String(lines[i] ?? '');
    if (!line.toLowerCase().trimEnd().endsWith(wanted)) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && String(lines[j] ?? '').trim() !== '' && !/=/.test(String(lines[j])); j++) block.push(String(lines[j]));
    const user = block.map((l) => /:\s*(.+)$/.exec(l.trim())?.[1]?.trim()).filter((v): v is string => !!v)[1];
    if (user) users.push(user);
  }
  return users;
}

/** credentials.clear: removes the saved credential mstsc would send to this computer. */
export const credentialsClearFix: FixDefinition = {
  id: 'credentials.clear',
  runsOn: 'windows',
  verifyChecks: ['client.saved-credentials'],
  async prepare(ctx) {
    const target = `TERMSRV/${ctx.target.host}`;
    return {
      backups: [
        {
          kind: 'collect',
          name: 'saved-credentials',
          description: 'Record the saved credentials (cmdkey /list) and the user name stored for this computer',
          collector: 'client-credentials',
        },
      ],
      apply: [
        {
          kind: 'script',
          name: 'cmdkey-delete',
          description: `Delete the saved credential ${target} (cmdkey /delete:${target})`,
          script: DELETE,
          data: { target },
          elevation: 'none',
        },
      ],
      notes: [`Windows keeps the password encrypted; this app never sees it. Only the user name stored for ${target} is recorded before deleting.`],
    };
  },
  undo: () => [
    {
      kind: 'note',
      name: 'password-not-restorable',
      isIrreversible: true,
      description: 'A saved password cannot be read back, so it cannot be restored: Remote Desktop asks for it at the next connection. The recorded user name is in the journal.',
    },
  ],
  describeBackups(backups, target) {
    const users = savedUsers(backups['saved-credentials']?.output, target.host);
    return users.length > 0 ? `The saved user name was ${[...new Set(users)].join(', ')}.` : null;
  },
};
