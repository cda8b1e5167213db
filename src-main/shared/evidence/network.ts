/** Evidence of the wire-level checks (dns.*, net.tcp, rdp.negotiation, tls.*, credssp.ntlm-info, gateway.probe, alt.ip-vs-name). */
import { z } from 'zod';

const DNS_FAILURE_KINDS = [
  'reserved-name', 'nxdomain', 'no-data', 'servfail', 'refused', 'temporary', 'timeout', 'no-server', 'bad-name', 'cancelled', 'other',
] as const;

/** A lookup failure: its kind, the resolver's code and a one-line message. */
export const DnsFailureSchema = z.object({ kind: z.enum(DNS_FAILURE_KINDS), code: z.string().nullable(), message: z.string() });

const DnsAddressSchema = z.object({ address: z.string(), family: z.union([z.literal(4), z.literal(6)]) });

/** One forward lookup: what it found, how long it took, or why it failed. */
const LookupSchema = z.object({ ok: z.boolean(), addresses: z.array(DnsAddressSchema), ms: z.number(), error: DnsFailureSchema.nullable() });

/** One reverse lookup: the names found, or why none. */
const ReverseSchema = z.object({ ok: z.boolean(), names: z.array(z.string()), ms: z.number(), error: DnsFailureSchema.nullable() });

/** dns.resolve: the system resolver (what mstsc uses) and direct DNS queries, compared. */
export const DnsResolveEvidenceSchema = z.object({
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
});

/** dns.reverse: each resolved address's reverse names and whether they name the target. */
export const DnsReverseEvidenceSchema = z.object({
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
});

const TCP_KINDS = ['open', 'refused', 'timeout', 'unreachable', 'reset', 'aborted', 'error'] as const;

/** One timed TCP connect. */
export const TcpAttemptSchema = z.object({
  address: z.string(),
  port: z.number(),
  family: z.union([z.literal(4), z.literal(6)]),
  kind: z.enum(TCP_KINDS),
  ms: z.number(),
  code: z.string().nullable(),
  message: z.string(),
});

/** net.tcp's latency sample; the per-connect details are absent from recordings made before they existed. */
const LatencySchema = z.object({
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
});

/** net.tcp: a connect to every address, the overall verdict and a latency/loss sample. */
export const NetTcpEvidenceSchema = z.object({
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
});

/** Security protocol names as MS-RDPBCGR 2.2.1.1.1 spells them. */
export const PROTOCOL_NAMES = ['RDP', 'SSL', 'HYBRID', 'RDSTLS', 'HYBRID_EX', 'RDSAAD'] as const;

/** How one negotiation exchange ended (a close instead of a reply is itself a finding). */
const ExchangeOutcomeSchema = z.discriminatedUnion('kind', [
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
]);

/** rdp.negotiation: one X.224 Connection Request per protocol and what the server said to each. */
export const RdpNegotiationEvidenceSchema = z.object({
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
      totalMs: z.number(),
    }),
  ),
});

/** TLS versions tried one at a time, as node:tls spells them. */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

/** How one TLS attempt over RDP ended. */
const TlsAttemptSchema = z.object({
  ok: z.boolean(),
  /** The RDP negotiation outcome when TLS never started. */
  negotiation: z.string().optional(),
  error: z.string().optional(),
  errorCode: z.string().optional(),
  alert: z.object({ code: z.number(), name: z.string() }).optional(),
  /** The server dropped the connection during the handshake (the 0x904 signature). */
  dropped: z.boolean().optional(),
  timedOut: z.boolean().optional(),
  version: z.string().optional(),
  cipher: z.string().optional(),
  selectedProtocol: z.string().optional(),
  ms: z.number(),
});

/** tls.handshake: TLS over RDP per version, what the server picks, and its certificate chain (base64 DER, leaf first). */
export const TlsHandshakeEvidenceSchema = z.object({
  requestedProtocols: z.number(),
  servername: z.string().nullable(),
  versions: z.record(z.enum(TLS_VERSIONS), TlsAttemptSchema.omit({ version: true, cipher: true })),
  negotiated: z.object({ version: z.string(), cipher: z.string() }).nullable(),
  defaultAttempt: TlsAttemptSchema,
  chain: z.array(z.string()),
  chainSource: z.enum(['default', ...TLS_VERSIONS]).nullable(),
  okVersions: z.array(z.enum(TLS_VERSIONS)),
});

const CERTIFICATE_PROBLEMS = [
  'expired', 'not-yet-valid', 'expiring-soon', 'self-signed', 'name-mismatch', 'no-server-auth', 'weak-signature', 'weak-key',
  'chain-unreadable', 'changed',
] as const;

/** The facts and problems of a readable leaf certificate. */
export const CertificateFactsSchema = z.object({
  ok: z.literal(true),
  subject: z.string(),
  commonName: z.string().nullable(),
  issuer: z.string(),
  issuerCommonName: z.string().nullable(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Whole days until notAfter (negative once expired). */
  daysLeft: z.number(),
  validity: z.enum(['valid', 'expiring-soon', 'expired', 'not-yet-valid']),
  selfSigned: z.boolean(),
  dnsNames: z.array(z.string()),
  ipAddresses: z.array(z.string()),
  nameMatch: z.object({ host: z.string(), matches: z.boolean(), matchedBy: z.enum(['dns-san', 'ip-san', 'common-name']).nullable() }),
  serverAuth: z.enum(['present', 'absent', 'unrestricted']),
  key: z.object({ type: z.string(), bits: z.number().nullable(), curve: z.string().nullable(), weak: z.boolean() }),
  signatureAlgorithm: z.object({ oid: z.string(), name: z.string(), weak: z.boolean() }),
  sha1: z.string(),
  sha256: z.string(),
  chainLength: z.number(),
  chainSubjects: z.array(z.string()),
  problems: z.array(z.object({ code: z.enum(CERTIFICATE_PROBLEMS), message: z.string() })),
});

const UnreadableCertificateSchema = z.object({ ok: z.literal(false), error: z.string() });

/** tls.certificate: the judged leaf plus what this computer saw before (trust on first use), or why it is unreadable. */
export const TlsCertificateEvidenceSchema = z.discriminatedUnion('ok', [
  CertificateFactsSchema.extend({
    host: z.string(),
    port: z.number(),
    knownHost: z.object({
      status: z.enum(['first-seen', 'unchanged', 'changed', 'unavailable']),
      key: z.string(),
      previous: z.object({ sha256: z.string(), firstSeen: z.string(), lastSeen: z.string(), subject: z.string() }).nullable(),
    }),
  }),
  UnreadableCertificateSchema.extend({ host: z.string(), port: z.number() }),
]);

/** credssp.ntlm-info: the identity, OS build and clock in the server's NTLM CHALLENGE (no logon is attempted). */
export const CredSspNtlmInfoEvidenceSchema = z.object({
  available: z.literal(true),
  tlsVersion: z.string().nullable(),
  tsRequestVersion: z.number(),
  targetName: z.string().nullable(),
  netbiosComputer: z.string().nullable(),
  netbiosDomain: z.string().nullable(),
  dnsComputer: z.string().nullable(),
  dnsDomain: z.string().nullable(),
  dnsTree: z.string().nullable(),
  /** major.minor.build */
  osVersion: z.string().nullable(),
  osBuild: z.number().nullable(),
  serverTime: z.string().nullable(),
  /** Server minus this computer; positive = server ahead. */
  clockSkewSeconds: z.number().nullable(),
  /** Null when the target is an address. */
  nameMatchesTarget: z.boolean().nullable(),
  warnings: z.array(z.string()),
});

const GATEWAY_STAGES = ['connect', 'tls', 'http', 'done'] as const;
const GATEWAY_ANSWERS = [
  'auth-required', 'websocket-accepted', 'accepted-without-auth', 'not-found', 'forbidden', 'gone', 'server-error', 'unexpected-status', 'not-http',
] as const;
const GatewaySourceSchema = z.enum(['option', 'rdp-file']);

/** gateway.probe: the unauthenticated RDG_OUT_DATA request to the RD Gateway, stage by stage, or why the setting is unusable. */
export const GatewayProbeEvidenceSchema = z.union([
  z.object({
    gateway: z.string(),
    source: GatewaySourceSchema,
    host: z.string(),
    port: z.number(),
    ok: z.boolean(),
    reachedStage: z.enum(GATEWAY_STAGES),
    failure: z
      .object({
        stage: z.enum(GATEWAY_STAGES),
        kind: z.enum(['dns', 'refused', 'timeout', 'unreachable', 'tls', 'closed', 'too-large', 'aborted', 'error']),
        code: z.string().nullable(),
        message: z.string(),
      })
      .nullable(),
    connect: TcpAttemptSchema.nullable(),
    tls: z
      .object({ version: z.string().nullable(), cipher: z.string().nullable(), authorized: z.boolean(), authorizationError: z.string().nullable(), ms: z.number() })
      .nullable(),
    chain: z.array(z.string()),
    certificate: z.discriminatedUnion('ok', [CertificateFactsSchema, UnreadableCertificateSchema]).nullable(),
    http: z
      .object({
        statusCode: z.number(),
        statusText: z.string(),
        httpVersion: z.string(),
        server: z.string().nullable(),
        authSchemes: z.array(z.string()),
        headers: z.record(z.string(), z.string()),
        ms: z.number(),
      })
      .nullable(),
    answer: z.enum(GATEWAY_ANSWERS).nullable(),
    answerText: z.string().nullable(),
    rawPreview: z.string().nullable(),
    totalMs: z.number(),
  }),
  z.object({ gateway: z.string(), source: GatewaySourceSchema, badInput: z.string() }),
]);

/** alt.ip-vs-name: a connect by name (as mstsc makes it) against connects to each address. */
export const AltIpVsNameEvidenceSchema = z.object({
  host: z.string(),
  port: z.number(),
  verdict: z.enum(['both-work', 'ip-only', 'name-only', 'neither', 'not-applicable']),
  byName: TcpAttemptSchema,
  byAddress: z.array(z.object({ address: z.string(), source: z.enum(['system', 'dns', 'both']), kind: z.enum(TCP_KINDS), ms: z.number() })),
  workingAddresses: z.array(z.string()),
  failingAddresses: z.array(z.string()),
  systemAddresses: z.array(z.string()),
});

/** The evidence schema of every network check. */
export const NETWORK_EVIDENCE = {
  'dns.resolve': DnsResolveEvidenceSchema,
  'dns.reverse': DnsReverseEvidenceSchema,
  'net.tcp': NetTcpEvidenceSchema,
  'rdp.negotiation': RdpNegotiationEvidenceSchema,
  'tls.handshake': TlsHandshakeEvidenceSchema,
  'tls.certificate': TlsCertificateEvidenceSchema,
  'credssp.ntlm-info': CredSspNtlmInfoEvidenceSchema,
  'gateway.probe': GatewayProbeEvidenceSchema,
  'alt.ip-vs-name': AltIpVsNameEvidenceSchema,
} as const;
