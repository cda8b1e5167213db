/** Fix server.enable-rdp: fDenyTSConnections=0 (docs/windows.md#remote-desktop-registry-values). */
import { KEYS, registryFix } from './registry-fix';

/** server.enable-rdp: allows Remote Desktop connections to this host. */
export const enableRdpFix = registryFix({
  id: 'server.enable-rdp',
  verifyChecks: ['server.rdp-enabled', 'net.tcp'],
  change: () => ({ regKey: KEYS.terminalServer, values: [{ name: 'fDenyTSConnections', value: 0 }], policyKey: KEYS.tsPolicy, elevated: true }),
  notes: () => ['The firewall must also allow Remote Desktop (fix "server.enable-firewall-rule").'],
});
