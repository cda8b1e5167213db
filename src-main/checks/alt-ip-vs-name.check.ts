/** Check alt.ip-vs-name: does reaching the computer by its address work where the name does not, or the reverse. */
import { connectByName, type TcpAttempt } from '../net/tcp';
import { listed, probeConnects, probeResolution } from './net-probes';
import type { CheckDefinition, CheckOutcome } from './types';

/** The comparison's answer. */
export type IpVsNameVerdict = 'both-work' | 'ip-only' | 'name-only' | 'neither' | 'not-applicable';

/** One address tried directly, and which resolver gave it. */
export interface AddressTry {
  readonly address: string;
  readonly source: 'system' | 'dns' | 'both';
  readonly kind: TcpAttempt['kind'];
  readonly ms: number;
}

/**
 * alt.ip-vs-name. Evidence: `{ host, port, verdict: both-work | ip-only | name-only | neither | not-applicable,
 * byName: TcpAttempt | null, byAddress: {address, source: system | dns | both, kind, ms}[],
 * workingAddresses: string[], failingAddresses: string[], systemAddresses: string[] }`.
 * "By name" is a connect through the system resolver, as mstsc does; "by address" reuses net.tcp's
 * connects to every address either resolver gave. Status: pass (both work), warn (only one way works:
 * the summary says which), fail (neither works), skip (the target is an address).
 */
export const altIpVsNameCheck: CheckDefinition<'alt.ip-vs-name'> = {
  id: 'alt.ip-vs-name',
  dependsOn: ['dns.resolve', 'net.tcp'],
  async run(ctx) {
    const { host, port, isAddress } = ctx.target;
    if (isAddress) {
      return { status: 'skip', summary: `${host} is already an address.`, evidence: { host, port, verdict: 'not-applicable' } };
    }
    const resolution = await probeResolution(ctx);
    const attempts = await probeConnects(ctx);
    ctx.report(`Connecting to ${host} by name…`);
    const byName = await ctx.memo(`tcp:byname:${host}:${port}`, () => connectByName(host, port, { timeoutMs: ctx.options.timeoutMs, signal: ctx.signal }));
    const system = new Set(resolution.system?.addresses.map((a) => a.address) ?? []);
    const direct = new Set([...(resolution.directA?.addresses ?? []), ...(resolution.directAaaa?.addresses ?? [])].map((a) => a.address));
    const byAddress: AddressTry[] = attempts.map((a) => ({
      address: a.address,
      source: system.has(a.address) && direct.has(a.address) ? 'both' : system.has(a.address) ? 'system' : 'dns',
      kind: a.kind,
      ms: a.ms,
    }));
    return judgeIpVsName(host, port, byName, byAddress, [...system]);
  },
};

/** Status, summary and evidence from the two ways of connecting (pure; exported for tests). */
export function judgeIpVsName(
  host: string,
  port: number,
  byName: TcpAttempt,
  byAddress: readonly AddressTry[],
  systemAddresses: readonly string[],
): CheckOutcome<'alt.ip-vs-name'> {
  const workingAddresses = byAddress.filter((a) => a.kind === 'open').map((a) => a.address);
  const failingAddresses = byAddress.filter((a) => a.kind !== 'open').map((a) => a.address);
  const nameWorks = byName.kind === 'open';
  const verdict: IpVsNameVerdict = nameWorks && workingAddresses.length > 0 ? 'both-work' : nameWorks ? 'name-only' : workingAddresses.length > 0 ? 'ip-only' : 'neither';
  const evidence = { host, port, verdict, byName, byAddress, workingAddresses, failingAddresses, systemAddresses };
  if (byName.kind === 'aborted') return { status: 'skip', summary: 'Cancelled.', evidence };
  switch (verdict) {
    case 'both-work':
      return { status: 'pass', summary: `${host} works by name (via ${byName.address}) and by address (${listed(workingAddresses)}).`, evidence };
    case 'ip-only': {
      const why = systemAddresses.length === 0 ? 'the name does not resolve on this computer' : `by name it goes to ${listed(systemAddresses)}, which ${byName.message}`;
      return { status: 'warn', summary: `Works by IP (${listed(workingAddresses)}), not by name: ${why}.`, evidence };
    }
    case 'name-only':
      return {
        status: 'warn',
        summary: `Works by name (via ${byName.address}), not by the address${failingAddresses.length === 1 ? '' : 'es'} DNS gives (${listed(failingAddresses) || 'none'}).`,
        evidence,
      };
    default:
      return { status: 'fail', summary: `Neither the name nor any address of ${host} accepts connections on port ${port}.`, evidence };
  }
}
