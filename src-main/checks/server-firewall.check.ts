/** Check server.firewall: does the Remote Desktop rule group let the configured port in on the networks in use? */
import { judgeFirewall, parseFirewall } from '../windows/server/firewall';
import { parseRdpRegistry } from '../windows/server/registry';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector, readOptional } from './server-host';

/**
 * server.firewall. Fails when no enabled inbound TCP allow rule of the group (@FirewallAPI.dll,-28752) covers the
 * configured port on a profile in use while that profile's firewall is on; warns when an enabled rule does not
 * list the configured port.
 * Evidence: `{ port, rules: [{ name, displayName, enabled, profile, direction, action, protocol, localPorts }],
 * profiles: [{ name, enabled, defaultInboundAction }], networks: [{ interfaceAlias, category }],
 * verdict: { profiles: [{ profile, firewallOn, isAllowed }], isBlocked, enabledTcpRules, rulesMissingPort, hasGroupRules } }`.
 */
export const serverFirewallCheck = defineHostCheck('server.firewall', async (ctx) => {
  const fw = await readCollector(ctx, SERVER_COLLECTORS.firewall, parseFirewall);
  const reg = await readOptional(ctx, SERVER_COLLECTORS.rdpRegistry, parseRdpRegistry);
  const port = reg?.port ?? 3389;
  const verdict = judgeFirewall(fw, port);
  const evidence = { port, rules: fw.rules, profiles: fw.profiles, networks: fw.networks, verdict };
  if (verdict.isBlocked) {
    const blocked = verdict.profiles.filter((p) => !p.isAllowed).map((p) => p.profile).join(', ');
    const why = !verdict.hasGroupRules ? 'the Remote Desktop rules are missing' : verdict.enabledTcpRules.length === 0 ? 'the Remote Desktop rules are disabled' : `no enabled rule covers port ${port} there`;
    return { status: 'fail', summary: `The host firewall blocks Remote Desktop on the ${blocked} profile: ${why}.`, evidence };
  }
  if (verdict.rulesMissingPort.length) {
    return { status: 'warn', summary: `Rule ${verdict.rulesMissingPort.join(', ')} does not list port ${port}.`, evidence };
  }
  if (verdict.profiles.every((p) => !p.firewallOn)) return { status: 'pass', summary: 'The firewall is off on the networks in use.', evidence };
  return { status: 'pass', summary: `The Remote Desktop firewall rules allow TCP ${port}.`, evidence };
});
