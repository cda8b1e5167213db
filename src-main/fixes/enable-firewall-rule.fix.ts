/** Fix server.enable-firewall-rule: Enable-NetFirewallRule for the Remote Desktop user-mode rules, by Name (docs/windows.md#firewall-rules). */
import { z } from 'zod';
import { NOT_FOUND_IS_EMPTY } from '../windows/snippets';
import type { FixDefinition } from './types';
import { lazySchema } from '../shared/lazy-schema';

/** The rules turned on; names are not localized, display names are. */
export const RDP_RULES = ['RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP'] as const;

// One rule at a time: a missing rule is left out, but access denied fails the backup instead of recording nothing.
const STATE =
  NOT_FOUND_IS_EMPTY +
  String.raw`
$r = @(foreach ($n in @($RdpDoctorData.names)) { Get-RdpDoctorOrEmpty { Get-NetFirewallRule -Name ([string]$n) } | ForEach-Object { [pscustomobject]@{ name = $_.Name; enabled = ([string]$_.Enabled -eq 'True') } } })
ConvertTo-Json -InputObject $r -Compress
`;

const ENABLE = String.raw`
Enable-NetFirewallRule -Name @($RdpDoctorData.names)
[pscustomobject]@{ enabled = @($RdpDoctorData.names) } | ConvertTo-Json -Compress
`;

// Turns off again only the rules that were off before.
const RESTORE = String.raw`
$was = @(@($RdpDoctorData.backup) | Where-Object { -not $_.enabled } | ForEach-Object { [string]$_.name })
if ($was.Count -gt 0) { Disable-NetFirewallRule -Name $was }
[pscustomobject]@{ disabled = $was } | ConvertTo-Json -Compress
`;

/** What rule-state must have recorded before its restore runs: only the rules this fix turns on, each once at most. */
const RULE_STATE = lazySchema(() => z.array(z.object({ name: z.enum(RDP_RULES), enabled: z.boolean() })).max(RDP_RULES.length));

/** The constant scripts, for tests. */
export const FIREWALL_SCRIPTS = { STATE, ENABLE, RESTORE } as const;

/** server.enable-firewall-rule: lets Remote Desktop through the host firewall. */
export const enableFirewallRuleFix: FixDefinition = {
  id: 'server.enable-firewall-rule',
  runsOn: 'windows',
  verifyChecks: ['server.firewall', 'net.tcp'],
  async prepare() {
    const names = [...RDP_RULES];
    return {
      backups: [
        {
          kind: 'script',
          name: 'rule-state',
          description: `Record whether ${names.join(' and ')} are enabled (Get-NetFirewallRule -Name …)`,
          script: STATE,
          data: { names },
          elevation: 'none',
        },
      ],
      apply: [{ kind: 'script', name: 'rule-enable', description: `Enable-NetFirewallRule -Name ${names.join(',')}`, script: ENABLE, data: { names }, elevation: 'always' }],
      notes: ['A firewall managed by Group Policy or another product may still block the port.'],
    };
  },
  undo: () => [
    {
      kind: 'script',
      name: 'rule-restore',
      description: 'Disable-NetFirewallRule for the rules that were off before',
      script: RESTORE,
      data: {},
      elevation: 'always',
      withBackup: 'rule-state',
      backupSchema: RULE_STATE,
    },
  ],
};
