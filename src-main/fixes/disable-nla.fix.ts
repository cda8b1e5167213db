/** Fix server.disable-nla: UserAuthentication=0 on RDP-Tcp (temporary; docs/windows.md#what-each-fix-changes). */
import { KEYS, registryFix } from './registry-fix';

/** server.disable-nla: lets clients that cannot do NLA reach the logon screen; lowers security. */
export const disableNlaFix = registryFix({
  id: 'server.disable-nla',
  verifyChecks: ['server.security-layer', 'rdp.negotiation'],
  change: () => ({ regKey: KEYS.rdpTcp, values: [{ name: 'UserAuthentication', value: 0 }], policyKey: KEYS.tsPolicy, elevated: true }),
  notes: () => ['Turn NLA back on (undo, or fix "server.enable-nla") as soon as the client problem is solved.'],
});
