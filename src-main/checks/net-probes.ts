/** Probes shared by the network checks through ctx.memo, so one diagnosis resolves and connects only once. */
import { resolveTarget, type DnsResolution } from '../net/dns';
import { connectOnce, sampleLatency, type LatencySample, type TcpAttempt } from '../net/tcp';
import type { CheckContext } from './types';

/** At most this many addresses are probed (a name with dozens of records must not stall the run). */
export const MAX_PROBED_ADDRESSES = 8;

/** The target's forward resolution, once per diagnosis. */
export function probeResolution(ctx: CheckContext): Promise<DnsResolution> {
  return ctx.memo(`dns:resolve:${ctx.target.host}`, () =>
    resolveTarget(ctx.target.host, ctx.target.isAddress, { timeoutMs: ctx.options.timeoutMs, signal: ctx.signal }),
  );
}

/** One connect to each resolved address (in parallel), once per diagnosis. */
export function probeConnects(ctx: CheckContext): Promise<TcpAttempt[]> {
  return ctx.memo(`tcp:connect:${ctx.target.host}:${ctx.target.port}`, async () => {
    const resolution = await probeResolution(ctx);
    const addresses = resolution.addresses.slice(0, MAX_PROBED_ADDRESSES);
    return Promise.all(addresses.map((a) => connectOnce(a.address, ctx.target.port, { timeoutMs: ctx.options.timeoutMs, signal: ctx.signal })));
  });
}

/**
 * A short latency/loss sample to the first address that answered. Its total budget is one timeout,
 * so connect + sample stay within the engine's per-check budget (two timeouts).
 */
export function probeLatency(ctx: CheckContext, address: string): Promise<LatencySample> {
  return ctx.memo(`tcp:latency:${address}:${ctx.target.port}`, () =>
    sampleLatency(address, ctx.target.port, {
      count: 5,
      timeoutMs: Math.min(ctx.options.timeoutMs, 3000),
      budgetMs: ctx.options.timeoutMs,
      signal: ctx.signal,
    }),
  );
}

/** Joins a list for a summary line, shortening long lists. */
export function listed(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
