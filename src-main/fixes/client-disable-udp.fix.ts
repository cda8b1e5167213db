/** Fix client.disable-udp: the "Turn Off UDP On Client" policy, fClientDisableUDP=1 (docs/windows.md#remote-desktop-registry-values, docs/protocol.md#udp). */
import { KEYS, registryFix } from './registry-fix';

/** client.disable-udp: makes mstsc use TCP only; the .rdp key disableudptransport does not do this. */
export const clientDisableUdpFix = registryFix({
  id: 'client.disable-udp',
  verifyChecks: ['client.policy'],
  change: () => ({ regKey: KEYS.tsClientPolicy, values: [{ name: 'fClientDisableUDP', value: 1 }], elevated: true }),
  notes: () => ['Takes effect the next time Remote Desktop Connection starts. A domain Group Policy may set this value too.'],
});
