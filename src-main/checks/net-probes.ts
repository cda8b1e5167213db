/** Probes shared by the network checks through ctx.memo, so one diagnosis resolves and connects only once. */
import { resolveTarget, type DnsResolution } from '../net/dns';
import { connectsSince } from '../net/connect-gate';
import { connectOnce, sampleFromConnects, sampleLatency, type LatencySample, type TcpAttempt } from '../net/tcp';
import type { CheckContext } from './types';

/** At most this many addresses are probed (a name with dozens of records must not stall the run). */
export const MAX_PROBED_ADDRESSES = 8;

/** The target's forward resolution, once per diagnosis. */
export function probeResolution(ctx: CheckContext): Promise<DnsResolution> {
  return ctx.memo(`dns:resolve:${ctx.target.host}`, () => resolveTarget(ctx.target.host, ctx.target.isAddress, { timeoutMs: ctx.options.timeoutMs, signal: ctx.signal }));
}

/** One connect to each resolved address (in parallel), once per diagnosis. */
export function probeConnects(ctx: CheckContext): Promise<TcpAttempt[]> {
  return ctx.memo(`tcp:connect:${ctx.target.host}:${ctx.target.port}`, async () => {
    const resolution = await probeResolution(ctx);
    const addresses = resolution.addresses.slice(0, MAX_PROBED_ADDRESSES);
    return Promise.all(addresses.map((a) => connectOnce(a.address, ctx.target.port, { timeoutMs: ctx.options.timeoutMs, signal: ctx.signal })));
  });
}

/** Shortest bound of one sample connect: below the first SYN retransmission (RFC 6298 §2.1, initial RTO 1 s). */
export const SAMPLE_CONNECT_MIN_MS = 900;

/**
 * Each sample connect waits this long: a connect that needs a retransmitted SYN lost a packet, so the bound sits
 * below the 1 s initial RTO, unless the first connect showed a path so slow that three round trips need longer.
 */
export function sampleConnectTimeout(firstConnectMs: number, timeoutMs: number): number {
  return Math.round(Math.min(timeoutMs, Math.max(SAMPLE_CONNECT_MIN_MS, firstConnectMs * 3)));
}

/**
 * A short latency/loss sample to the first address that answered, `firstConnectMs` being that connect's time.
 * The handshake probes' own connects are the sample when none of them resent a SYN on its own: a resend while other
 * connections of ours awaited the same server may be our burst filling its small listen queue (xrdp's holds two) and
 * is left out. A resend with nothing of ours in the way is a hint of loss, and a careful sample of spaced connects
 * follows; so does one when the probes made fewer than `enough` connects. Its total budget is one timeout, never past
 * the deadline.
 */
export function probeLatency(ctx: CheckContext, address: string, firstConnectMs: number, since: number, enough = HANDSHAKE_SAMPLE_MIN): Promise<LatencySample> {
  return ctx.memo(`tcp:latency:${address}:${ctx.target.port}`, async () => {
    const seen = connectsSince(address, ctx.target.port, since);
    const clean = seen.filter((c) => c.retries === 0);
    const crowdedResends = seen.filter((c) => c.retries > 0 && c.crowd > 0).length;
    const lossHint = seen.some((c) => c.retries > 0 && c.crowd === 0);
    if (!lossHint && clean.length >= enough) return sampleFromConnects(address, ctx.target.port, clean, crowdedResends);
    // The check's own first connect came before the handshake burst: when it was answered at once, it is the first.
    const opening = seen[0]?.retries === 0 ? [seen[0]] : [];
    return sampleLatency(address, ctx.target.port, {
      count: 5,
      prior: opening,
      timeoutMs: sampleConnectTimeout(firstConnectMs, ctx.options.timeoutMs),
      budgetMs: Math.min(ctx.options.timeoutMs, ctx.remainingMs() - 100),
      signal: ctx.signal,
    });
  });
}

/** Handshake connects needed before they may stand in for the latency sample. */
export const HANDSHAKE_SAMPLE_MIN = 5;

/** The same for a server that never answered the negotiation (too few to judge loss, which needs three). */
export const SILENT_SAMPLE_MIN = 2;

/** Joins a list for a summary line, shortening long lists. */
export function listed(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
