/** The wire probes shared by rdp.negotiation, tls.handshake and credssp.ntlm-info, each run once per diagnosis via ctx.memo. */
import { probeCredSsp, type CredSspProbe } from '../net/credssp-probe';
import { probeNegotiation, tlsCapableRequest, type NegotiationSummary } from '../net/negotiation';
import { probeTlsVersions, type TlsProbeResult } from '../net/tls-probe';
import type { CheckContext } from './types';

/** SNI only for names: an IP literal in SNI is not allowed (RFC 6066 §3). */
export function serverNameFor(ctx: CheckContext): string | null {
  return ctx.target.isAddress ? null : ctx.target.host;
}

/** The six-way protocol enumeration. */
export function negotiationProbe(ctx: CheckContext): Promise<NegotiationSummary> {
  return ctx.memo('net:rdp-negotiation', () => {
    ctx.report(`Asking ${ctx.target.host}:${ctx.target.port} which security protocols it offers`);
    return probeNegotiation({ host: ctx.target.host, port: ctx.target.port, timeoutMs: ctx.options.timeoutMs, signal: ctx.signal });
  });
}

/** The TLS version sweep, or null when the server offers no TLS-based protocol. */
export function tlsProbe(ctx: CheckContext): Promise<TlsProbeResult | null> {
  return ctx.memo('net:rdp-tls', async () => {
    const request = tlsCapableRequest(await negotiationProbe(ctx));
    if (!request) return null;
    ctx.report(`Trying TLS 1.0 to 1.3 over ${request.protocol}`);
    return probeTlsVersions({
      host: ctx.target.host,
      port: ctx.target.port,
      servername: serverNameFor(ctx),
      requestedProtocols: request.requested,
      timeoutMs: ctx.options.timeoutMs,
      signal: ctx.signal,
    });
  });
}

/** The CredSSP/NTLM identity probe. */
export function credSspProbe(ctx: CheckContext): Promise<CredSspProbe> {
  return ctx.memo('net:rdp-credssp', () => {
    ctx.report('Reading the server identity from its NTLM challenge (no logon is attempted)');
    return probeCredSsp({
      host: ctx.target.host,
      port: ctx.target.port,
      servername: serverNameFor(ctx),
      timeoutMs: ctx.options.timeoutMs,
      signal: ctx.signal,
    });
  });
}
