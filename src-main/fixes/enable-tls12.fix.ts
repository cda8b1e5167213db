/** Fix server.enable-tls12: SCHANNEL TLS 1.2 Server Enabled=1, DisabledByDefault=0 (docs/windows.md#schannel-protocols; 1.2 only). */
import { KEYS, registryFix } from './registry-fix';

/** server.enable-tls12: turns the host's TLS 1.2 server side back on; needs a restart. */
export const enableTls12Fix = registryFix({
  id: 'server.enable-tls12',
  verifyChecks: ['server.tls-protocols', 'tls.handshake'],
  change: () => ({
    regKey: KEYS.tls12Server,
    values: [
      { name: 'Enabled', value: 1 },
      { name: 'DisabledByDefault', value: 0 },
    ],
    elevated: true,
  }),
  notes: () => ['Windows reads SCHANNEL settings at start-up: restart the host, then verify again. Only TLS 1.2 is turned on; TLS 1.0 and 1.1 stay as they are.'],
});
