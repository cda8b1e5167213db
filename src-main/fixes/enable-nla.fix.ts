/** Fix server.enable-nla: UserAuthentication=1 on RDP-Tcp (docs/windows.md#remote-desktop-registry-values). */
import { KEYS, registryFix } from './registry-fix';

/** server.enable-nla: requires Network Level Authentication again. */
export const enableNlaFix = registryFix({
  id: 'server.enable-nla',
  verifyChecks: ['server.security-layer', 'rdp.negotiation'],
  change: () => ({ regKey: KEYS.rdpTcp, values: [{ name: 'UserAuthentication', value: 1 }], policyKey: KEYS.tsPolicy, elevated: true }),
  notes: () => ['Clients with "enablecredsspsupport:i:0" in their .rdp file can no longer connect once NLA is required.'],
});
