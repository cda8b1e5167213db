/** One RDP negotiation exchange on a fresh TCP socket: connect, send the CR, read exactly one TPKT, classify. */
import net from 'node:net';
import { connectWithRetry } from './connect-gate';
import { answered } from './in-flight';
import { PROTOCOL } from '../shared/protocol';
import { buildConnectionRequest, MAX_CONFIRM_LENGTH, parseConnectionConfirm, previewBytes, readTpktHeader } from './x224';

/** What one exchange ended with (docs/protocol.md#tpkt-and-x224-framing; a close instead of a reply is itself a finding). */
export type ExchangeOutcome =
  | { readonly kind: 'selected'; readonly protocol: number; readonly protocolName: string; readonly flags: number }
  | { readonly kind: 'failure'; readonly code: number; readonly codeName: string }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'non-rdp'; readonly reason: string; readonly preview: string }
  | { readonly kind: 'closed'; readonly reset: boolean; readonly bytesReceived: number }
  | { readonly kind: 'timeout'; readonly phase: 'connect' | 'reply' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'error'; readonly code: string | null; readonly message: string }
  /** Not sent: a batch asks the others only after the server answered the first request, and it had not. */
  | { readonly kind: 'not-sent'; readonly reason: string };

/** The kinds of ExchangeOutcome. */
export type ExchangeKind = ExchangeOutcome['kind'];

/** The outcome plus timings; plain JSON. */
export interface ExchangeResult {
  readonly requestedProtocols: number;
  readonly outcome: ExchangeOutcome;
  /** Time to TCP connect, null when it never connected. */
  readonly connectMs: number | null;
  /** Time from sending the CR to the reply (or the close), null when there was none. */
  readonly replyMs: number | null;
  readonly totalMs: number;
}

/** Parameters of one exchange. */
export interface ExchangeOptions {
  readonly host: string;
  readonly port: number;
  readonly requestedProtocols: number;
  /** Bound for the connect and, separately, for the reply. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly cookie?: string;
}

/** An exchange whose socket stays open when a protocol was selected (for the TLS upgrade); the caller destroys it. */
export interface OpenExchange {
  readonly result: ExchangeResult;
  readonly socket: net.Socket | null;
  /** Bytes the server sent straight after the confirm, before we spoke again (a real server never does; a hostile peer may). */
  readonly earlyBytes: number;
}

/** Runs one exchange and always closes the socket. */
export async function exchangeOnce(options: ExchangeOptions): Promise<ExchangeResult> {
  const { result, socket } = await openExchange(options);
  socket?.destroy();
  return result;
}

/** Runs one exchange; when the server selected a protocol the connected socket is handed back, paused, with no listeners. */
export function openExchange(options: ExchangeOptions): Promise<OpenExchange> {
  const started = performance.now();
  const elapsed = (from: number): number => Math.round(performance.now() - from);
  return new Promise<OpenExchange>((resolve) => {
    let connectMs: number | null = null;
    let sentAt = 0;
    let received = Buffer.alloc(0);
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    let socket: net.Socket | null = null;
    // Only our own listeners come off: the connect gate's and in-flight's 'close' listeners give back the socket's
    // slot in the process's budget and its count of connections awaiting the server, whoever destroys it later.
    let detach: (() => void) | null = null;

    const finish = (outcome: ExchangeOutcome, keep = false, earlyBytes = 0): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      detach?.();
      socket?.setTimeout(0);
      // A late error event on a destroyed or handed-over socket must never crash the process.
      socket?.on('error', () => undefined);
      const replyMs = sentAt > 0 && outcome.kind !== 'timeout' ? elapsed(sentAt) : null;
      const result: ExchangeResult = {
        requestedProtocols: options.requestedProtocols,
        outcome,
        connectMs,
        replyMs,
        totalMs: elapsed(started),
      };
      if (keep && socket) {
        socket.pause();
        resolve({ result, socket, earlyBytes });
      } else {
        socket?.destroy();
        resolve({ result, socket: null, earlyBytes });
      }
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    const arm = (phase: 'connect' | 'reply'): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => finish({ kind: 'timeout', phase }), Math.max(1, options.timeoutMs));
    };

    if (options.signal?.aborted) {
      finish({ kind: 'aborted' });
      return;
    }
    let request: Buffer;
    try {
      request = buildConnectionRequest(options.requestedProtocols, options.cookie);
    } catch (error) {
      finish({ kind: 'error', code: 'EINVAL', message: (error as Error).message });
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    arm('connect');

    const onConnected = (connected: net.Socket): void => {
      socket = connected;
      const onData = (chunk: Buffer): void => {
        // The server accepted the connection: it no longer takes room in its listen queue (in-flight.ts).
        answered(connected);
        if (done) return;
        received = Buffer.concat([received, chunk]);
        const header = readTpktHeader(received, MAX_CONFIRM_LENGTH);
        if (header === null) return;
        if (!header.ok) {
          finish({ kind: 'non-rdp', reason: header.reason, preview: previewBytes(received) });
          return;
        }
        if (received.length < header.length) return;
        const packet = received.subarray(0, header.length);
        const extra = received.subarray(header.length);
        const parsed = parseConnectionConfirm(packet);
        if (parsed.kind === 'non-rdp') {
          finish({ kind: 'non-rdp', reason: parsed.reason, preview: previewBytes(packet) });
          return;
        }
        if (parsed.kind === 'selected' && !isRequested(parsed.protocol, options.requestedProtocols)) {
          finish({ kind: 'non-rdp', reason: `the server selected ${parsed.protocolName}, which was not requested`, preview: previewBytes(packet) });
          return;
        }
        if (parsed.kind === 'selected') {
          // Bytes glued after the confirm are reported, not given back: node:tls reads the handle and would never
          // see them, and unshift() here re-emitted 'data' into this handler forever.
          finish(parsed, true, extra.length);
          return;
        }
        finish(parsed);
      };
      const onClosed = (): void => finish(closedOrNonRdp(received, false));
      const onError = (error: NodeJS.ErrnoException): void => {
        const code = error.code ?? null;
        if (code === 'ECONNREFUSED') finish({ kind: 'refused' });
        else if ((code === 'ECONNRESET' || code === 'EPIPE') && connectMs !== null) finish(closedOrNonRdp(received, true));
        else finish({ kind: 'error', code, message: error.message.split('\n')[0] ?? 'socket error' });
      };
      connected.on('data', onData);
      connected.on('end', onClosed);
      connected.on('close', onClosed);
      connected.on('error', onError);
      detach = () => {
        connected.off('data', onData);
        connected.off('end', onClosed);
        connected.off('close', onClosed);
        connected.off('error', onError);
      };
      connectMs = elapsed(started);
      arm('reply');
      sentAt = performance.now();
      connected.write(request);
    };
    // The connect retries early when a fast server dropped our SYN (see connect-gate.ts); the connect
    // timeout armed above still bounds it.
    void connectWithRetry(options.host, options.port, options.timeoutMs, options.signal).then((r) => {
      if (done) {
        if (r.kind === 'connected') r.socket.destroy();
        return;
      }
      if (r.kind === 'connected') onConnected(r.socket);
      else if (r.kind === 'aborted') finish({ kind: 'aborted' });
      else if (r.kind === 'timeout') finish({ kind: 'timeout', phase: 'connect' });
      else if (r.error.code === 'ECONNREFUSED') finish({ kind: 'refused' });
      else finish({ kind: 'error', code: r.error.code ?? null, message: r.error.message.split('\n')[0] ?? 'socket error' });
    });
  });
}

/** MS-RDPBCGR 2.2.1.2.1: selectedProtocol is PROTOCOL_RDP or one of the requested protocols; anything else is no RDP server. */
function isRequested(selected: number, requested: number): boolean {
  const known = (Object.values(PROTOCOL) as number[]).includes(selected);
  return selected === PROTOCOL.RDP || (known && (selected & requested) === selected);
}

/** A close after partial garbage is non-RDP; a close with nothing (or a partial TPKT) is a drop. */
function closedOrNonRdp(received: Buffer, reset: boolean): ExchangeOutcome {
  if (received.length > 0 && received[0] !== 0x03) {
    return { kind: 'non-rdp', reason: 'the server sent data that is not a TPKT packet, then closed', preview: previewBytes(received) };
  }
  return { kind: 'closed', reset, bytesReceived: received.length };
}
