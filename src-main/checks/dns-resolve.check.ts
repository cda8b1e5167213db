/** Check dns.resolve: does the name resolve, through this computer's resolver and straight from DNS. */
import type { DnsFailure, DnsResolution } from '../net/dns';
import { listed, probeResolution } from './net-probes';
import type { CheckDefinition, CheckOutcome } from './types';

/**
 * dns.resolve. Evidence (plain JSON):
 * `{ host, isAddress, addresses: string[], addressDetails: {address, family}[],
 *    system: LookupOutcome | null, directA: LookupOutcome | null, directAaaa: LookupOutcome | null,
 *    dnsServers: string[], reserved: DnsFailure | null, failure: DnsFailure | null,
 *    onlySystem: string[], onlyDns: string[] }`
 * where LookupOutcome = `{ ok, addresses: {address, family}[], ms, error: {kind, code, message} | null }`
 * and failure.kind is one of reserved-name, nxdomain, no-data, servfail, refused, temporary, timeout,
 * no-server, bad-name, cancelled, other. `failure` is the reason the system resolver (what mstsc uses) failed.
 * Status: pass (resolves), warn (resolves but DNS and this computer disagree, or only one of them answers),
 * fail (the system resolver cannot resolve it), skip never (a literal address passes without lookup).
 */
export const dnsResolveCheck: CheckDefinition<'dns.resolve'> = {
  id: 'dns.resolve',
  dependsOn: [],
  async run(ctx) {
    const { host, isAddress } = ctx.target;
    if (!isAddress) ctx.report(`Looking up ${host}…`);
    const r = await probeResolution(ctx);
    return judgeResolution(r);
  },
};

function directFailure(r: DnsResolution): DnsFailure | null {
  if (r.directA?.ok || r.directAaaa?.ok) return null;
  // NXDOMAIN from either query is the telling answer; otherwise the A query's reason.
  if (r.directA?.error?.kind === 'nxdomain' || r.directAaaa?.error?.kind === 'nxdomain') return r.directA?.error ?? r.directAaaa?.error ?? null;
  return r.directA?.error ?? null;
}

/** Turns a resolution into status, summary and evidence (pure; exported for tests). */
export function judgeResolution(r: DnsResolution): CheckOutcome<'dns.resolve'> {
  const systemSet = new Set(r.system?.addresses.map((a) => a.address) ?? []);
  const dnsSet = new Set([...(r.directA?.addresses ?? []), ...(r.directAaaa?.addresses ?? [])].map((a) => a.address));
  const failure = r.reserved ?? (r.system && !r.system.ok ? r.system.error : null);
  const evidence = {
    host: r.host,
    isAddress: r.isAddress,
    addresses: r.addresses.map((a) => a.address),
    addressDetails: r.addresses,
    system: r.system,
    directA: r.directA,
    directAaaa: r.directAaaa,
    dnsServers: r.dnsServers,
    reserved: r.reserved,
    failure,
    onlySystem: [...systemSet].filter((a) => !dnsSet.has(a)),
    onlyDns: r.system?.ok ? [] : [...dnsSet],
  };
  if (r.isAddress) return { status: 'pass', summary: `${r.host} is an address; no name to look up.`, evidence };
  if (r.reserved) return { status: 'fail', summary: `${r.host} can never resolve: ${r.reserved.message}.`, evidence };
  const system = r.system;
  if (!system?.ok) {
    const reason = failure?.message ?? 'no address';
    if (dnsSet.size > 0) {
      return { status: 'fail', summary: `This computer cannot resolve ${r.host} (${reason}), though DNS answers ${listed([...dnsSet])}.`, evidence };
    }
    return { status: 'fail', summary: `${r.host} does not resolve: ${reason}.`, evidence };
  }
  const got = listed([...systemSet]);
  const ms = Math.round(system.ms);
  const dnsFail = directFailure(r);
  // Direct queries apply no search suffix and no mDNS, so short and .local names are expected to fail there.
  const directNotExpected = !r.host.includes('.') || r.host.endsWith('.local');
  if (dnsFail && directNotExpected) {
    return { status: 'pass', summary: `${r.host} resolves to ${got} (${ms} ms) through this computer's resolver.`, evidence };
  }
  if (dnsFail && dnsFail.kind !== 'cancelled') {
    return {
      status: 'warn',
      summary: `${r.host} resolves to ${got} on this computer only (hosts file, cache or another name service); DNS says: ${dnsFail.message}.`,
      evidence,
    };
  }
  const disagree = [...systemSet].some((a) => !dnsSet.has(a)) && dnsSet.size > 0;
  if (disagree) {
    return {
      status: 'warn',
      summary: `${r.host} resolves to ${got} here, but DNS answers ${listed([...dnsSet])}: a hosts-file entry or a stale cache may point to the wrong computer.`,
      evidence,
    };
  }
  return { status: 'pass', summary: `${r.host} resolves to ${got} (${ms} ms).`, evidence };
}
