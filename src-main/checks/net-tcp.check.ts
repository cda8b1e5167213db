/** Check net.tcp: can the Remote Desktop port be reached on each address, and how fast and reliably. */
import type { LatencySample, TcpAttempt } from '../net/tcp';
import { isLoopbackAddress } from '../shared/ip';
import { HANDSHAKE_SAMPLE_MIN, listed, probeConnects, probeLatency, probeResolution, SILENT_SAMPLE_MIN } from './net-probes';
import { negotiationUnanswered, RDP_WIRE_PROBES } from './rdp-probes';
import type { CheckDefinition, CheckOutcome } from './types';

/** Median connect time above which the path counts as slow. */
export const HIGH_LATENCY_MS = 300;
/** Share of unanswered connects above which the path counts as lossy. */
export const LOSS_RATIO_WARN = 0.2;
/**
 * Unanswered connects needed before the path counts as lossy: one SYN of a sample can also be dropped by a busy
 * server's full listen queue (xrdp's holds two), which is no loss on the path; loss on the path repeats.
 */
export const LOSS_MIN_LOST = 2;

/** The overall answer across addresses. */
export type TcpVerdict = 'open' | 'partly-open' | 'refused' | 'timeout' | 'unreachable' | 'mixed-failure' | 'no-address' | 'cancelled';

/**
 * net.tcp. Evidence: `{ host, port, verdict, attempts: TcpAttempt[], open: string[], refused: string[],
 * timedOut: string[], unreachable: string[], otherFailures: string[], latency: LatencySample | null,
 * highLatency: boolean, packetLoss: boolean }` where TcpAttempt = `{ address, port, family, kind, ms, code, message }`
 * (kind: open | refused | timeout | unreachable | reset | aborted | error) and LatencySample =
 * `{ address, port, attempts, answered, lost, retries (always 0: no connect is retried), connectTimeoutMs,
 * connects: { kind, ms, busyMs }[], lossRatio, medianMs, maxMs, minMs, pathMedianMs, samplesMs, budgetMs, source,
 * crowdedResends }`; source is `handshakes` when the diagnosis's own handshake connects (none resent a SYN that our own
 * other connections to the server could not explain) are the sample, `sample` when dedicated connects were made;
 * busyMs is how long our own event loop was busy during a connect, and pathMedianMs the median with it taken out.
 * Status: pass (open, path fine), warn (open but some addresses fail, slow, or lossy), fail (no address
 * accepts the connection), skip (nothing to connect to: the name did not resolve).
 */
export const netTcpCheck: CheckDefinition<'net.tcp'> = {
  id: 'net.tcp',
  // Runs beside the handshake probes: connect-gate.ts retries SYNs a small listen queue dropped, so the parallel
  // connects do not read as packet loss. The latency sample is read from them or, after them, connects raw.
  dependsOn: ['dns.resolve'],
  async run(ctx) {
    const resolution = await probeResolution(ctx);
    if (resolution.addresses.length === 0) {
      return judgeTcp(ctx.target.host, ctx.target.port, [], null);
    }
    ctx.report(`Connecting to port ${ctx.target.port} on ${listed(resolution.addresses.map((a) => a.address))}…`);
    const since = performance.now();
    const attempts = await probeConnects(ctx);
    const first = attempts.find((a) => a.kind === 'open');
    let latency: LatencyFigures | null = null;
    if (first && !ctx.signal.aborted) {
      // The handshake probes' own connects are the sample when none resent a SYN. Otherwise a careful sample runs,
      // after them (they would fill a small listen queue, xrdp's is 2, and a SYN dropped there would read as loss),
      // but in time to fit one timeout before the deadline.
      await ctx.settled(RDP_WIRE_PROBES, ctx.remainingMs() - ctx.options.timeoutMs - 200);
      ctx.report(`Measuring round trips to ${first.address}…`);
      // A server that has not answered the negotiation (it ended in silence, or still waits when the sample must start)
      // got two connections, this check's and the lead probe's: they are the sample, as the verdict is its silence, and
      // more connects would hold a batch's descriptors longer or wait behind the lead for a quiet moment that never comes.
      const silent = negotiationUnanswered(ctx);
      latency = await probeLatency(ctx, first.address, first.ms, since, silent ? SILENT_SAMPLE_MIN : HANDSHAKE_SAMPLE_MIN);
    }
    return judgeTcp(ctx.target.host, ctx.target.port, attempts, latency);
  },
};

function verdictOf(attempts: readonly TcpAttempt[]): TcpVerdict {
  if (attempts.length === 0) return 'no-address';
  const kinds = new Set(attempts.map((a) => a.kind));
  if (kinds.has('open')) return kinds.size === 1 ? 'open' : 'partly-open';
  if (kinds.has('aborted')) return 'cancelled';
  if (kinds.size === 1) {
    const only = [...kinds][0];
    if (only === 'refused' || only === 'timeout' || only === 'unreachable') return only;
  }
  return kinds.has('refused') ? 'refused' : 'mixed-failure';
}

/** The figures of a latency sample the judgement reads (older recordings lack the per-connect details). */
export type LatencyFigures = Omit<LatencySample, 'lost' | 'retries' | 'connectTimeoutMs' | 'connects'> & Partial<LatencySample>;

/** Turns connect attempts and a latency sample into status, summary and evidence (pure; exported for tests). */
export function judgeTcp(host: string, port: number, attempts: readonly TcpAttempt[], latency: LatencyFigures | null): CheckOutcome<'net.tcp'> {
  const pick = (kind: TcpAttempt['kind']): string[] => attempts.filter((a) => a.kind === kind).map((a) => a.address);
  const verdict = verdictOf(attempts);
  // Judged on the round trips with our own busy time taken out: hundreds of targets at once keep our event loop busy,
  // and a reply it noticed late is no slow path. Older recordings have only the plain median.
  const roundTripMs = latency == null ? null : latency.pathMedianMs !== undefined ? latency.pathMedianMs : latency.medianMs;
  // Loopback traffic never leaves this computer: there is no path to be slow, and a slow connect there is the
  // computer's own load (other programs on its cores, hundreds of diagnoses at once). Unanswered connects still count:
  // on loopback they are the server dropping them (a full listen queue), which the sample's own guards judge.
  const onLoopback = latency != null && isLoopbackAddress(latency.address);
  const highLatency = !onLoopback && roundTripMs != null && roundTripMs > HIGH_LATENCY_MS;
  const lost = latency == null ? 0 : latency.attempts - latency.answered;
  const packetLoss = latency != null && latency.attempts >= 3 && lost >= LOSS_MIN_LOST && latency.lossRatio >= LOSS_RATIO_WARN;
  const evidence = {
    host,
    port,
    verdict,
    attempts,
    open: pick('open'),
    refused: pick('refused'),
    timedOut: pick('timeout'),
    unreachable: pick('unreachable'),
    otherFailures: attempts.filter((a) => !['open', 'refused', 'timeout', 'unreachable'].includes(a.kind)).map((a) => a.address),
    latency,
    highLatency,
    packetLoss,
  };
  const where = `${host}:${port}`;
  switch (verdict) {
    case 'no-address':
      return { status: 'skip', summary: `Nothing to connect to: ${host} did not resolve.`, evidence };
    case 'cancelled':
      return { status: 'skip', summary: 'Cancelled.', evidence };
    case 'refused':
      return { status: 'fail', summary: `Connection refused on ${where}: the computer answers, but nothing listens on port ${port}.`, evidence };
    case 'timeout':
      return { status: 'fail', summary: `No answer from ${where}: a firewall drops the traffic, the computer is off, or the address is wrong.`, evidence };
    case 'unreachable':
      return { status: 'fail', summary: `No route to ${where} from this computer (network unreachable).`, evidence };
    case 'mixed-failure':
      return { status: 'fail', summary: `No address of ${host} accepts connections on port ${port}.`, evidence };
    default:
      break;
  }
  const notes: string[] = [];
  if (verdict === 'partly-open') {
    const failed = attempts.filter((a) => a.kind !== 'open').map((a) => a.address);
    notes.push(`${listed(failed)} does not answer, so connecting may be slow or pick the wrong address`);
  }
  if (highLatency) notes.push(`round trips are slow (median ${roundTripMs} ms)`);
  if (packetLoss) notes.push(`${Math.round((latency?.lossRatio ?? 0) * 100)}% of connects got no answer`);
  const open = listed(pick('open'));
  if (notes.length > 0) return { status: 'warn', summary: `Port ${port} is open on ${open}, but ${notes.join('; ')}.`, evidence };
  const ms = latency?.medianMs ?? attempts.find((a) => a.kind === 'open')?.ms;
  return { status: 'pass', summary: `Port ${port} is open on ${open}${ms != null ? ` (${ms} ms)` : ''}.`, evidence };
}
