/** Check server.firewall: does any enabled inbound rule let the configured port in on the networks in use? */
import { judgeFirewall, parseFirewall } from '../windows/server/firewall';
import { parseRdpRegistry } from '../windows/server/registry';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector, readOptional } from './server-host';

/**
 * server.firewall. Fails when no enabled inbound TCP allow rule — of the Remote Desktop group (@FirewallAPI.dll,-28752)
 * or any other, such as the one Microsoft's steps for a changed port add — covers the configured port on a profile in
 * use while that profile's firewall is on, or a block rule covers it; warns when an enabled group rule does not list
 * the configured port and no other rule covers it. Evidence: ServerFirewallEvidenceSchema (shared/evidence/server.ts).
 */
export const serverFirewallCheck = defineHostCheck('server.firewall', async (ctx) => {
  const fw = await readCollector(ctx, SERVER_COLLECTORS.firewall, parseFirewall);
  const reg = await readOptional(ctx, SERVER_COLLECTORS.rdpRegistry, parseRdpRegistry);
  const port = reg?.port ?? 3389;
  const verdict = judgeFirewall(fw, port);
  const evidence = { port, rules: fw.rules, otherRules: fw.otherRules, profiles: fw.profiles, networks: fw.networks, verdict };
  if (verdict.isBlocked) {
    const closed = verdict.profiles.filter((p) => !p.isAllowed);
    const blockedBy = [...new Set(closed.flatMap((p) => p.blockedBy))];
    const why = blockedBy.length
      ? `the block rule ${blockedBy.join(', ')} covers port ${port}`
      : !verdict.hasGroupRules && fw.otherRules.length === 0
        ? 'the Remote Desktop rules are missing'
        : verdict.enabledTcpRules.length === 0 && verdict.otherAllowRules.length === 0
          ? `the Remote Desktop rules are disabled and no other rule covers port ${port}`
          : `no enabled rule covers port ${port} there`;
    return { status: 'fail', summary: `The host firewall blocks Remote Desktop on the ${closed.map((p) => p.profile).join(', ')} profile: ${why}.`, evidence };
  }
  if (verdict.rulesMissingPort.length && verdict.otherAllowRules.length === 0) {
    return { status: 'warn', summary: `Rule ${verdict.rulesMissingPort.join(', ')} does not list port ${port}.`, evidence };
  }
  if (verdict.profiles.every((p) => !p.firewallOn)) return { status: 'pass', summary: 'The firewall is off on the networks in use.', evidence };
  if (verdict.otherAllowRules.length) {
    return { status: 'pass', summary: `Rule ${verdict.otherAllowRules.join(', ')} lets TCP ${port} in (outside the Remote Desktop rule group).`, evidence };
  }
  return { status: 'pass', summary: `The Remote Desktop firewall rules allow TCP ${port}.`, evidence };
});
