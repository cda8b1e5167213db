/** Name resolution probes: the system resolver and direct DNS queries, reverse lookups; timed, bounded, classified. */
import dns from 'node:dns';
import { ipFamily } from '../shared/ip';
import { bounded, since } from './bounded';
import { sharedAnswer } from './shared-answers';
import { socketSlot } from './socket-budget';

/** Why a lookup gave no answer; each kind reads differently to a person. */
export type DnsFailureKind = 'reserved-name' | 'nxdomain' | 'no-data' | 'servfail' | 'refused' | 'temporary' | 'timeout' | 'no-server' | 'bad-name' | 'cancelled' | 'other';

/** A lookup failure: its kind, the resolver's code and a one-line message. */
export interface DnsFailure {
  readonly kind: DnsFailureKind;
  readonly code: string | null;
  readonly message: string;
}

/** One resolved address. */
export interface DnsAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** One lookup: what it found, how long it took, or why it failed (plain JSON). */
export interface LookupOutcome {
  readonly ok: boolean;
  readonly addresses: DnsAddress[];
  readonly ms: number;
  readonly error: DnsFailure | null;
}

/** A reverse lookup: the names found, or why none. */
export interface ReverseOutcome {
  readonly ok: boolean;
  readonly names: string[];
  readonly ms: number;
  readonly error: DnsFailure | null;
}

/** Bounds of one probe. */
export interface DnsProbeOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** DNS servers for the direct queries ("ip" or "ip:port"); default: the system's configured servers. */
  readonly servers?: readonly string[];
}

/** The whole forward resolution of a target (plain JSON, the dns.resolve evidence core). */
export interface DnsResolution {
  readonly host: string;
  readonly isAddress: boolean;
  /** getaddrinfo, what mstsc and most programs use (hosts file, mDNS, NetBIOS on Windows…). */
  readonly system: LookupOutcome | null;
  /** Straight DNS queries to the configured servers, bypassing the hosts file and caches. */
  readonly directA: LookupOutcome | null;
  readonly directAaaa: LookupOutcome | null;
  readonly dnsServers: string[];
  /** Every distinct address, system answers first. */
  readonly addresses: DnsAddress[];
  /** Set when the name was not looked up at all because it can never resolve (RFC 6761 `.invalid`). */
  readonly reserved: DnsFailure | null;
}

const CODE_KIND: Record<string, DnsFailureKind> = {
  ENOTFOUND: 'nxdomain',
  ENODATA: 'no-data',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
  EAI_AGAIN: 'temporary',
  ETIMEOUT: 'timeout',
  ECONNREFUSED: 'no-server',
  EBADNAME: 'bad-name',
  EBADQUERY: 'bad-name',
  ECANCELLED: 'cancelled',
  EAI_NONAME: 'nxdomain',
  EAI_NODATA: 'no-data',
};

const KIND_TEXT: Record<DnsFailureKind, string> = {
  'reserved-name': 'names ending in .invalid never resolve (RFC 6761)',
  nxdomain: 'no such name (NXDOMAIN)',
  'no-data': 'the name exists but has no address of this kind',
  servfail: 'the DNS server failed to answer (SERVFAIL)',
  refused: 'the DNS server refused the query',
  temporary: 'temporary failure: the DNS server failed or did not answer in time',
  timeout: 'no answer before the time-out',
  'no-server': 'no DNS server could be contacted',
  'bad-name': 'the name is not valid for DNS',
  cancelled: 'cancelled',
  other: 'lookup failed',
};

/** Turns a resolver error into a classified failure. */
export function classifyDnsError(error: unknown): DnsFailure {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : null;
  const kind = (code && CODE_KIND[code]) || 'other';
  return { kind, code, message: kind === 'other' && error instanceof Error ? (error.message.split('\n')[0] ?? KIND_TEXT.other) : KIND_TEXT[kind] };
}

function stopped(reason: 'timeout' | 'aborted'): DnsFailure {
  const kind: DnsFailureKind = reason === 'timeout' ? 'timeout' : 'cancelled';
  return { kind, code: null, message: KIND_TEXT[kind] };
}

/** True for names under the reserved `.invalid` top-level domain. */
export function isReservedInvalid(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'invalid' || name.endsWith('.invalid');
}

/** Resolves `host` through the operating system (dns.lookup, all addresses). */
export async function lookupSystem(host: string, options: DnsProbeOptions): Promise<LookupOutcome> {
  const start = performance.now();
  try {
    // getaddrinfo cannot be cancelled; the bound stops our wait, the thread finishes on its own.
    const r = await bounded(dns.promises.lookup(host, { all: true, verbatim: true }), options.timeoutMs, options.signal);
    if (!r.ok) return { ok: false, addresses: [], ms: since(start), error: stopped(r.reason) };
    const addresses = r.value.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }) as DnsAddress);
    return { ok: addresses.length > 0, addresses, ms: since(start), error: addresses.length > 0 ? null : { kind: 'no-data', code: null, message: KIND_TEXT['no-data'] } };
  } catch (error) {
    return { ok: false, addresses: [], ms: since(start), error: classifyDnsError(error) };
  }
}

function makeResolver(options: DnsProbeOptions): dns.promises.Resolver {
  const resolver = new dns.promises.Resolver({ timeout: Math.max(100, Math.floor(options.timeoutMs / 2)), tries: 2 });
  if (options.servers && options.servers.length > 0) resolver.setServers([...options.servers]);
  return resolver;
}

/** Asks the DNS servers directly for A (family 4) or AAAA (family 6) records of `host`. */
export async function queryDirect(host: string, family: 4 | 6, options: DnsProbeOptions): Promise<LookupOutcome> {
  const start = performance.now();
  const resolver = makeResolver(options);
  // A query holds a socket of its resolver's own while it runs: one of the process's budget.
  const release = await socketSlot(options.signal);
  try {
    const query = family === 4 ? resolver.resolve4(host) : resolver.resolve6(host);
    const r = await bounded(
      query.finally(() => release?.()),
      options.timeoutMs,
      options.signal,
      () => resolver.cancel(),
    );
    if (!r.ok) return { ok: false, addresses: [], ms: since(start), error: stopped(r.reason) };
    return { ok: r.value.length > 0, addresses: r.value.map((address) => ({ address, family })), ms: since(start), error: null };
  } catch (error) {
    return { ok: false, addresses: [], ms: since(start), error: classifyDnsError(error) };
  }
}

/** PTR names for `address` from DNS directly (shared with concurrent and recent askers, shared-answers.ts). */
export function reverseDirect(address: string, options: DnsProbeOptions): Promise<ReverseOutcome> {
  const key = `ptr ${address} ${(options.servers ?? []).join(',')}`;
  return sharedAnswer(key, options, () => askReverseDirect(address, { timeoutMs: options.timeoutMs, ...(options.servers ? { servers: options.servers } : {}) }), stoppedReverse);
}

/** The name the operating system gives `address` (shared like reverseDirect). */
export function reverseSystem(address: string, options: DnsProbeOptions): Promise<ReverseOutcome> {
  return sharedAnswer(`getnameinfo ${address}`, options, () => askReverseSystem(address, { timeoutMs: options.timeoutMs }), stoppedReverse);
}

function stoppedReverse(reason: 'timeout' | 'aborted', ms: number): ReverseOutcome {
  return { ok: false, names: [], ms, error: stopped(reason) };
}

async function askReverseDirect(address: string, options: DnsProbeOptions): Promise<ReverseOutcome> {
  const start = performance.now();
  if (ipFamily(address) === 0) return { ok: false, names: [], ms: 0, error: { kind: 'bad-name', code: null, message: 'not an IP address' } };
  const resolver = makeResolver(options);
  const release = await socketSlot(options.signal);
  try {
    const r = await bounded(
      resolver.reverse(address).finally(() => release?.()),
      options.timeoutMs,
      options.signal,
      () => resolver.cancel(),
    );
    if (!r.ok) return { ok: false, names: [], ms: since(start), error: stopped(r.reason) };
    return { ok: r.value.length > 0, names: r.value.map((n) => n.toLowerCase().replace(/\.$/, '')), ms: since(start), error: null };
  } catch (error) {
    return { ok: false, names: [], ms: since(start), error: classifyDnsError(error) };
  }
}

/** The name the operating system gives `address` (getnameinfo: hosts file, DNS, NetBIOS…). */
async function askReverseSystem(address: string, options: DnsProbeOptions): Promise<ReverseOutcome> {
  const start = performance.now();
  if (ipFamily(address) === 0) return { ok: false, names: [], ms: 0, error: { kind: 'bad-name', code: null, message: 'not an IP address' } };
  try {
    const r = await bounded(dns.promises.lookupService(address, 3389), options.timeoutMs, options.signal);
    if (!r.ok) return { ok: false, names: [], ms: since(start), error: stopped(r.reason) };
    // getnameinfo echoes the address back when it finds no name.
    const name = r.value.hostname.toLowerCase().replace(/\.$/, '');
    const found = name !== '' && ipFamily(name) === 0;
    return { ok: found, names: found ? [name] : [], ms: since(start), error: found ? null : { kind: 'nxdomain', code: null, message: 'no name for this address' } };
  } catch (error) {
    return { ok: false, names: [], ms: since(start), error: classifyDnsError(error) };
  }
}

/** The DNS servers this process would query. */
export function configuredDnsServers(): string[] {
  try {
    return dns.getServers();
  } catch {
    return [];
  }
}

/** Resolves a target both ways in parallel; literal addresses and `.invalid` names are not looked up. */
export async function resolveTarget(host: string, isAddress: boolean, options: DnsProbeOptions): Promise<DnsResolution> {
  const dnsServers = options.servers ? [...options.servers] : configuredDnsServers();
  const empty = { host, isAddress, system: null, directA: null, directAaaa: null, dnsServers };
  if (isAddress) {
    const family = ipFamily(host) === 6 ? 6 : 4;
    return { ...empty, addresses: [{ address: host, family }], reserved: null };
  }
  if (isReservedInvalid(host)) {
    return { ...empty, addresses: [], reserved: { kind: 'reserved-name', code: null, message: KIND_TEXT['reserved-name'] } };
  }
  const [system, directA, directAaaa] = await Promise.all([lookupSystem(host, options), queryDirect(host, 4, options), queryDirect(host, 6, options)]);
  const seen = new Set<string>();
  const addresses = [...system.addresses, ...directA.addresses, ...directAaaa.addresses].filter((a) => {
    if (seen.has(a.address)) return false;
    seen.add(a.address);
    return true;
  });
  return { host, isAddress, system, directA, directAaaa, dnsServers, addresses, reserved: null };
}
