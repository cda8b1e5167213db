/** Check tls.handshake: TLS over RDP, each TLS version tried separately, and the server's certificate chain. */
import type { NegotiationSummary } from '../net/negotiation';
import { MODERN_TLS_VERSIONS, TLS_VERSIONS, tlsLabel } from '../shared/tls-versions';
import type { TlsProbeResult } from '../net/tls-probe';
import { negotiationProbe, tlsProbe } from './rdp-probes';
import type { CheckDefinition, CheckOutcome } from './types';

/**
 * tls.handshake. Evidence (plain JSON; `chain` is read by tls.certificate — keep the name):
 * `{ requestedProtocols: number, servername: string|null,
 *    versions: { 'TLSv1'|'TLSv1.1'|'TLSv1.2'|'TLSv1.3': { ok: boolean, error?: string, errorCode?: string,
 *               alert?: { code, name }, dropped?: boolean, timedOut?: boolean, negotiation?: string,
 *               selectedProtocol?: string, ms: number } },
 *    negotiated: { version: string, cipher: string } | null,
 *    defaultAttempt: the full-range attempt (same fields plus version/cipher),
 *    chain: string[] (base64 DER, leaf first), chainSource: 'default'|TlsVersion|null,
 *    okVersions: TlsVersion[] }`
 * When skipped: `{ reason: 'rdp-security-only'|'no-rdp-service'|'no-tls-protocol' }`.
 */
export const tlsHandshakeCheck: CheckDefinition<'tls.handshake'> = {
  id: 'tls.handshake',
  dependsOn: ['rdp.negotiation'],
  async run(ctx) {
    const summary = await negotiationProbe(ctx);
    const skip = skipReason(summary);
    if (skip) return skip;
    const probe = await tlsProbe(ctx);
    if (!probe) return { status: 'skip', summary: 'The server offers no TLS-based security protocol.', evidence: { reason: 'no-tls-protocol' } };
    if (ctx.signal.aborted) return { status: 'error', summary: 'Cancelled.', evidence: { reason: 'cancelled' } };
    return judgeTls(probe);
  },
};

function skipReason(summary: NegotiationSummary): CheckOutcome<'tls.handshake'> | null {
  if (summary.service !== 'rdp') {
    return { status: 'skip', summary: 'No RDP negotiation took place, so TLS could not be tried.', evidence: { reason: 'no-rdp-service' } };
  }
  if (summary.rdpSecurityOnly) {
    return {
      status: 'skip',
      summary: 'The server only allows Standard RDP Security, which does not use TLS.',
      evidence: { reason: 'rdp-security-only' },
    };
  }
  return null;
}

/** Status and summary from the probe (pure). */
export function judgeTls(probe: TlsProbeResult): CheckOutcome<'tls.handshake'> {
  const okVersions = TLS_VERSIONS.filter((v) => probe.versions[v].ok);
  const evidence = { ...probe, okVersions };
  const label = tlsLabel;
  const listed = okVersions.map(label).join(', ');
  if (okVersions.length === 0 && !probe.negotiated) {
    const d = probe.defaultAttempt;
    const why = d.dropped
      ? 'the server closed the connection during the handshake'
      : d.alert
        ? `the server sent TLS alert ${d.alert.code} (${d.alert.name})`
        : d.timedOut
          ? 'the server did not answer'
          : (d.error ?? 'unknown error');
    return { status: 'fail', summary: `No TLS handshake succeeded: ${why}.`, evidence };
  }
  if (!okVersions.some((v) => MODERN_TLS_VERSIONS.includes(v))) {
    return { status: 'fail', summary: `The server only accepts ${listed || 'old TLS versions'}; current Windows clients require TLS 1.2 or later.`, evidence };
  }
  const neg = probe.negotiated ? `; it picks ${label(probe.negotiated.version)} with ${probe.negotiated.cipher}` : '';
  const old = okVersions.filter((v) => !MODERN_TLS_VERSIONS.includes(v));
  // Old versions still enabled do not break a connection; say so without raising the status.
  if (old.length > 0) return { status: 'pass', summary: `TLS works (${listed}${neg}); the outdated ${old.map(label).join(' and ')} are still enabled.`, evidence };
  return { status: 'pass', summary: `TLS works (${listed}${neg}).`, evidence };
}
