/** Check dns.reverse: do the resolved addresses map back to the name that was asked for. */
import { reverseDirect, reverseSystem, type ReverseOutcome } from '../net/dns';
import { listed, probeResolution } from './net-probes';
import type { CheckDefinition, CheckOutcome } from './types';

/** At most this many addresses get a reverse lookup. */
const MAX_REVERSE = 4;

/** One address's reverse lookups. */
export interface ReverseLookup {
  readonly address: string;
  readonly ptr: ReverseOutcome;
  readonly system: ReverseOutcome;
  /** Every distinct name found, lower-case. */
  readonly names: string[];
  /** For a name target: does any name found match it (full name, or the first label of either). Null when no name was found or the target is an address. */
  readonly matchesTarget: boolean | null;
}

/**
 * dns.reverse. Evidence: `{ host, isAddress, lookups: ReverseLookup[], otherNames: string[] }` where
 * ReverseLookup = `{ address, ptr: ReverseOutcome, system: ReverseOutcome, names: string[], matchesTarget: boolean | null }`
 * and ReverseOutcome = `{ ok, names: string[], ms, error: {kind, code, message} | null }`; `otherNames` are
 * names found that do not match a name target (a hint of a stale record). Status: pass (matches, or no
 * reverse record, which is common), warn (an address maps back to a different computer), skip (no address).
 */
export const dnsReverseCheck: CheckDefinition<'dns.reverse'> = {
  id: 'dns.reverse',
  dependsOn: ['dns.resolve'],
  async run(ctx) {
    const resolution = await probeResolution(ctx);
    const addresses = resolution.addresses.slice(0, MAX_REVERSE).map((a) => a.address);
    if (addresses.length === 0) {
      return {
        status: 'skip',
        summary: 'No address to look up: the name did not resolve.',
        evidence: { host: ctx.target.host, isAddress: ctx.target.isAddress, lookups: [], otherNames: [] },
      };
    }
    ctx.report(`Reverse lookup of ${listed(addresses)}…`);
    const opts = { timeoutMs: ctx.options.timeoutMs, signal: ctx.signal };
    const lookups = await Promise.all(
      addresses.map(async (address) => {
        const [ptr, system] = await Promise.all([reverseDirect(address, opts), reverseSystem(address, opts)]);
        return { address, ptr, system };
      }),
    );
    return judgeReverse(ctx.target.host, ctx.target.isAddress, lookups);
  },
};

/** True when a reverse name and the asked-for name refer to the same computer (short or full name). */
export function sameComputer(found: string, asked: string): boolean {
  const a = found.toLowerCase().replace(/\.$/, '');
  const b = asked.toLowerCase().replace(/\.$/, '');
  if (a === b) return true;
  const shortA = a.split('.')[0];
  const shortB = b.split('.')[0];
  // A short name matches the full name's first label ("srv01" vs "srv01.corp.example"), not the reverse of two full names.
  return (!a.includes('.') || !b.includes('.')) && shortA === shortB;
}

/** Turns reverse lookups into status, summary and evidence (pure; exported for tests). */
export function judgeReverse(host: string, isAddress: boolean, raw: readonly { address: string; ptr: ReverseOutcome; system: ReverseOutcome }[]): CheckOutcome<'dns.reverse'> {
  const lookups: ReverseLookup[] = raw.map(({ address, ptr, system }) => {
    const names = [...new Set([...ptr.names, ...system.names])];
    const matchesTarget = isAddress || names.length === 0 ? null : names.some((n) => sameComputer(n, host));
    return { address, ptr, system, names, matchesTarget };
  });
  const otherNames = isAddress ? [] : [...new Set(lookups.filter((l) => l.matchesTarget === false).flatMap((l) => l.names))];
  const evidence = { host, isAddress, lookups, otherNames };
  const allNames = [...new Set(lookups.flatMap((l) => l.names))];
  if (isAddress) {
    return allNames.length > 0
      ? { status: 'pass', summary: `${host} is known as ${listed(allNames)}.`, evidence }
      : { status: 'pass', summary: `${host} has no reverse name (common, and harmless by itself).`, evidence };
  }
  const wrong = lookups.filter((l) => l.matchesTarget === false);
  if (wrong.length > 0) {
    return {
      status: 'warn',
      summary: `${listed(wrong.map((l) => l.address))} maps back to ${listed(otherNames)}, not ${host}: the name may point to another computer (stale record).`,
      evidence,
    };
  }
  if (allNames.length === 0) return { status: 'pass', summary: `No reverse record for ${host}'s address (common, and harmless by itself).`, evidence };
  return { status: 'pass', summary: `The address maps back to ${listed(allNames)}.`, evidence };
}
