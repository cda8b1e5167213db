/** The wire probes shared by rdp.negotiation, tls.handshake and credssp.ntlm-info, each run once per diagnosis via ctx.memo. */
import { probeCredSsp, type CredSspProbe } from '../net/credssp-probe';
import { probeNegotiation, summaryFromFailedConnect, tlsCapableRequest, type NegotiationSummary } from '../net/negotiation';
import type { TcpAttempt } from '../net/tcp';
import { probeTlsVersions, type TlsProbeResult } from '../net/tls-probe';
import { tlsOverExchange } from '../net/rdp-tls';
import type { OpenExchange } from '../net/rdp-socket';
import type { ProtocolName } from '../shared/protocol';
import { probeConnects } from './net-probes';
import type { CheckContext } from './types';

/** Key prefix of the wire probes that connect to the RDP port (negotiation, TLS, CredSSP). */
export const RDP_WIRE_PROBES = 'net:rdp-';

/** SNI only for names: an IP literal in SNI is not allowed (RFC 6066 §3). */
export function serverNameFor(ctx: CheckContext): string | null {
  return ctx.target.isAddress ? null : ctx.target.host;
}

/**
 * Where the wire probes connect: the first address that accepted the TCP check's connect (for a name: one lookup
 * per diagnosis, the address the client would use, and no second family tried on every probe); a failed connect
 * when none did, which every probe then reports without connecting again. Waiting for that connect costs nothing:
 * the connect gate holds every other connect to a server of unknown speed until the first one completes. A refused
 * port so costs one connection, not seven (a batch of hundreds of closed ports felt each).
 */
function probeEndpoint(ctx: CheckContext): Promise<{ host: string } | { failed: TcpAttempt }> {
  return ctx.memo('net:probe-endpoint', async () => {
    const attempts = await probeConnects(ctx);
    const open = attempts.find((a) => a.kind === 'open');
    if (open) return { host: open.address };
    // No address resolved: the probes try the name themselves and report what the resolver says.
    return attempts[0] ? { failed: attempts[0] } : { host: ctx.target.host };
  });
}

const NEGOTIATION_KEY = `${RDP_WIRE_PROBES}negotiation`;

/**
 * True when the enumeration has run into the server's silence: it ended without an answer, or it is still waiting for
 * the first one. Never starts it.
 */
export function negotiationUnanswered(ctx: CheckContext): boolean {
  const negotiation = ctx.peek<NegotiationSummary>(NEGOTIATION_KEY);
  return negotiation?.state === 'running' || (negotiation?.state === 'ended' && negotiation.value.service === 'timeout');
}

/**
 * The six-way protocol enumeration. The moment the server selects TLS on the SSL probe, the TLS sweep starts, its
 * full-range handshake over that very connection: the verdict then waits for neither the slowest of the other five
 * probes nor a connection of its own (a server that forks per connection, like xrdp, accepts them one at a time).
 */
export function negotiationProbe(ctx: CheckContext): Promise<NegotiationSummary> {
  return ctx.memo(NEGOTIATION_KEY, async () => {
    const endpoint = await probeEndpoint(ctx);
    if ('failed' in endpoint) return summaryFromFailedConnect(endpoint.failed);
    ctx.report(`Asking ${ctx.target.host}:${ctx.target.port} which security protocols it offers`);
    return probeNegotiation({
      host: endpoint.host,
      port: ctx.target.port,
      timeoutMs: ctx.options.timeoutMs,
      signal: ctx.signal,
      onSupported: (plan, exchange, started) => {
        // SSL is the sweep's first choice whatever the other probes say (tlsCapableRequest).
        if (plan.protocol !== 'SSL') return false;
        void tlsProbe(ctx, { request: { requested: plan.requested, protocol: plan.protocol }, exchange, started });
        return true;
      },
    });
  });
}

/** A TLS sweep started by the negotiation probe: the request that selected TLS and its still open connection. */
interface EarlyTls {
  readonly request: { readonly requested: number; readonly protocol: ProtocolName };
  readonly exchange: OpenExchange;
  readonly started: number;
}

/** The host the TLS and CredSSP probes connect to (they run only after a negotiation that reached the server). */
async function connectHost(ctx: CheckContext): Promise<string> {
  const endpoint = await probeEndpoint(ctx);
  return 'host' in endpoint ? endpoint.host : ctx.target.host;
}

/** The TLS version sweep, or null when the server offers no TLS-based protocol; `early` when the negotiation starts it. */
export function tlsProbe(ctx: CheckContext, early?: EarlyTls): Promise<TlsProbeResult | null> {
  return ctx.memo(`${RDP_WIRE_PROBES}tls`, async () => {
    const request = early?.request ?? tlsCapableRequest(await negotiationProbe(ctx));
    if (!request) return null;
    ctx.report(`Trying TLS 1.0 to 1.3 over ${request.protocol}`);
    const options = {
      host: await connectHost(ctx),
      port: ctx.target.port,
      servername: serverNameFor(ctx),
      requestedProtocols: request.requested,
      timeoutMs: ctx.options.timeoutMs,
      signal: ctx.signal,
    };
    return probeTlsVersions(options, early && tlsOverExchange(early.exchange, early.started, { ...options, version: null }));
  });
}

/** The CredSSP/NTLM identity probe. */
export function credSspProbe(ctx: CheckContext): Promise<CredSspProbe> {
  return ctx.memo(`${RDP_WIRE_PROBES}credssp`, async () => {
    ctx.report('Reading the server identity from its NTLM challenge (no logon is attempted)');
    return probeCredSsp({
      host: await connectHost(ctx),
      port: ctx.target.port,
      servername: serverNameFor(ctx),
      timeoutMs: ctx.options.timeoutMs,
      signal: ctx.signal,
    });
  });
}
