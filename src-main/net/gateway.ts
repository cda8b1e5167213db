/** RD Gateway probe: TCP, TLS, one unauthenticated RDG_OUT_DATA request; status, auth schemes and certificate verdict. */
import net from 'node:net';
import tls from 'node:tls';
import { judgeCertificate, type CertificateVerdict } from './certificate';
import { since } from './bounded';
import { describeTlsError, peerChain } from './rdp-tls';
import { connectByName, connectOnce, type TcpAttempt } from './tcp';
import { socketSlot } from './socket-budget';
import {
  ANSWER_TEXT,
  buildGatewayRequest,
  headEnd,
  interpretStatus,
  MAX_HEAD_BYTES,
  parseAuthSchemes,
  parseResponseHead,
  preview,
  type GatewayAnswer,
  type ResponseHead,
} from './gateway-http';

/** The step where the probe stopped. */
export type GatewayStage = 'connect' | 'tls' | 'http' | 'done';

/** Why the probe stopped early. */
export interface GatewayFailure {
  readonly stage: GatewayStage;
  readonly kind: 'dns' | 'refused' | 'timeout' | 'unreachable' | 'tls' | 'closed' | 'too-large' | 'aborted' | 'error';
  readonly code: string | null;
  readonly message: string;
}

/** Everything the probe learnt (plain JSON). */
export interface GatewayProbeResult {
  readonly host: string;
  readonly port: number;
  /** True when the gateway answered like an RD Gateway (401 with schemes, or 101). */
  readonly ok: boolean;
  readonly reachedStage: GatewayStage;
  readonly failure: GatewayFailure | null;
  readonly connect: TcpAttempt | null;
  readonly tls: {
    readonly version: string | null;
    readonly cipher: string | null;
    /** Verified by Node's CA store (not the Windows store) against the gateway name. */
    readonly authorized: boolean;
    readonly authorizationError: string | null;
    readonly ms: number;
  } | null;
  /** The gateway's certificates, base64 DER, leaf first. */
  readonly chain: string[];
  readonly certificate: CertificateVerdict | null;
  readonly http: {
    readonly statusCode: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly server: string | null;
    readonly authSchemes: string[];
    readonly headers: Record<string, string>;
    readonly ms: number;
  } | null;
  readonly answer: GatewayAnswer | null;
  readonly answerText: string | null;
  /** First bytes of a reply that was not HTTP. */
  readonly rawPreview: string | null;
  readonly totalMs: number;
}

/** Inputs of the probe. */
export interface GatewayProbeOptions {
  readonly host: string;
  readonly port?: number;
  readonly isAddress: boolean;
  /** Bound for each step (connect, TLS, response). */
  readonly timeoutMs: number;
  /** Bound for the whole probe (default two steps' worth), so it fits the engine's per-check budget. */
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
  readonly now: Date;
  /** Extra CAs to trust (tests); the default is Node's bundled store. */
  readonly ca?: string[];
}

function failure(stage: GatewayStage, kind: GatewayFailure['kind'], message: string, code: string | null = null): GatewayFailure {
  return { stage, kind, code, message };
}

/** Upgrades `socket` to TLS within the time-out; never throws. */
function startTls(socket: net.Socket, options: GatewayProbeOptions): Promise<{ tlsSocket: tls.TLSSocket | null; error: GatewayFailure | null }> {
  return new Promise((resolve) => {
    const tlsSocket = tls.connect({
      socket,
      servername: options.isAddress ? undefined : options.host,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      ca: options.ca,
    });
    let done = false;
    const finish = (value: { tlsSocket: tls.TLSSocket | null; error: GatewayFailure | null }): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      tlsSocket.removeListener('secureConnect', onSecure);
      if (!value.tlsSocket) tlsSocket.destroy();
      resolve(value);
    };
    const onAbort = (): void => finish({ tlsSocket: null, error: failure('tls', 'aborted', 'cancelled') });
    const onSecure = (): void => finish({ tlsSocket, error: null });
    const timer = setTimeout(() => finish({ tlsSocket: null, error: failure('tls', 'timeout', 'the TLS handshake got no answer in time') }), Math.max(1, options.timeoutMs));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    tlsSocket.on('error', (error: NodeJS.ErrnoException) => {
      const closed = error.code === 'ECONNRESET' || /socket disconnected|socket hang up/i.test(error.message);
      // OpenSSL's raw line carries addresses and source paths; keep its reason, as the RDP TLS probe does.
      const message = describeTlsError(error).error ?? 'TLS failed';
      finish({ tlsSocket: null, error: failure('tls', closed ? 'closed' : 'tls', message, error.code ?? null) });
    });
    tlsSocket.once('secureConnect', onSecure);
  });
}

/** Sends the request and reads the response head (capped in size and time); never throws. */
function exchange(socket: tls.TLSSocket, request: string, options: GatewayProbeOptions): Promise<{ head: Buffer | null; raw: Buffer; error: GatewayFailure | null }> {
  return new Promise((resolve) => {
    let raw = Buffer.alloc(0);
    let done = false;
    const finish = (head: Buffer | null, error: GatewayFailure | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      resolve({ head, raw, error });
    };
    const onAbort = (): void => finish(null, failure('http', 'aborted', 'cancelled'));
    const timer = setTimeout(() => finish(null, failure('http', 'timeout', 'the gateway accepted the request but never answered')), Math.max(1, options.timeoutMs));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]).subarray(0, MAX_HEAD_BYTES + 1);
      const end = headEnd(raw);
      if (end >= 0) return finish(raw.subarray(0, end), null);
      // Not HTTP at all: no need to wait for a blank line that will never come.
      if (raw.length >= 8 && !raw.subarray(0, 5).equals(Buffer.from('HTTP/'))) return finish(raw, null);
      if (raw.length > MAX_HEAD_BYTES) finish(null, failure('http', 'too-large', `the response headers are larger than ${MAX_HEAD_BYTES} bytes`));
    });
    socket.on('error', (error) => finish(null, failure('http', 'closed', error.message.split('\n')[0] ?? 'connection error')));
    socket.on('close', () => finish(raw.length > 0 ? raw : null, raw.length > 0 ? null : failure('http', 'closed', 'the gateway closed the connection without answering')));
    socket.write(request);
  });
}

const CONNECT_KIND: Partial<Record<TcpAttempt['kind'], GatewayFailure['kind']>> = {
  refused: 'refused',
  timeout: 'timeout',
  unreachable: 'unreachable',
  aborted: 'aborted',
};

/** Opens a TCP connection and keeps it (connectOnce only measures). */
async function openSocket(host: string, port: number, options: GatewayProbeOptions): Promise<net.Socket | null> {
  const release = await socketSlot(options.signal);
  if (!release) return null;
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, autoSelectFamily: true });
    socket.once('close', release);
    const timer = setTimeout(() => done(null), Math.max(1, options.timeoutMs));
    const onAbort = (): void => done(null);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    function done(value: net.Socket | null): void {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      if (!value) {
        socket.on('error', () => undefined);
        socket.destroy();
      }
      resolve(value);
    }
    socket.once('connect', () => done(socket));
    socket.once('error', () => done(null));
  });
}

/** Probes an RD Gateway; each step is bounded by timeoutMs, the whole by budgetMs, and the signal. Never throws. */
export async function probeGateway(options: GatewayProbeOptions): Promise<GatewayProbeResult> {
  const start = performance.now();
  const deadline = start + (options.budgetMs ?? options.timeoutMs * 2);
  // Each step gets the per-step time-out or what is left of the budget, whichever is less.
  const stepOptions = (): GatewayProbeOptions => ({ ...options, timeoutMs: Math.max(1, Math.min(options.timeoutMs, deadline - performance.now())) });
  const port = options.port ?? 443;
  const base = { host: options.host, port, chain: [] as string[], certificate: null, http: null, answer: null, answerText: null, rawPreview: null };
  const end = (partial: Partial<GatewayProbeResult> & Pick<GatewayProbeResult, 'reachedStage' | 'failure' | 'connect'>): GatewayProbeResult => ({
    ...base,
    ok: false,
    tls: null,
    ...partial,
    totalMs: since(start),
  });

  const step = { timeoutMs: stepOptions().timeoutMs, signal: options.signal };
  const connect = options.isAddress ? await connectOnce(options.host, port, step) : await connectByName(options.host, port, step);
  if (connect.kind !== 'open') {
    const kind = CONNECT_KIND[connect.kind] ?? (connect.code === 'ENOTFOUND' || connect.code === 'EAI_AGAIN' ? 'dns' : 'error');
    const message = kind === 'dns' ? `the gateway name ${options.host} does not resolve` : connect.message;
    return end({ reachedStage: 'connect', failure: failure('connect', kind, message, connect.code), connect });
  }
  const socket = await openSocket(connect.address, port, stepOptions());
  if (!socket) return end({ reachedStage: 'connect', failure: failure('connect', 'error', 'the connection could not be opened a second time'), connect });

  const { tlsSocket, error: tlsError } = await startTls(socket, stepOptions());
  if (!tlsSocket) {
    socket.destroy();
    return end({ reachedStage: 'tls', failure: tlsError, connect });
  }
  const chainDer = peerChain(tlsSocket);
  const cipher = tlsSocket.getCipher();
  const tlsInfo = {
    version: tlsSocket.getProtocol() ?? null,
    cipher: cipher?.name ?? null,
    authorized: tlsSocket.authorized,
    authorizationError: tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : null,
    ms: since(start),
  };
  const chain = chainDer.map((b) => b.toString('base64'));
  const certificate = judgeCertificate(chainDer, { host: options.host, isAddress: options.isAddress, now: options.now });

  const httpStart = performance.now();
  const { head, raw, error: httpError } = await exchange(tlsSocket, buildGatewayRequest(options.host, port), stepOptions());
  tlsSocket.destroy();
  const withTls = { connect, tls: tlsInfo, chain, certificate };
  if (!head) return end({ ...withTls, reachedStage: 'http', failure: httpError });

  const parsed: ResponseHead | null = parseResponseHead(head);
  const schemes = parsed ? parseAuthSchemes(parsed) : [];
  const answer = interpretStatus(parsed, schemes);
  return end({
    ...withTls,
    ok: answer === 'auth-required' || answer === 'websocket-accepted',
    reachedStage: 'done',
    failure: null,
    answer,
    answerText: ANSWER_TEXT[answer],
    rawPreview: parsed ? null : preview(raw),
    http: parsed
      ? {
          statusCode: parsed.statusCode,
          statusText: parsed.statusText,
          httpVersion: parsed.httpVersion,
          server: parsed.headers['server'] ?? null,
          authSchemes: schemes,
          headers: parsed.headers,
          ms: since(httpStart),
        }
      : null,
  });
}
