/** TLS over RDP: negotiate SSL/HYBRID, upgrade the same socket with node:tls, per TLS version, and read the chain. */
import type net from 'node:net';
import tls from 'node:tls';
import { openExchange, type OpenExchange } from './rdp-socket';
import { TLS_ALERT_NAMES, type TlsVersion } from '../shared/tls-versions';
import { PROTOCOL } from '../shared/protocol';
import { MAX_CERTIFICATE_BYTES } from '../shared/limits';

export { TLS_VERSIONS, type TlsVersion } from '../shared/tls-versions';

/** At most this many certificates are kept from a chain. */
export const MAX_CHAIN_LENGTH = 8;

/** How one TLS attempt ended; plain JSON. */
export interface TlsAttempt {
  readonly ok: boolean;
  /** The RDP negotiation outcome when TLS never started (e.g. "failure SSL_CERT_NOT_ON_SERVER"). */
  readonly negotiation?: string;
  readonly error?: string;
  /** OpenSSL error code, e.g. ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION. */
  readonly errorCode?: string;
  /** TLS alert number and name when the peer sent one. */
  readonly alert?: { readonly code: number; readonly name: string };
  /** The server dropped the connection during the handshake (the 0x904 signature). */
  readonly dropped?: boolean;
  readonly timedOut?: boolean;
  readonly version?: string;
  readonly cipher?: string;
  /** The protocol the server selected before TLS started. */
  readonly selectedProtocol?: string;
  readonly ms: number;
}

/** Parameters of a TLS attempt. */
export interface TlsAttemptOptions {
  readonly host: string;
  readonly port: number;
  /** Server name for SNI; pass null for IP targets. */
  readonly servername: string | null;
  readonly requestedProtocols: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Pin min and max to one version; null = the widest range (TLSv1–TLSv1.3). */
  readonly version: TlsVersion | null;
  /** Only go on to TLS when the server picked HYBRID or HYBRID_EX (CredSSP follows). */
  readonly requireCredSsp?: boolean;
}

/** A TLS attempt plus, when it succeeded, the peer chain as DER (leaf first). */
export interface TlsAttemptWithChain {
  readonly attempt: TlsAttempt;
  readonly chain: Buffer[];
}

/**
 * Opens a TLS session over RDP and closes it again. OpenSSL 3 refuses TLS 1.0/1.1 and small keys at
 * the default security level, so ciphers drop to SECLEVEL=0: we measure what the server can do.
 * With `afterHandshake` the open TLS socket is lent out (for CredSSP) before it is closed.
 */
export async function attemptTls<T = undefined>(
  options: TlsAttemptOptions,
  afterHandshake?: (socket: tls.TLSSocket) => Promise<T>,
): Promise<TlsAttemptWithChain & { readonly extra?: T }> {
  const started = performance.now();
  const exchange = await openExchange({
    host: options.host,
    port: options.port,
    requestedProtocols: options.requestedProtocols,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  return tlsOverExchange(exchange, started, options, afterHandshake);
}

/**
 * Goes on to TLS over a negotiation exchange already made (the connection the negotiation probe for SSL left open,
 * or attemptTls's own), and closes it. `started` is when that exchange began, so `ms` covers all of it.
 */
export async function tlsOverExchange<T = undefined>(
  exchange: OpenExchange,
  started: number,
  options: TlsAttemptOptions,
  afterHandshake?: (socket: tls.TLSSocket) => Promise<T>,
): Promise<TlsAttemptWithChain & { readonly extra?: T }> {
  const ms = (): number => Math.round(performance.now() - started);
  const { result, socket, earlyBytes } = exchange;
  const o = result.outcome;
  const wanted = options.requireCredSsp ? [PROTOCOL.HYBRID, PROTOCOL.HYBRID_EX] : [PROTOCOL.SSL, PROTOCOL.HYBRID, PROTOCOL.HYBRID_EX];
  if (!socket || o.kind !== 'selected' || !(wanted as number[]).includes(o.protocol)) {
    socket?.destroy();
    const negotiation = o.kind === 'failure' ? `failure ${o.codeName}` : o.kind === 'selected' ? `selected ${o.protocolName}` : o.kind;
    return { attempt: { ok: false, negotiation, error: `RDP negotiation ended with ${negotiation}`, ms: ms() }, chain: [] };
  }
  const selectedProtocol = o.protocolName;
  if (earlyBytes > 0) {
    socket.destroy();
    const error = `the server sent ${earlyBytes} bytes right after the Connection Confirm, before the TLS handshake began`;
    return { attempt: { ok: false, error, selectedProtocol, ms: ms() }, chain: [] };
  }
  const tlsSocket = await handshake(socket, options);
  if (!tlsSocket.ok) {
    socket.destroy();
    return { attempt: { ...tlsSocket.attempt, selectedProtocol, ms: ms() }, chain: [] };
  }
  const s = tlsSocket.socket;
  const cipher = s.getCipher();
  const attempt: TlsAttempt = {
    ok: true,
    version: s.getProtocol() ?? undefined,
    cipher: cipher?.standardName ?? cipher?.name,
    selectedProtocol,
    ms: ms(),
  };
  const chain = peerChain(s);
  try {
    const extra = afterHandshake ? await afterHandshake(s) : undefined;
    return { attempt, chain, extra };
  } finally {
    s.destroy();
    socket.destroy();
  }
}

type HandshakeResult = { ok: true; socket: tls.TLSSocket } | { ok: false; attempt: Omit<TlsAttempt, 'ms'> };

function handshake(socket: net.Socket, options: TlsAttemptOptions): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const min = options.version ?? 'TLSv1';
    const max = options.version ?? 'TLSv1.3';
    let settled = false;
    const s = tls.connect({
      socket,
      rejectUnauthorized: false,
      // The certificate is judged by our own code, never by a trust store: an empty CA list spares every process the
      // ~35 ms Node spends loading its bundled root certificates for the first TLS connection.
      ca: [],
      ...(options.servername ? { servername: options.servername } : {}),
      minVersion: min,
      maxVersion: max,
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    const settle = (r: HandshakeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      s.removeAllListeners('secureConnect');
      s.removeAllListeners('close');
      s.removeAllListeners('end');
      if (!r.ok) s.destroy();
      resolve(r);
    };
    const onAbort = (): void => settle({ ok: false, attempt: { ok: false, error: 'cancelled' } });
    const timer = setTimeout(
      () => settle({ ok: false, attempt: { ok: false, timedOut: true, error: `no TLS answer within ${options.timeoutMs} ms` } }),
      Math.max(1, options.timeoutMs),
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // Errors after settling (e.g. a reset while we close) must not crash the process.
    s.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, attempt: describeTlsError(error) }));
    s.on('secureConnect', () => settle({ ok: true, socket: s }));
    const dropped = (): void => settle({ ok: false, attempt: { ok: false, dropped: true, error: 'the server closed the connection during the TLS handshake' } });
    s.on('end', dropped);
    s.on('close', dropped);
    if (options.signal?.aborted) onAbort();
    socket.resume();
  });
}

/** Turns a node:tls error into evidence: alert number/name when the peer sent one, drop when it closed. */
export function describeTlsError(error: NodeJS.ErrnoException): Omit<TlsAttempt, 'ms'> {
  const raw = (error.message ?? String(error)).split('\n')[0] ?? 'TLS error';
  // OpenSSL: "<id>:error:<code>:<lib>:<func>:<reason>:<file>:<line>:<extra>"; keep the reason and the alert number.
  const openssl = /error:[0-9A-Fa-f]+:([^:]*):[^:]*:([^:]+):[^:]*:\d+:?(.*)$/.exec(raw);
  // A bare ASN.1 reason such as "too long" says nothing; in a handshake it means the server sent broken DER.
  const where = openssl && /asn1/i.test(openssl[1] ?? '') ? ' (malformed DER from the server, usually its certificate)' : '';
  const message = openssl ? [`${openssl[2]}${where}`, openssl[3]].filter((x) => x && x.trim()).join(', ') : raw;
  const code = error.code;
  const alertMatch = /alert number (\d+)/i.exec(raw);
  const alert = alertMatch ? Number(alertMatch[1]) : null;
  const dropped = code === 'ECONNRESET' || code === 'EPIPE' || /socket disconnected|socket hang up/i.test(message);
  return {
    ok: false,
    error: message,
    ...(code ? { errorCode: code } : {}),
    ...(alert !== null ? { alert: { code: alert, name: TLS_ALERT_NAMES[alert] ?? `alert_${alert}` } } : {}),
    ...(dropped ? { dropped: true } : {}),
  };
}

/**
 * The peer chain as DER, leaf first, stopping at a self-signed certificate or a repeat, capped. A certificate over
 * MAX_CERTIFICATE_BYTES ends the chain, kept as its first MAX_CERTIFICATE_BYTES + 1 bytes: enough for the judge to
 * say it is too large, and never an issuer judged in the leaf's place.
 */
export function peerChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined;
  try {
    cert = socket.getPeerCertificate(true);
  } catch {
    return chain;
  }
  while (cert && Buffer.isBuffer(cert.raw) && chain.length < MAX_CHAIN_LENGTH) {
    const key = cert.fingerprint256 ?? cert.raw.toString('base64');
    if (seen.has(key)) break;
    seen.add(key);
    if (cert.raw.length > MAX_CERTIFICATE_BYTES) {
      chain.push(Buffer.from(cert.raw.subarray(0, MAX_CERTIFICATE_BYTES + 1)));
      break;
    }
    chain.push(Buffer.from(cert.raw));
    const next: tls.DetailedPeerCertificate | undefined = cert.issuerCertificate;
    if (!next || next === cert) break;
    cert = next;
  }
  return chain;
}
