/**
 * TCP connect with a fast retry for servers with a tiny listen backlog. xrdp listens with a backlog of 2 and
 * accepts in bursts; a SYN that finds the queue full is dropped and the kernel retries it only after one
 * second. Once a server has answered a connect quickly, a connect that hangs far longer than that is
 * abandoned and tried again at once, so a burst of parallel probes costs milliseconds, not seconds. Until the
 * first connect to a server completes, the others wait for it (a filtered server is never hammered); that
 * first connect sends a second SYN after HEDGE_MS and keeps whichever completes first, so a dropped first SYN
 * costs a quarter second while a slow link loses nothing. To a near server (loopback, a LAN) at most three of our
 * connections await an answer at once, so our own burst does not fill a small queue. The whole attempt stays within
 * the caller's deadline.
 */
import net from 'node:net';
import { awaitAnswer, awaitingNow, beginConnect, busyMark, busySince, roomFor } from './in-flight';
import { socketSlot } from './socket-budget';

/** Servers remembered at once (oldest forgotten first). */
const MAX_ENDPOINTS = 1000;

/** Shortest wait before a hanging connect is retried. */
export const MIN_RETRY_MS = 40;

/** Until a server's speed is known, a second SYN follows a first one still pending after this long. */
export const HEDGE_MS = 250;

/**
 * A server whose connect completed within this is near (loopback, a LAN): a queued connect costs it a millisecond or
 * two, so ours take turns instead of filling a small listen queue themselves.
 */
export const NEAR_SERVER_MS = 20;

/**
 * Our connections a near server may have awaiting its answer at once: xrdp's listen queue (backlog 2) holds three
 * connections not yet accepted, and a fourth SYN is dropped and costs a retry. A server with a long queue (Windows)
 * answers in a millisecond or two, so the turns cost it little.
 */
export const NEAR_SERVER_PLACES = 3;

/** How long a connect waits before trying again when this process has no file descriptor left. */
const DESCRIPTOR_WAIT_MS = 50;

/** True for the errors of a process (or system) out of file descriptors. */
export function outOfDescriptors(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EMFILE' || error.code === 'ENFILE';
}

/** A completed connect as the gate saw it: when it completed, how long its winning attempt took, how many SYNs it resent. */
export interface GateConnect {
  readonly at: number;
  readonly ms: number;
  readonly retries: number;
  /** Our own connections to the server awaiting its answer when the first SYN went out (in-flight.ts). */
  readonly crowd: number;
  /** How long our event loop was busy while the winning attempt was outstanding: at most this much of `ms` is ours. */
  readonly busyMs: number;
}

/** Completed connects remembered per server (the newest; a diagnosis reads back its own). */
const LOG_LIMIT = 64;

interface Endpoint {
  fastestMs: number | null;
  first: Promise<void> | null;
  log: GateConnect[];
}

const endpoints = new Map<string, Endpoint>();

/** What a connect ended with; a connected socket counts as awaiting the server's answer until in-flight.answered(). */
export type ConnectResult =
  | { readonly kind: 'connected'; readonly socket: net.Socket; readonly ms: number; readonly retries: number; readonly crowd: number; readonly busyMs: number }
  | { readonly kind: 'error'; readonly error: NodeJS.ErrnoException }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

/** What one connect learns about its first SYN: our connections awaiting the server when it went out. */
interface FirstSyn {
  crowd: number | null;
}

/**
 * One connect attempt, given up `limitMs` after its SYN. With `turnMs`, it first waits (that long at most) until fewer
 * than NEAR_SERVER_PLACES of ours await the server; the wait ends in the same turn as the SYN is counted, so connects
 * released together still go one by one.
 */
async function once(host: string, port: number, limitMs: number, signal: AbortSignal | undefined, first: FirstSyn, turnMs = 0): Promise<AttemptResult> {
  const release = await socketSlot(signal);
  if (!release) return { kind: 'aborted' };
  const until = performance.now() + turnMs;
  while (awaitingNow(host, port) >= NEAR_SERVER_PLACES && performance.now() < until && !signal?.aborted) {
    await roomFor(host, port, NEAR_SERVER_PLACES, until - performance.now(), signal);
  }
  if (signal?.aborted) {
    release();
    return { kind: 'aborted' };
  }
  return new Promise((resolve) => {
    const started = performance.now();
    const busy = busyMark();
    const outstanding = beginConnect(host, port);
    first.crowd ??= outstanding.crowd;
    const socket = new net.Socket();
    socket.once('close', release);
    let done = false;
    const finish = (r: AttemptResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      socket.removeAllListeners('error');
      if (r.kind !== 'connected') {
        outstanding.release();
        socket.on('error', () => undefined);
        socket.destroy();
      } else awaitAnswer(socket, outstanding);
      resolve(r);
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'slow' }), Math.max(1, limitMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ kind: 'connected', socket, ms: performance.now() - started, retries: 0, crowd: first.crowd ?? 0, busyMs: busySince(busy) }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ kind: 'error', error }));
    socket.connect({ host, port });
  });
}

type AttemptResult = ConnectResult | { kind: 'slow' };

/** Connects to host:port that completed at or after `since` (performance.now() time), oldest first. */
export function connectsSince(host: string, port: number, since: number): GateConnect[] {
  return (endpoints.get(`${host}:${port}`)?.log ?? []).filter((c) => c.at >= since);
}

/** The first connect to a server of unknown speed: a second attempt joins after HEDGE_MS; the first to connect wins. */
async function hedged(host: string, port: number, limitMs: number, signal: AbortSignal | undefined, syn: FirstSyn): Promise<AttemptResult> {
  const attempts = [new AbortController(), new AbortController()];
  const abortAll = (): void => attempts.forEach((c) => c.abort());
  signal?.addEventListener('abort', abortAll, { once: true });
  try {
    if (signal?.aborted) return { kind: 'aborted' };
    const first = once(host, port, limitMs, attempts[0]!.signal, syn);
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([first, new Promise<null>((r) => (timer = setTimeout(() => r(null), HEDGE_MS)))]);
    clearTimeout(timer);
    if (early || limitMs <= HEDGE_MS) return early ?? (await first);
    // The first SYN went unanswered for HEDGE_MS: whichever attempt connects, a SYN was sent again.
    const second = once(host, port, limitMs - HEDGE_MS, attempts[1]!.signal, syn).then((r) => (r.kind === 'connected' ? { ...r, retries: 1 } : r));
    const firstLate = first.then((r) => (r.kind === 'connected' ? { ...r, retries: 1 } : r));
    const results: (AttemptResult | undefined)[] = [];
    let decided = false;
    return await new Promise<AttemptResult>((resolve) => {
      [firstLate, second].forEach(
        (attempt, i) =>
          void attempt.then((r) => {
            results[i] = r;
            if (decided) {
              // The loser connected in the same instant: its socket must not leak.
              if (r.kind === 'connected') r.socket.destroy();
              return;
            }
            const other = results[1 - i];
            // A connect or a definite error (refused, unreachable) decides; the other attempt is dropped.
            if (r.kind === 'connected' || r.kind === 'error') {
              decided = true;
              attempts[1 - i]!.abort();
              resolve(r);
            } else if (other) {
              decided = true;
              resolve(other.kind === 'aborted' ? r : other);
            }
          }),
      );
    });
  } finally {
    signal?.removeEventListener('abort', abortAll);
  }
}

/** Connects to host:port within `timeoutMs`, retrying a hung SYN early once the server is known to be fast. */
export async function connectWithRetry(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<ConnectResult> {
  const key = `${host}:${port}`;
  const deadline = performance.now() + timeoutMs;
  let endpoint = endpoints.get(key);
  if (!endpoint) {
    if (endpoints.size >= MAX_ENDPOINTS) endpoints.delete(endpoints.keys().next().value as string);
    endpoint = { fastestMs: null, first: null, log: [] };
    endpoints.set(key, endpoint);
  }
  const ep = endpoint;
  let releaseFirst: (() => void) | undefined;
  if (ep.fastestMs === null) {
    if (ep.first) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ep.first, new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - performance.now()))))]);
      // A pending timer would keep the CLI's process alive until the deadline.
      clearTimeout(timer);
    } else {
      ep.first = new Promise((r) => (releaseFirst = r));
    }
  }
  try {
    let retries = 0;
    // Whether the first SYN met our own connections still awaiting this server: a resend is then no evidence of loss.
    const syn: FirstSyn = { crowd: null };
    for (;;) {
      if (signal?.aborted) return { kind: 'aborted' };
      const left = deadline - performance.now();
      if (left <= 0) return { kind: 'timeout' };
      // Each retry waits twice as long, so a server that became slower is still reached.
      // A near server: a connect's first SYN waits a moment for one of ours to be answered (a retry goes at once).
      const turnMs = ep.fastestMs !== null && ep.fastestMs <= NEAR_SERVER_MS && retries === 0 ? Math.min(MIN_RETRY_MS, left / 2) : 0;
      const limit = ep.fastestMs === null ? left : Math.min(left - turnMs, Math.max(MIN_RETRY_MS, ep.fastestMs * 8) * 2 ** retries);
      const r = ep.fastestMs === null ? await hedged(host, port, limit, signal, syn) : await once(host, port, limit, signal, syn, turnMs);
      if (r.kind === 'connected') {
        ep.fastestMs = ep.fastestMs === null ? r.ms : Math.min(ep.fastestMs, r.ms);
        const total = retries + r.retries;
        ep.log.push({ at: performance.now(), ms: r.ms, retries: total, crowd: r.crowd, busyMs: r.busyMs });
        if (ep.log.length > LOG_LIMIT) ep.log.shift();
        return { ...r, retries: total };
      }
      if (r.kind === 'error' && outOfDescriptors(r.error)) {
        // Our own process ran out of descriptors: nothing the server did. Wait for one of ours to close, try again.
        await new Promise((res) => setTimeout(res, Math.min(DESCRIPTOR_WAIT_MS, Math.max(0, deadline - performance.now()))));
        continue;
      }
      if (r.kind !== 'slow') return r;
      retries += 1;
      if (deadline - performance.now() <= 0) {
        ep.fastestMs = null;
        return { kind: 'timeout' };
      }
    }
  } finally {
    if (releaseFirst) {
      ep.first = null;
      releaseFirst();
    }
    if (ep.fastestMs === null && !ep.first) endpoints.delete(key);
  }
}
