/** Check server.rdp-enabled: is Remote Desktop allowed on this host (fDenyTSConnections, local and policy)? */
import { effectiveSetting, isHomeEdition, parseRdpRegistry } from '../windows/server/registry';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector } from './server-host';

/**
 * server.rdp-enabled. Fails when connections are denied, or when the edition cannot host Remote Desktop at all (Home).
 * Evidence: `{ fDenyTSConnections: { value: 0|1, source: 'policy'|'local'|'default', local: n|null, policy: n|null },
 * isEnabled: boolean, isHomeEdition: boolean, editionId, productName }`.
 */
export const serverRdpEnabledCheck = defineHostCheck('server.rdp-enabled', async (ctx) => {
  const reg = await readCollector(ctx, SERVER_COLLECTORS.rdpRegistry, parseRdpRegistry);
  const edition = { isHomeEdition: isHomeEdition(reg.editionId), editionId: reg.editionId, productName: reg.productName };
  // Windows ships with connections denied until someone turns Remote Desktop on.
  const deny = effectiveSetting(reg.fDenyTSConnections, reg.policy.fDenyTSConnections, 1);
  if (edition.isHomeEdition) {
    const name = reg.productName ?? `Windows (edition ${reg.editionId ?? '?'})`;
    return {
      status: 'fail',
      summary: `${name} cannot accept Remote Desktop connections: only the Pro, Enterprise, Education and Server editions can be connected to.`,
      evidence: { fDenyTSConnections: deny, isEnabled: false, ...edition },
    };
  }
  const isEnabled = deny.value === 0;
  const where = deny.source === 'policy' ? ' by Group Policy' : deny.source === 'default' ? ' (never turned on)' : '';
  return {
    status: isEnabled ? 'pass' : 'fail',
    summary: isEnabled ? `Remote Desktop is turned on${where}.` : `Remote Desktop is turned off${where} (fDenyTSConnections=${deny.value}).`,
    evidence: { fDenyTSConnections: deny, isEnabled, ...edition },
  };
});
