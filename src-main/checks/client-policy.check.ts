/**
 * Check client.policy: CredSSP AllowEncryptionOracle, TCP-only policy, client SCHANNEL protocols and FIPS.
 * Evidence: { allowEncryptionOracle, oracleName, fClientDisableUDP, disableUDPTransport, isUdpDisabled,
 * fipsEnabled, schannelClient: [{protocol, enabled, disabledByDefault}], isTls12Disabled }. Null = not set.
 */
import { ORACLE_NAMES, isTls12Disabled, isUdpDisabled, parsePolicyOutput } from '../windows/client/config';
import { clientCheck, collectParsed } from './client-common';

/** client.policy: fails when the client cannot speak TLS 1.2, warns on the insecure oracle setting. */
export const clientPolicyCheck = clientCheck('client.policy', [], async (ctx, windows) => {
  const p = await collectParsed(ctx, windows, 'client-policy', parsePolicyOutput);
  const oracleName = p.allowEncryptionOracle === null ? null : (ORACLE_NAMES[p.allowEncryptionOracle] ?? `unknown (${p.allowEncryptionOracle})`);
  const evidence = {
    ...p,
    schannelClient: p.schannelClient.map((s) => ({ ...s })),
    oracleName,
    isUdpDisabled: isUdpDisabled(p),
    isTls12Disabled: isTls12Disabled(p),
  };
  const notes = [
    `CredSSP oracle policy: ${oracleName ?? 'not set (Mitigated by default)'}`,
    evidence.isUdpDisabled ? 'UDP turned off (TCP only)' : null,
    p.fipsEnabled === 1 ? 'FIPS mode on' : null,
  ].filter(Boolean);
  if (evidence.isTls12Disabled) {
    const tls13 = p.schannelClient.find((s) => s.protocol === 'TLS 1.3');
    if (tls13?.enabled !== 1) return { status: 'fail', summary: `TLS 1.2 is turned off for this client; ${notes.join('; ')}.`, evidence };
  }
  if (p.allowEncryptionOracle === 2) {
    return {
      status: 'warn',
      summary: `CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2), an insecure workaround; ${notes.slice(1).join('; ') || 'no other policy set'}.`,
      evidence,
    };
  }
  return { status: 'pass', summary: `${notes.join('; ')}.`, evidence };
});
