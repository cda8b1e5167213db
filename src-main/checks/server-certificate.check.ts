/** Check server.certificate: the certificate RDP presents on this host: dates, private key, configured thumbprint. */
import { judgeCertificate, parseCertificates, type HostCertificate } from '../windows/server/certificate';
import { parseTsSetting } from '../windows/server/ts-setting';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector, readOptional } from './server-host';

/** The plain-JSON view of one certificate (key ACL left to server.machinekeys). */
function brief(c: HostCertificate) {
  return {
    store: c.store,
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    hasPrivateKey: c.hasPrivateKey,
    keyFile: c.keyFile,
    keyOpenError: c.keyOpenError,
  };
}

/**
 * server.certificate. Fails when the certificate in use has expired or is not yet valid, has no private key,
 * or a configured thumbprint points at no certificate; warns when it ends within 14 days or the store is empty.
 * Evidence: `{ certificates: [{ store, thumbprint, subject, issuer, notBefore, notAfter, hasPrivateKey, keyFile,
 * keyOpenError }], registryHash, wmiHash, inUse: thumbprint|null, inUseBasis, isExpired, isNotYetValid, daysLeft,
 * isSelfSigned, isHashDangling, danglingHash, notAfter, networkServiceCanReadKey: boolean|null }`.
 */
export const serverCertificateCheck = defineHostCheck('server.certificate', async (ctx) => {
  const state = await readCollector(ctx, SERVER_COLLECTORS.certificate, parseCertificates);
  const wmi = await readOptional(ctx, SERVER_COLLECTORS.tsSetting, parseTsSetting);
  const wmiHash = wmi?.found ? wmi.sslCertificateSHA1Hash : null;
  const v = judgeCertificate(state, wmiHash, ctx.now());
  const certs = [...state.certificates, ...(state.configured ? [state.configured] : [])];
  const evidence = {
    certificates: certs.map(brief),
    registryHash: state.registryHash,
    wmiHash,
    inUse: v.inUse?.thumbprint ?? null,
    inUseBasis: v.inUseBasis,
    isExpired: v.isExpired,
    isNotYetValid: v.isNotYetValid,
    daysLeft: v.daysLeft,
    isSelfSigned: v.isSelfSigned,
    isHashDangling: v.isHashDangling,
    danglingHash: v.danglingHash,
    notAfter: v.inUse?.notAfter ?? null,
    networkServiceCanReadKey: v.networkServiceCanReadKey,
  };
  if (v.isHashDangling) {
    return { status: 'fail', summary: `RDP is set to use certificate ${v.danglingHash}, which does not exist on this host.`, evidence };
  }
  const c = v.inUse;
  if (!c) return { status: 'warn', summary: 'The Remote Desktop certificate store is empty; Windows makes a new certificate when the service starts.', evidence };
  const name = `${c.subject || c.thumbprint}${v.isSelfSigned ? ' (self-signed)' : ''}`;
  const end = c.notAfter?.slice(0, 10) ?? 'unknown';
  if (v.isExpired) return { status: 'fail', summary: `The RDP certificate ${name} expired on ${end}.`, evidence };
  if (v.isNotYetValid) return { status: 'fail', summary: `The RDP certificate ${name} is not valid until ${c.notBefore?.slice(0, 10) ?? '?'}.`, evidence };
  if (!c.hasPrivateKey) return { status: 'fail', summary: `The RDP certificate ${name} has no private key on this host.`, evidence };
  if (v.daysLeft !== null && v.daysLeft < 14) return { status: 'warn', summary: `The RDP certificate ${name} expires in ${v.daysLeft} days (${end}).`, evidence };
  return { status: 'pass', summary: `The RDP certificate ${name} is valid until ${end}.`, evidence };
});
