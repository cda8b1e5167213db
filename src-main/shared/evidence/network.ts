/** Evidence of the wire-level checks up to the RDP negotiation: dns.*, net.tcp, rdp.negotiation, alt.ip-vs-name. */
import { z } from 'zod';
import { PROTOCOL, type ProtocolName } from '../protocol';
import { lazySchema } from '../lazy-schema';

const DNS_FAILURE_KINDS = ['reserved-name', 'nxdomain', 'no-data', 'servfail', 'refused', 'temporary', 'timeout', 'no-server', 'bad-name', 'cancelled', 'other'] as const;

/** A lookup failure: its kind, the resolver's code and a one-line message. */
export const DnsFailureSchema = lazySchema(() => z.object({ kind: z.enum(DNS_FAILURE_KINDS), code: z.string().nullable(), message: z.string() }));

const DnsAddressSchema = lazySchema(() => z.object({ address: z.string(), family: z.union([z.literal(4), z.literal(6)]) }));

/** One forward lookup: what it found, how long it took, or why it failed. */
const LookupSchema = lazySchema(() => z.object({ ok: z.boolean(), addresses: z.array(DnsAddressSchema), ms: z.number(), error: DnsFailureSchema.nullable() }));

/** One reverse lookup: the names found, or why none. */
const ReverseSchema = lazySchema(() => z.object({ ok: z.boolean(), names: z.array(z.string()), ms: z.number(), error: DnsFailureSchema.nullable() }));

/** dns.resolve: the system resolver (what mstsc uses) and direct DNS queries, compared. */
export const DnsResolveEvidenceSchema = lazySchema(() =>
  z.object({
    host: z.string(),
    isAddress: z.boolean(),
    addresses: z.array(z.string()),
    addressDetails: z.array(DnsAddressSchema),
    system: LookupSchema.nullable(),
    directA: LookupSchema.nullable(),
    directAaaa: LookupSchema.nullable(),
    dnsServers: z.array(z.string()),
    /** Set when the name can never resolve (RFC 6761 `.invalid`) and was not looked up. */
    reserved: DnsFailureSchema.nullable(),
    /** Why the system resolver failed. */
    failure: DnsFailureSchema.nullable(),
    /** Addresses this computer's resolver gave that DNS does not (hosts file, stale cache). */
    onlySystem: z.array(z.string()),
    /** Addresses only DNS gave (the system resolver gave none). */
    onlyDns: z.array(z.string()),
  }),
);

/** dns.reverse: each resolved address's reverse names and whether they name the target. */
export const DnsReverseEvidenceSchema = lazySchema(() =>
  z.object({
    host: z.string(),
    isAddress: z.boolean(),
    lookups: z.array(
      z.object({
        address: z.string(),
        ptr: ReverseSchema,
        system: ReverseSchema,
        names: z.array(z.string()),
        /** Null when no name was found or the target is an address. */
        matchesTarget: z.boolean().nullable(),
      }),
    ),
    /** Names found that do not match a name target (a hint of a stale record). */
    otherNames: z.array(z.string()),
  }),
);

const TCP_KINDS = ['open', 'refused', 'timeout', 'unreachable', 'reset', 'aborted', 'error'] as const;

/** One timed TCP connect. */
export const TcpAttemptSchema = lazySchema(() =>
  z.object({
    address: z.string(),
    port: z.number(),
    family: z.union([z.literal(4), z.literal(6)]),
    kind: z.enum(TCP_KINDS),
    ms: z.number(),
    code: z.string().nullable(),
    message: z.string(),
  }),
);

/** net.tcp's latency sample; the per-connect details are absent from recordings made before they existed. */
const LatencySchema = lazySchema(() =>
  z.object({
    address: z.string(),
    port: z.number(),
    attempts: z.number(),
    answered: z.number(),
    lost: z.number().optional(),
    retries: z.number().optional(),
    connectTimeoutMs: z.number().optional(),
    /** busyMs: how long our own event loop was busy during the connect (absent from older recordings). */
    connects: z.array(z.object({ kind: z.enum(TCP_KINDS), ms: z.number(), busyMs: z.number().optional() })).optional(),
    lossRatio: z.number(),
    medianMs: z.number().nullable(),
    maxMs: z.number().nullable(),
    minMs: z.number().nullable(),
    /** The median round trip with our own busy time taken out: what high latency is judged on. */
    pathMedianMs: z.number().nullable().optional(),
    samplesMs: z.array(z.number().nullable()),
    budgetMs: z.number(),
    source: z.enum(['handshakes', 'sample']).optional(),
    /** Handshake connects left out: their SYN was resent while others of ours awaited the same server. */
    crowdedResends: z.number().optional(),
  }),
);

/** net.tcp: a connect to every address, the overall verdict and a latency/loss sample. */
export const NetTcpEvidenceSchema = lazySchema(() =>
  z.object({
    host: z.string(),
    port: z.number(),
    verdict: z.enum(['open', 'partly-open', 'refused', 'timeout', 'unreachable', 'mixed-failure', 'no-address', 'cancelled']),
    attempts: z.array(TcpAttemptSchema),
    open: z.array(z.string()),
    refused: z.array(z.string()),
    timedOut: z.array(z.string()),
    unreachable: z.array(z.string()),
    otherFailures: z.array(z.string()),
    latency: LatencySchema.nullable(),
    highLatency: z.boolean(),
    packetLoss: z.boolean(),
  }),
);

// Security protocol names as MS-RDPBCGR 2.2.1.1.1 spells them.
const PROTOCOL_NAMES = Object.keys(PROTOCOL) as [ProtocolName, ...ProtocolName[]];

/** How one negotiation exchange ended (a close instead of a reply is itself a finding). */
const ExchangeOutcomeSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('selected'), protocol: z.number(), protocolName: z.string(), flags: z.number() }),
    z.object({ kind: z.literal('failure'), code: z.number(), codeName: z.string() }),
    z.object({ kind: z.literal('legacy') }),
    z.object({ kind: z.literal('rejected'), reason: z.string() }),
    z.object({ kind: z.literal('non-rdp'), reason: z.string(), preview: z.string() }),
    z.object({ kind: z.literal('closed'), reset: z.boolean(), bytesReceived: z.number() }),
    z.object({ kind: z.literal('timeout'), phase: z.enum(['connect', 'reply']) }),
    z.object({ kind: z.literal('refused') }),
    z.object({ kind: z.literal('aborted') }),
    z.object({ kind: z.literal('error'), code: z.string().nullable(), message: z.string() }),
    z.object({ kind: z.literal('not-sent'), reason: z.string() }),
  ]),
);

/** rdp.negotiation: one X.224 Connection Request per protocol and what the server said to each. */
export const RdpNegotiationEvidenceSchema = lazySchema(() =>
  z.object({
    service: z.enum(['rdp', 'non-rdp', 'timeout', 'closed', 'refused', 'error', 'aborted']),
    /** Protocols the server selected when asked for exactly them. */
    supported: z.array(z.enum(PROTOCOL_NAMES)),
    nlaRequired: z.boolean().nullable(),
    rdpSecurityAllowed: z.boolean().nullable(),
    rdpSecurityOnly: z.boolean(),
    legacyServer: z.boolean(),
    /** Failure code names by probed protocol. */
    failures: z.partialRecord(z.enum(PROTOCOL_NAMES), z.string()),
    probes: z.array(
      z.object({
        protocol: z.enum(PROTOCOL_NAMES),
        supported: z.boolean(),
        requestedProtocols: z.number(),
        outcome: ExchangeOutcomeSchema,
        connectMs: z.number().nullable(),
        replyMs: z.number().nullable(),
        /** Null for a probe that was not sent. */
        totalMs: z.number().nullable(),
      }),
    ),
  }),
);

/** alt.ip-vs-name: a connect by name (as mstsc makes it) against connects to each address. */
export const AltIpVsNameEvidenceSchema = lazySchema(() =>
  z.object({
    host: z.string(),
    port: z.number(),
    verdict: z.enum(['both-work', 'ip-only', 'name-only', 'neither', 'not-applicable']),
    byName: TcpAttemptSchema,
    byAddress: z.array(z.object({ address: z.string(), source: z.enum(['system', 'dns', 'both']), kind: z.enum(TCP_KINDS), ms: z.number() })),
    workingAddresses: z.array(z.string()),
    failingAddresses: z.array(z.string()),
    systemAddresses: z.array(z.string()),
  }),
);

/** The evidence schemas of the name, path and negotiation checks. */
export const NETWORK_EVIDENCE = {
  'dns.resolve': DnsResolveEvidenceSchema,
  'dns.reverse': DnsReverseEvidenceSchema,
  'net.tcp': NetTcpEvidenceSchema,
  'rdp.negotiation': RdpNegotiationEvidenceSchema,
  'alt.ip-vs-name': AltIpVsNameEvidenceSchema,
} as const;
