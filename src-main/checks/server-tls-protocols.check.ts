/** Check server.tls-protocols: are the TLS versions RDP clients need turned on for the host's server side? */
import { isProtocolOn, parseSchannel } from '../windows/server/registry';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector } from './server-host';

/**
 * server.tls-protocols. Fails when TLS 1.2 is off for the server side (Enabled=0 or DisabledByDefault=1);
 * warns when FIPS mode is on (it narrows the cipher suites).
 * Evidence: `{ protocols: [{ protocol, keyPresent, enabled, disabledByDefault, isOn }], tls12On: boolean|null,
 * anyTlsOn: boolean|null, fipsEnabled: boolean|null, osBuild: number|null }`.
 */
export const serverTlsProtocolsCheck = defineHostCheck('server.tls-protocols', async (ctx) => {
  const s = await readCollector(ctx, SERVER_COLLECTORS.schannel, parseSchannel);
  const tls12On = isProtocolOn(s, 'TLS 1.2');
  const tlsStates = ['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'].map((p) => isProtocolOn(s, p));
  const anyTlsOn = tlsStates.some((x) => x === true) ? true : tlsStates.every((x) => x === false) ? false : null;
  const evidence = { protocols: s.protocols, tls12On, anyTlsOn, fipsEnabled: s.fipsEnabled, osBuild: s.osBuild };
  const off = s.protocols.filter((p) => p.isOn === false).map((p) => p.protocol);
  if (tls12On === false) {
    return { status: 'fail', summary: `TLS 1.2 is turned off for the host's server side${off.length > 1 ? ` (off: ${off.join(', ')})` : ''}.`, evidence };
  }
  if (s.fipsEnabled) return { status: 'warn', summary: 'FIPS mode is on; it limits the cipher suites clients can use.', evidence };
  return {
    status: 'pass',
    summary: tls12On ? `TLS 1.2 is on${off.length ? `; turned off: ${off.join(', ')}` : ''}.` : 'No TLS settings are changed; Windows defaults apply.',
    evidence,
  };
});
