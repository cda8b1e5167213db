/** Check server.rdp-enabled: is Remote Desktop allowed on this host (fDenyTSConnections, local and policy)? */
import { effectiveSetting, parseRdpRegistry } from '../windows/server/registry';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector } from './server-host';

/**
 * server.rdp-enabled. Fails when connections are denied.
 * Evidence: `{ fDenyTSConnections: { value: 0|1, source: 'policy'|'local'|'default', local: n|null, policy: n|null },
 * isEnabled: boolean }`.
 */
export const serverRdpEnabledCheck = defineHostCheck('server.rdp-enabled', async (ctx) => {
  const reg = await readCollector(ctx, SERVER_COLLECTORS.rdpRegistry, parseRdpRegistry);
  // Windows ships with connections denied until someone turns Remote Desktop on.
  const deny = effectiveSetting(reg.fDenyTSConnections, reg.policy.fDenyTSConnections, 1);
  const isEnabled = deny.value === 0;
  const where = deny.source === 'policy' ? ' by Group Policy' : deny.source === 'default' ? ' (never turned on)' : '';
  return {
    status: isEnabled ? 'pass' : 'fail',
    summary: isEnabled ? `Remote Desktop is turned on${where}.` : `Remote Desktop is turned off${where} (fDenyTSConnections=${deny.value}).`,
    evidence: { fDenyTSConnections: deny, isEnabled },
  };
});
