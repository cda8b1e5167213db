/** Diagnosis rules for the TLS handshake and the NTLM identity: version mismatch, TLS failure, drops, clock skew, stale DNS. */
import { MODERN_TLS_VERSIONS as CLIENT_VERSIONS, TLS_ALERT_PROTOCOL_VERSION, tlsLabel as label } from '../../shared/tls-versions';
import type { Rule } from '../types';
import { evidenceOf } from './evidence';
import { allAttempts, type TlsHandshake } from './negotiation-read';

/** Beyond this, Kerberos refuses tickets (5 minutes by default). */
const MAX_SKEW_SECONDS = 300;

/** The server accepts only versions the client will not use (or none, answering every offer with protocol_version). */
const tlsVersionMismatch: Rule = (ev) => {
  const t = evidenceOf(ev, 'tls.handshake');
  if (!t) return [];
  const modern = t.okVersions.filter((v) => CLIENT_VERSIONS.includes(v));
  if (modern.length > 0) return [];
  const onlyOld = t.okVersions.length > 0;
  const allProtocolAlerts = !onlyOld && allAttempts(t).every((a) => a.alert?.code === TLS_ALERT_PROTOCOL_VERSION);
  if (!onlyOld && !allProtocolAlerts) return [];
  return [
    {
      id: 'tls-version-mismatch',
      confidence: onlyOld ? 0.9 : 0.75,
      explanation: onlyOld
        ? `The remote computer only speaks ${t.okVersions.map(label).join(' and ')}, which current Windows versions no longer use. Enable TLS 1.2 on the server (or update it).`
        : 'The remote computer turned down every TLS version this computer offered. The two sides share no TLS version; enable TLS 1.2 on the server.',
      technical: onlyOld
        ? `TLS handshake succeeds only with ${t.okVersions.join(', ')}; TLSv1.2 and TLSv1.3 fail (${alertWords(t)}).`
        : `Every TLS attempt (TLSv1–TLSv1.3) ended with alert 70 protocol_version.`,
      checks: ['tls.handshake'],
      fixes: ['server.enable-tls12'],
      evidence: { okVersions: t.okVersions, versions: versionSummary(t) },
    },
  ];
};

/** TLS fails with an alert or a local error (not a version problem, not a silent drop). */
const tlsHandshakeFailed: Rule = (ev) => {
  const t = evidenceOf(ev, 'tls.handshake');
  if (!t || t.okVersions.length > 0 || t.negotiated) return [];
  if (allAttempts(t).every((a) => a.alert?.code === TLS_ALERT_PROTOCOL_VERSION)) return [];
  const d = t.defaultAttempt;
  if (d.dropped) return [];
  const alert = d.alert ?? allAttempts(t).find((a) => a.alert)?.alert ?? null;
  return [
    {
      id: 'tls-handshake-failed',
      confidence: 0.75,
      explanation: `The remote computer accepts the Remote Desktop connection but the secure (TLS) handshake fails${alert ? ` with the error "${alert.name.replace(/_/g, ' ')}"` : ''}. This usually points at the server's certificate or its private key.`,
      technical: `TLS over RDP failed on every version: ${alert ? `alert ${alert.code} ${alert.name}` : d.timedOut ? 'no answer' : (d.error ?? 'unknown error')}.`,
      checks: ['tls.handshake'],
      fixes: ['server.renew-certificate', 'server.repair-key-permissions'],
      evidence: { alert, error: d.error ?? null, versions: versionSummary(t) },
    },
  ];
};

/** The server closes the socket in the TLS handshake (the classic 0x904 signature). */
const droppedDuringTls: Rule = (ev) => {
  const t = evidenceOf(ev, 'tls.handshake');
  if (!t || t.okVersions.length > 0 || !t.defaultAttempt.dropped) return [];
  return [
    {
      id: 'connection-dropped-during-negotiation',
      confidence: 0.85,
      explanation:
        'The remote computer agrees to a secure connection and then hangs up in the middle of setting it up. That is the "0x904" error. It almost always means the server cannot use its Remote Desktop certificate: expired, damaged, or its private key is unreadable. Renew the certificate or repair access to its key on the server.',
      technical: 'Server selected a TLS-based protocol, then closed/reset the TCP connection during the TLS handshake on every version tried.',
      checks: ['rdp.negotiation', 'tls.handshake'],
      fixes: ['server.renew-certificate', 'server.repair-key-permissions', 'server.restart-termservice'],
      evidence: { versions: versionSummary(t) },
    },
  ];
};

/** Server clock more than 5 minutes away from this computer's. */
const clockSkew: Rule = (ev) => {
  const c = evidenceOf(ev, 'credssp.ntlm-info');
  if (!c || c.clockSkewSeconds === null || Math.abs(c.clockSkewSeconds) <= MAX_SKEW_SECONDS) return [];
  const minutes = Math.round(Math.abs(c.clockSkewSeconds) / 60);
  const dir = c.clockSkewSeconds > 0 ? 'ahead of' : 'behind';
  return [
    {
      id: 'clock-skew',
      confidence: 0.85,
      explanation: `The remote computer's clock is about ${minutes} minutes ${dir} this computer's. Sign-in with domain accounts fails when clocks differ by more than 5 minutes. Correct the time on whichever computer is wrong.`,
      technical: `NTLM CHALLENGE MsvAvTimestamp ${c.serverTime ?? '?'}; skew ${c.clockSkewSeconds} s against the local clock (Kerberos default tolerance 300 s).`,
      checks: ['credssp.ntlm-info'],
      fixes: [],
      evidence: { serverTime: c.serverTime, clockSkewSeconds: c.clockSkewSeconds },
    },
  ];
};

/** The name asked for leads to a computer that calls itself something else. */
const dnsStaleRecord: Rule = (ev) => {
  const c = evidenceOf(ev, 'credssp.ntlm-info');
  if (!c || ev.target.isAddress || c.nameMatchesTarget !== false) return [];
  const actual = c.dnsComputer ?? c.netbiosComputer ?? 'another computer';
  return [
    {
      id: 'dns-stale-record',
      confidence: 0.7,
      explanation: `You asked for ${ev.target.host}, but the computer that answered says it is ${actual}. The name probably points to an old address (a stale DNS record), so you reach the wrong machine. Flush the DNS cache or connect by the right IP address. If ${ev.target.host} is a deliberate alias, you can ignore this.`,
      technical: `NTLM target info: NetBIOS ${c.netbiosComputer ?? '-'}, DNS ${c.dnsComputer ?? '-'}; requested ${ev.target.host}.`,
      checks: ['credssp.ntlm-info'],
      fixes: ['dns.flush', 'rdpfile.use-ip'],
      evidence: { asked: ev.target.host, netbiosComputer: c.netbiosComputer, dnsComputer: c.dnsComputer },
    },
  ];
};

function versionSummary(t: TlsHandshake): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [v, a] of Object.entries(t.versions)) {
    out[v] = a.ok ? 'ok' : a.alert ? `alert ${a.alert.code} ${a.alert.name}` : a.dropped ? 'dropped' : a.timedOut ? 'timeout' : (a.error ?? 'failed');
  }
  return out;
}

function alertWords(t: TlsHandshake): string {
  return CLIENT_VERSIONS.map((v) => `${v}: ${versionSummary(t)[v] ?? 'not tried'}`).join('; ');
}

/** TLS and identity rules, merged into negotiationRules. */
export const tlsIdentityRules: readonly Rule[] = [tlsVersionMismatch, tlsHandshakeFailed, droppedDuringTls, clockSkew, dnsStaleRecord];
