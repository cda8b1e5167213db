/** Diagnosis rules for the server certificate seen in the TLS handshake (tls.certificate evidence). */
import type { FixId } from '../../shared/ids';
import type { Evidence, FindingDraft, Rule } from '../types';
import { ranEvidence } from './evidence';
import { certificateNames, readServerCertificate, type WireCertificate } from './network-read';

const DAY_MS = 86_400_000;
const day = (iso: string | null): string => iso?.slice(0, 10) ?? 'an unknown date';
const nameOf = (c: WireCertificate): string => c.commonName ?? c.subject;
const technical = (c: WireCertificate): string => `subject ${c.subject}; issuer ${c.issuer}; valid ${c.notBefore} – ${c.notAfter}; SHA-1 ${c.sha1}`;

/** The certificate is past its end date. */
const certificateExpired: Rule = (ev) => {
  const c = readServerCertificate(ev);
  if (!c || c.validity !== 'expired') return [];
  const self = c.selfSigned
    ? ' It is the self-signed certificate Windows makes for Remote Desktop; Windows normally renews it by itself, so an expired one means renewal is failing (often because the service cannot read or replace the old key).'
    : ' It was issued by an authority, so a new one must be requested and installed.';
  return [
    {
      id: 'certificate-expired',
      confidence: 0.9,
      explanation: `The certificate ${ev.target.host} uses to secure Remote Desktop expired on ${day(c.notAfter)} (${Math.abs(c.daysLeft)} days ago). Remote Desktop warns about an expired certificate, and a server that cannot use or renew its certificate hangs up during the secure handshake, which shows up as error 0x904 / 0x7.${self}`,
      technical: `tls.certificate notAfter ${c.notAfter} < now; ${technical(c)}.`,
      checks: ['tls.certificate'],
      fixes: ['server.renew-certificate'],
      evidence: { notAfter: c.notAfter, daysLeft: c.daysLeft, selfSigned: c.selfSigned, sha1: c.sha1, subject: c.subject },
    },
  ];
};

/** The certificate's start date is in the future: a new certificate, or one of the clocks is wrong. */
const certificateNotYetValid: Rule = (ev) => {
  const c = readServerCertificate(ev);
  if (!c || c.validity !== 'not-yet-valid') return [];
  const startsIn = Number.isNaN(Date.parse(c.notBefore)) ? null : Math.ceil((Date.parse(c.notBefore) - ev.now.getTime()) / DAY_MS);
  return [
    {
      id: 'certificate-not-yet-valid',
      confidence: 0.85,
      explanation: `The server's certificate only becomes valid on ${day(c.notBefore)}${startsIn !== null ? ` (in ${startsIn} day${startsIn === 1 ? '' : 's'})` : ''}, so it is rejected today. Most often a clock is wrong: check that this computer's date and time (and the server's) are correct. If this computer's clock is right, the server made the certificate while its own clock was ahead; fix the server's clock and renew the certificate.`,
      technical: `tls.certificate notBefore ${c.notBefore} > local now ${ev.now.toISOString()}; ${technical(c)}.`,
      checks: ['tls.certificate'],
      fixes: c.selfSigned ? ['server.renew-certificate'] : [],
      evidence: { notBefore: c.notBefore, localNow: ev.now.toISOString(), startsInDays: startsIn, selfSigned: c.selfSigned },
    },
  ];
};

/** The certificate names another computer. */
const certificateNameMismatch: Rule = (ev) => {
  const c = readServerCertificate(ev);
  if (!c || c.nameMatch.matches) return [];
  const host = ev.target.host;
  const carried = certificateNames(c);
  const names = carried.length > 0 ? carried : c.commonName ? [c.commonName] : [];
  const certName = names[0] ?? nameOf(c);
  const firstLabel = (n: string): string => n.toLowerCase().split('.')[0] ?? '';
  const sameShort = !ev.target.isAddress && names.some((n) => firstLabel(n) === firstLabel(host));
  let advice: string;
  let fixes: FixId[] = [];
  if (ev.target.isAddress) {
    // Connecting by IP is what causes this; "use the IP" would make it worse.
    advice = ` You connected by IP address, but the certificate names the computer "${certName}". Connect using that name instead and the warning goes away.`;
  } else if (sameShort) {
    advice = ` It is the same computer under its full name: connect as "${certName}" instead of "${host}".`;
  } else {
    advice = ` This can mean the name "${host}" now points to a different computer (an old DNS record or hosts-file entry), or the computer was renamed and its certificate still carries the old name. If the computer was renamed, renewing its certificate fixes it.`;
    if (c.selfSigned) fixes = ['server.renew-certificate'];
  }
  const strict = ev.clientSettings?.authenticationLevel === 1;
  return [
    {
      id: 'certificate-name-mismatch',
      confidence: sameShort || ev.target.isAddress ? 0.8 : 0.7,
      severity: strict ? 'high' : undefined,
      explanation: `The server's certificate is issued to ${names.join(', ') || 'no name'}, not to "${host}". Remote Desktop warns about this${strict ? ', and your connection file tells it not to connect when the check fails' : ''}.${advice}`,
      technical: `requested ${host}; certificate CN=${c.commonName ?? '-'}, SANs ${carried.join(', ') || 'none'}; ${technical(c)}.`,
      checks: ['tls.certificate'],
      fixes,
      evidence: { requested: host, certificateNames: names, commonName: c.commonName, authenticationLevel: ev.clientSettings?.authenticationLevel ?? null },
    },
  ];
};

/** Self-signed: expected for Remote Desktop, only explains the warning. */
const certificateSelfSigned: Rule = (ev) => {
  const c = readServerCertificate(ev);
  if (!c || !c.selfSigned) return [];
  return [
    {
      id: 'certificate-self-signed',
      confidence: 0.6,
      severity: 'info',
      explanation: `The server uses a certificate it made for itself. This is the normal setup for Remote Desktop and not a cause of failure by itself; it is why Remote Desktop asks whether you trust the computer. Compare the thumbprint ${c.sha1} with the one your IT team gives you before you accept it.`,
      technical: `self-signed (subject = issuer = ${c.subject}); SHA-1 ${c.sha1}, SHA-256 ${c.sha256}.`,
      checks: ['tls.certificate'],
      fixes: [],
      evidence: { subject: c.subject, sha1: c.sha1, sha256: c.sha256 },
    },
  ];
};

/** Differs from the certificate seen here before (trust on first use). */
const certificateChanged: Rule = (ev) => {
  const c = readServerCertificate(ev);
  if (!c || c.knownHost.status !== 'changed') return [];
  const previous = c.knownHost.previous;
  // A certificate issued after the old one was last seen looks like a routine renewal (self-signed ones renew about every 6 months).
  const renewed = previous !== null && Date.parse(c.notBefore) >= Date.parse(previous.lastSeen);
  return [
    {
      id: 'certificate-changed',
      confidence: renewed ? 0.5 : 0.7,
      severity: renewed ? 'low' : 'medium',
      explanation: renewed
        ? `The server shows a different certificate than when this computer last checked it (${day(previous?.lastSeen ?? null)}). The new one was issued since then, which looks like a normal renewal. Remote Desktop may ask you again whether to trust it.`
        : `The server shows a different certificate than the one seen here before, and the new one is not simply newer. The server may have been rebuilt or replaced, the name may now lead to a different computer, or something on the network is intercepting the connection. Confirm with IT before you accept it.`,
      technical: `SHA-256 now ${c.sha256}, before ${previous?.sha256 ?? '?'} (first seen ${previous?.firstSeen ?? '?'}, last seen ${previous?.lastSeen ?? '?'}); new notBefore ${c.notBefore}.`,
      checks: ['tls.certificate'],
      fixes: [],
      evidence: { sha256: c.sha256, previousSha256: previous?.sha256 ?? null, previousLastSeen: previous?.lastSeen ?? null, notBefore: c.notBefore, looksRenewed: renewed },
    },
  ];
};

/** SHA-1 signature, a short key, or no server-authentication usage. */
const certificateWeak: Rule = (ev) => {
  const c = readServerCertificate(ev);
  if (!c) return [];
  const codes = c.problems.map((p) => p.code);
  const reasons: string[] = [];
  if (codes.includes('weak-signature')) reasons.push(`it is signed with ${c.signatureAlgorithm.name}, which is no longer considered safe`);
  if (codes.includes('weak-key')) reasons.push(`its ${c.key.type} key is only ${c.key.bits ?? '?'} bits long`);
  if (codes.includes('no-server-auth')) reasons.push('it is not marked for server authentication');
  if (reasons.length === 0) return [];
  return [
    {
      id: 'certificate-weak',
      confidence: 0.6,
      explanation: `The server's certificate is weak: ${reasons.join('; ')}. Hardened clients and security policies can refuse such a certificate. A freshly made Remote Desktop certificate uses current algorithms.`,
      technical: `signature ${c.signatureAlgorithm.name}, key ${c.key.type} ${c.key.bits ?? '?'} bits, serverAuth ${c.serverAuth}; ${technical(c)}.`,
      checks: ['tls.certificate'],
      fixes: ['server.renew-certificate'],
      evidence: { signature: c.signatureAlgorithm.name, keyType: c.key.type, keyBits: c.key.bits, serverAuth: c.serverAuth },
    },
  ];
};

/** The server showed a certificate that cannot be judged: larger than the limit, or not a well-formed certificate. */
const certificateUnreadable: Rule = (ev) => {
  const e = ranEvidence(ev, 'tls.certificate');
  if (!e || e.ok) return [];
  return [
    {
      id: 'certificate-unreadable',
      confidence: 0.7,
      explanation: `${e.error} A Remote Desktop client cannot check a certificate it cannot read, and ends the connection during the secure handshake. Ask the server's administrator to replace the certificate Remote Desktop uses with an ordinary one (the self-signed certificate Windows makes is a few kilobytes).`,
      technical: `tls.certificate: ${e.error}`,
      checks: ['tls.certificate'],
      fixes: [],
      evidence: { error: e.error },
    },
  ];
};

/** The certificate rules, in no particular order (ranking orders findings). */
export const certificateRules: readonly Rule[] = [
  certificateExpired,
  certificateNotYetValid,
  certificateNameMismatch,
  certificateSelfSigned,
  certificateChanged,
  certificateWeak,
  certificateUnreadable,
];

/** Runs every certificate rule (for tests). */
export function runCertificateRules(ev: Evidence): FindingDraft[] {
  return certificateRules.flatMap((rule) => rule(ev));
}
