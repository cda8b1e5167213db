/** Diagnosis rules that need evidence from several checks (or a check plus the dialog codes) to agree. */
import type { CheckId } from '../../shared/ids';
import type { Evidence, Rule } from '../types';
import { clientDisconnectReasons, hintSaysRefused, REFUSAL_REASONS, wireCertificateValidity } from './cross-source-read';
import { evidenceOf, ranEvidence, statusOf } from './evidence';
import { readServerCertificate } from './network-read';
import { eventSignals } from './server-evidence';

/** Where the "server hung up" signal comes from: the client's event log, the dialog codes, or both. */
function refusalSignal(ev: Evidence): { checks: CheckId[]; reasons: number[]; fromHint: boolean } | null {
  const reasons = clientDisconnectReasons(ev).filter((r) => REFUSAL_REASONS.has(r));
  const fromHint = hintSaysRefused(ev);
  if (reasons.length === 0 && !fromHint) return null;
  return { checks: reasons.length > 0 ? ['client.events'] : [], reasons, fromHint };
}

function signalWords(s: { reasons: number[]; fromHint: boolean }): string {
  const parts = s.reasons.map((r) => `client event 1026 reason ${r} (0x${r.toString(16).toUpperCase()})`);
  if (s.fromHint) parts.push('the dialog codes');
  return parts.join(' and ');
}

/** Disconnects that read "server hung up" plus a certificate past its end date on the wire. */
const expiredCertificateBehindDisconnects: Rule = (ev) => {
  const signal = refusalSignal(ev);
  if (!signal || wireCertificateValidity(ev) !== 'expired') return [];
  const notAfter = readServerCertificate(ev)?.notAfter ?? null;
  return [
    {
      id: 'certificate-expired',
      // Agreement of the client's own disconnects with the wire is stronger than the certificate alone (0.9).
      confidence: signal.checks.length > 0 ? 0.97 : 0.93,
      explanation:
        "The server's certificate has run out, and the way your connection ended matches that: the server hangs up during the secure handshake. Renewing the certificate on the server should fix it.",
      technical: `tls.certificate notAfter ${notAfter ?? 'in the past'}; ${signalWords(signal)} show the server closing the socket, consistent with the expired certificate.`,
      checks: [...signal.checks, 'tls.certificate'],
      fixes: ['server.renew-certificate'],
      evidence: { notAfter, disconnectReasons: signal.reasons },
    },
  ];
};

/** The host's own RDP certificate is expired (and maybe could not be renewed) while clients are being dropped. */
const hostCertificateExpiredBehindDisconnects: Rule = (ev) => {
  const signal = refusalSignal(ev);
  if (!signal || ranEvidence(ev, 'server.certificate')?.isExpired !== true) return [];
  const renewalFailures = eventSignals(ev).renewal;
  const checks: CheckId[] = [...signal.checks, 'server.certificate', ...(renewalFailures > 0 ? (['server.events'] as const) : [])];
  return [
    {
      id: 'server-certificate-expired',
      confidence: renewalFailures > 0 ? 0.95 : 0.85,
      explanation:
        renewalFailures > 0
          ? 'The Remote Desktop certificate on this computer has expired, and Windows tried and failed to replace it. Connections are dropped because of it.'
          : 'The Remote Desktop certificate on this computer has expired, and connections to it are being dropped.',
      technical: `server.certificate isExpired; ${signalWords(signal)}${renewalFailures > 0 ? `; ${renewalFailures} RemoteConnectionManager 1057/1058 renewal failure(s)` : ''}.`,
      checks,
      fixes: renewalFailures > 0 ? ['server.renew-certificate', 'server.repair-key-permissions'] : ['server.renew-certificate'],
      evidence: { disconnectReasons: signal.reasons, renewalFailures },
    },
  ];
};

/**
 * The host's registry requires NLA while the .rdp file in use turns CredSSP off. The negotiation rules see the
 * same cause on the wire; the two drafts share no check, so the ranking counts them as independent agreement.
 */
const nlaRequiredButClientDisabled: Rule = (ev) => {
  if (ranEvidence(ev, 'server.security-layer')?.isNlaRequired !== true || ev.clientSettings?.enableCredSsp !== false) return [];
  return [
    {
      id: 'nla-required-client-disabled',
      confidence: 0.9,
      explanation: `This computer only lets people in after they sign in first (Network Level Authentication), but the connection file "${ev.clientSettings.fileName}" switches that off, so the connection is refused. A clean connection file fixes it without lowering the host's security.`,
      technical: `Host requires CredSSP/NLA (UserAuthentication=1 in server.security-layer); ${ev.clientSettings.fileName} sets enablecredsspsupport:i:0.`,
      checks: ['server.security-layer'],
      fixes: ['rdpfile.generate-clean'],
      evidence: { userAuthentication: 1, enableCredSsp: false, file: ev.clientSettings.fileName },
    },
  ];
};

/** Schannel private-key errors on the host plus a key the service cannot read. */
const keyInaccessible: Rule = (ev) => {
  const keyErrors = eventSignals(ev).keyAccess;
  const unreadable = findUnreadableKey(ev);
  if (keyErrors === 0 || unreadable.length === 0) return [];
  return [
    {
      id: 'server-certificate-key-inaccessible',
      confidence: 0.92,
      explanation: "Remote Desktop cannot open the secret key that belongs to its certificate, so every secure connection fails. Repairing the key's permissions fixes it.",
      technical: `${keyErrors} Schannel 36870 event(s) and ${unreadable.join(' + ')} agree: the TLS credential's private key is not readable by the service.`,
      checks: ['server.events', ...unreadable],
      fixes: ['server.repair-key-permissions', 'server.reset-machinekeys-acl'],
      evidence: { keyAccessErrors: keyErrors },
    },
  ];
};

function findUnreadableKey(ev: Evidence): CheckId[] {
  const out: CheckId[] = [];
  if (statusOf(ev, 'server.machinekeys') === 'fail') out.push('server.machinekeys');
  if (ranEvidence(ev, 'server.certificate')?.networkServiceCanReadKey === false) out.push('server.certificate');
  return out;
}

/** The server hangs up and the host is at its session limit. */
const capacityBehindRefusal: Rule = (ev) => {
  const signal = refusalSignal(ev);
  if (!signal || statusOf(ev, 'server.capacity') !== 'fail') return [];
  return [
    {
      id: 'server-out-of-resources',
      confidence: 0.8,
      explanation: 'The computer already has as many Remote Desktop sessions as it allows, so it turns new connections away. Sign out an old session or raise the limit.',
      technical: `server.capacity at its limit; ${signalWords(signal)} show the server closing the connection.`,
      checks: [...signal.checks, 'server.capacity'],
      fixes: [],
      evidence: { disconnectReasons: signal.reasons },
    },
  ];
};

/** The dialog says "refused", TCP connects, and the handshake is cut: the 0x904 signature seen live. */
const droppedDuringHandshake: Rule = (ev) => {
  if (!hintSaysRefused(ev) || statusOf(ev, 'net.tcp') !== 'pass') return [];
  const cut: CheckId[] = (['rdp.negotiation', 'tls.handshake'] as const).filter((id) => statusOf(ev, id) === 'fail');
  if (cut.length === 0) return [];
  return [
    {
      id: 'connection-dropped-during-negotiation',
      confidence: 0.8,
      explanation: 'Your computer reaches the server, but the server closes the connection while the two agree on security, which is exactly what the error you saw describes.',
      technical: `Dialog ${ev.errorHint?.codes.map((c) => c.hex).join('/') ?? ''} plus net.tcp pass and ${cut.join(', ')} fail reproduce the server-side close.`,
      checks: ['net.tcp', ...cut],
      fixes: [],
      evidence: { failedAt: cut },
    },
  ];
};

/** A certificate "not valid yet" together with a server clock that is off: the clock is the cause. */
const clockBehindNotYetValid: Rule = (ev) => {
  if (wireCertificateValidity(ev) !== 'not-yet-valid') return [];
  const skew = evidenceOf(ev, 'credssp.ntlm-info')?.clockSkewSeconds ?? null;
  if (skew === null || Math.abs(skew) <= 300) return [];
  return [
    {
      id: 'clock-skew',
      confidence: 0.85,
      explanation: "The server's certificate looks like it starts in the future because one of the two clocks is wrong. Set the correct time on both computers.",
      technical: `credssp.ntlm-info clock skew ${skew} s and tls.certificate not yet valid point to the same wrong clock.`,
      checks: ['credssp.ntlm-info', 'tls.certificate'],
      fixes: [],
      evidence: { skewSeconds: skew },
    },
  ];
};

/** The cross-source rules, in no particular order (ranking orders findings). */
export const crossSourceRules: readonly Rule[] = [
  expiredCertificateBehindDisconnects,
  hostCertificateExpiredBehindDisconnects,
  nlaRequiredButClientDisabled,
  keyInaccessible,
  capacityBehindRefusal,
  droppedDuringHandshake,
  clockBehindNotYetValid,
];
