/** TCP reachability: one timed connect per address (refused, time-out and unreachable told apart) and a short latency/loss sample. */
import net from 'node:net';
import { connectWithRetry } from './connect-gate';
import { beginConnect, busyMark, busySince, quietFor } from './in-flight';
import { socketSlot } from './socket-budget';
import { since } from './bounded';
import { ipFamily } from '../shared/ip';

/** How one connect attempt ended. */
export type TcpOutcomeKind = 'open' | 'refused' | 'timeout' | 'unreachable' | 'reset' | 'aborted' | 'error';

/** One connect attempt (plain JSON). */
export interface TcpAttempt {
  readonly address: string;
  readonly port: number;
  readonly family: 4 | 6;
  readonly kind: TcpOutcomeKind;
  /** Time until the connect completed or failed. */
  readonly ms: number;
  readonly code: string | null;
  readonly message: string;
}

/** Bounds of one connect. */
export interface TcpOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** One connect of a latency sample: how it ended and when. */
export interface SampleConnect {
  readonly kind: TcpOutcomeKind;
  /** Time until the connect completed, failed or was given up. */
  readonly ms: number;
  /** How long our own event loop was busy meanwhile: at most this much of `ms` was our own queueing (in-flight.ts). */
  readonly busyMs?: number;
}

/**
 * A few raw connects in a row (no early retry, each with its own timeout): round-trip figures and how many got
 * no answer. A connect whose SYN or SYN-ACK was lost shows as lost here, not hidden behind a retried SYN.
 */
export interface LatencySample {
  readonly address: string;
  readonly port: number;
  /** Connects actually made (fewer than asked when the time budget ran out). */
  readonly attempts: number;
  /** Connects that got an answer (open or refused: both mean the path works). */
  readonly answered: number;
  /** Connects that got no answer within `connectTimeoutMs`. */
  readonly lost: number;
  /** Connects made again after a lost one: always 0, the sample never retries (each connect counts once). */
  readonly retries: number;
  /** Each connect's own bound. */
  readonly connectTimeoutMs: number;
  /** Every connect in order. */
  readonly connects: SampleConnect[];
  /** Connects that got no answer, as a share of attempts (0–1). */
  readonly lossRatio: number;
  readonly medianMs: number | null;
  readonly maxMs: number | null;
  readonly minMs: number | null;
  /**
   * Median round trip with our own busy time taken out of each answered connect: a lower bound of the path's, which
   * our own load (hundreds of targets at once) cannot inflate. Null when nothing was answered.
   */
  readonly pathMedianMs?: number | null;
  /** Each attempt's time, null when it got no answer. */
  readonly samplesMs: (number | null)[];
  readonly budgetMs: number;
  /**
   * Where the connects came from: `handshakes` when the diagnosis's own handshake connects serve as the sample (none
   * resent a SYN that our own other connections could not explain), `sample` when dedicated connects were made.
   */
  readonly source?: 'handshakes' | 'sample';
  /**
   * Handshake connects left out: they resent a SYN while other connections of ours were still awaiting the same
   * server, whose small listen queue we may have filled ourselves, so they prove nothing either way.
   */
  readonly crowdedResends?: number;
}

const KIND_BY_CODE: Record<string, TcpOutcomeKind> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  EAFNOSUPPORT: 'unreachable',
  ECONNRESET: 'reset',
};

const KIND_TEXT: Record<TcpOutcomeKind, string> = {
  open: 'the port accepted the connection',
  refused: 'connection refused: the computer answered, but nothing listens on this port',
  timeout: 'no answer before the time-out (filtered, switched off, or a wrong address)',
  unreachable: 'no route to this address from here',
  reset: 'the connection was reset while opening',
  aborted: 'cancelled',
  error: 'connect failed',
};

/**
 * Opens one TCP connection to address:port and closes it at once; never throws. A SYN that a fast server's
 * full listen queue dropped is retried early (connect-gate.ts), so server-side accept pacing does not read as
 * network loss; only a connect that never completes within the timeout counts as lost.
 */
export async function connectOnce(address: string, port: number, options: TcpOptions): Promise<TcpAttempt> {
  const known = ipFamily(address);
  const family: 4 | 6 = known === 6 ? 6 : 4;
  if (known === 0) return { address, port, family: 4, kind: 'error', ms: 0, code: null, message: 'not an IP address' };
  const start = performance.now();
  const r = await connectWithRetry(address, port, options.timeoutMs, options.signal);
  const result = (kind: TcpOutcomeKind, code: string | null = null, message = KIND_TEXT[kind]): TcpAttempt => ({ address, port, family, kind, ms: since(start), code, message });
  switch (r.kind) {
    case 'connected':
      r.socket.on('error', () => undefined);
      r.socket.destroy();
      return { ...result('open'), ms: Math.round(r.ms * 10) / 10 };
    case 'timeout':
      return result('timeout');
    case 'aborted':
      return result('aborted');
    case 'error': {
      const kind = (r.error.code && KIND_BY_CODE[r.error.code]) || 'error';
      return result(kind, r.error.code ?? null, kind === 'error' ? (r.error.message.split('\n')[0] ?? KIND_TEXT.error) : KIND_TEXT[kind]);
    }
  }
}

/**
 * Connects by host name the way an ordinary client does (system resolver, then the addresses in turn),
 * and reports the address it reached; a failed lookup comes back as kind 'error' with the resolver's code.
 */
export function connectByName(host: string, port: number, options: TcpOptions): Promise<TcpAttempt> {
  return connectTo(host, port, options);
}

async function connectTo(target: string, port: number, options: TcpOptions): Promise<TcpAttempt> {
  const literal = ipFamily(target);
  let address = target;
  let family: 4 | 6 = literal === 6 ? 6 : 4;
  const release = await socketSlot(options.signal);
  // Timed from the moment a socket may be opened: waiting for one is our own queueing.
  const start = performance.now();
  const result = (kind: TcpOutcomeKind, code: string | null = null, message = KIND_TEXT[kind]): TcpAttempt => ({
    address,
    port,
    family,
    kind,
    ms: since(start),
    code,
    message,
  });
  if (!release || options.signal?.aborted) {
    release?.();
    return result('aborted');
  }
  return new Promise((resolve) => {
    const socket = new net.Socket();
    socket.once('close', release);
    let done = false;
    const finish = (attempt: TcpAttempt): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      // The slot goes back when the socket has closed (release is idempotent; the line above took its listener off).
      socket.once('close', release);
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(attempt);
    };
    const onAbort = (): void => finish(result('aborted'));
    const timer = setTimeout(() => finish(result('timeout')), Math.max(1, options.timeoutMs));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      if (literal === 0 && socket.remoteAddress) {
        address = socket.remoteAddress;
        family = socket.remoteFamily === 'IPv6' ? 6 : 4;
      }
      finish(result('open'));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const kind = (error.code && KIND_BY_CODE[error.code]) || 'error';
      finish(result(kind, error.code ?? null, kind === 'error' ? (error.message.split('\n')[0] ?? KIND_TEXT.error) : KIND_TEXT[kind]));
    });
    // For names, Node tries each resolved address in turn (happy eyeballs), as mstsc does.
    socket.connect(literal === 0 ? { host: target, port, autoSelectFamily: true } : { host: target, port, family });
  });
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Options of a latency sample; `timeoutMs` bounds each connect. */
export interface SampleOptions extends TcpOptions {
  /** Connects to make (default 5). */
  readonly count?: number;
  /** Total time allowed for the whole sample (default 2 × timeoutMs, at most 15 s). */
  readonly budgetMs?: number;
  /** Least time from our last connect to the server to each sample connect (default SAMPLE_SPACING_MS). */
  readonly spacingMs?: number;
  /** Connects already made that count as the sample's first (each answered at its first SYN). */
  readonly prior?: readonly SampleTime[];
}

/**
 * A sample connect starts only when no connect of ours to that server began this long before (like ping's
 * interval; it also waits out another diagnosis of the same server in its burst): a server that forks per connection
 * (xrdp, listen queue 2) drops SYNs that arrive faster than it accepts, which is no loss on the path. Against lab
 * xrdp, back-to-back connects lost 19 of 97 and connects 5 ms apart none of 100; 10 ms keeps a margin for a busy server.
 */
export const SAMPLE_SPACING_MS = 10;

/**
 * Connects `count` times in a row within a total time budget and sums up the round trips and the losses. The
 * connects are raw (connectTo, not connect-gate's early retry), so a dropped SYN counts as lost, and its time is
 * the time it really took. A connect the budget cut short before its own timeout is not counted.
 */
export async function sampleLatency(address: string, port: number, options: SampleOptions): Promise<LatencySample> {
  const count = Math.min(20, Math.max(1, options.count ?? 5));
  const budgetMs = options.budgetMs ?? Math.min(15_000, options.timeoutMs * 2);
  const deadline = performance.now() + budgetMs;
  const connects: SampleConnect[] = (options.prior ?? []).slice(0, count).map((c) => ({ kind: 'open', ...rounded(c) }));
  const spacingMs = options.spacingMs ?? SAMPLE_SPACING_MS;
  while (connects.length < count) {
    // Spaced from our previous connect to this server, and none of ours awaiting it: this sample's or another
    // diagnosis's of the same server.
    if (!(await quietFor(address, port, spacingMs, deadline - 20, options.signal))) break;
    const left = deadline - performance.now();
    if (left < 20 || options.signal?.aborted) break;
    const limit = Math.min(options.timeoutMs, left);
    const busy = busyMark();
    let attempt: TcpAttempt;
    if (ipFamily(address) === 0) attempt = await connectOnce(address, port, { timeoutMs: limit, signal: options.signal });
    else {
      const outstanding = beginConnect(address, port);
      attempt = await connectTo(address, port, { timeoutMs: limit, signal: options.signal });
      outstanding.release();
    }
    if (attempt.kind === 'aborted') break;
    if (attempt.kind === 'timeout' && limit < options.timeoutMs) break;
    // Out of descriptors is our own shortage, not a connect the path lost.
    if (attempt.code === 'EMFILE' || attempt.code === 'ENFILE') break;
    connects.push({ kind: attempt.kind, ms: attempt.ms, busyMs: busySince(busy) });
  }
  return summarizeSample(address, port, connects, { connectTimeoutMs: options.timeoutMs, budgetMs, source: 'sample' });
}

/** A refusal still proves a round trip; only silence (or a vanished route) is loss. */
function gotAnswer(c: SampleConnect): boolean {
  return c.kind === 'open' || c.kind === 'refused' || c.kind === 'reset';
}

/** Sums up a sample's connects: counts, loss share and round-trip figures. */
function summarizeSample(
  address: string,
  port: number,
  connects: SampleConnect[],
  how: Pick<LatencySample, 'connectTimeoutMs' | 'budgetMs' | 'source' | 'crowdedResends'>,
): LatencySample {
  const answered = connects.filter(gotAnswer);
  const times = answered.map((c) => c.ms);
  const path = answered.map((c) => Math.max(0, c.ms - (c.busyMs ?? 0)));
  return {
    address,
    port,
    attempts: connects.length,
    answered: answered.length,
    lost: connects.length - answered.length,
    retries: 0,
    connects,
    lossRatio: connects.length === 0 ? 0 : Math.round(((connects.length - answered.length) / connects.length) * 100) / 100,
    medianMs: times.length > 0 ? Math.round(median(times) * 10) / 10 : null,
    maxMs: times.length > 0 ? Math.max(...times) : null,
    minMs: times.length > 0 ? Math.min(...times) : null,
    pathMedianMs: path.length > 0 ? Math.round(median(path) * 10) / 10 : null,
    samplesMs: connects.map((c) => (gotAnswer(c) ? c.ms : null)),
    ...how,
  };
}

/** A connect's time and how long our event loop was busy meanwhile. */
export interface SampleTime {
  readonly ms: number;
  readonly busyMs: number;
}

function rounded(c: SampleTime): SampleTime {
  return { ms: Math.round(c.ms * 10) / 10, busyMs: Math.round(c.busyMs * 10) / 10 };
}

/**
 * A latency sample read from the handshake probes' connects that were answered at the first SYN (so nothing was
 * lost); `crowdedResends` counts the ones left out because our own burst may explain their resent SYN.
 */
export function sampleFromConnects(address: string, port: number, connects: readonly SampleTime[], crowdedResends = 0): LatencySample {
  const opened = connects.map((c): SampleConnect => ({ kind: 'open', ...rounded(c) }));
  return summarizeSample(address, port, opened, { connectTimeoutMs: 0, budgetMs: 0, source: 'handshakes', crowdedResends });
}
