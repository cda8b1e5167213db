/** Evidence of the checks inside and beside TLS: tls.handshake, tls.certificate, credssp.ntlm-info, gateway.probe. */
import { z } from 'zod';
import { TLS_VERSIONS } from '../tls-versions';
import { TcpAttemptSchema } from './network';
import { lazySchema } from '../lazy-schema';

/** How one TLS attempt over RDP ended. */
const TlsAttemptSchema = lazySchema(() =>
  z.object({
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
  }),
);

/** tls.handshake: TLS over RDP per version, what the server picks, and its certificate chain (base64 DER, leaf first). */
export const TlsHandshakeEvidenceSchema = lazySchema(() =>
  z.object({
    requestedProtocols: z.number(),
    servername: z.string().nullable(),
    versions: z.record(z.enum(TLS_VERSIONS), TlsAttemptSchema.omit({ version: true, cipher: true })),
    negotiated: z.object({ version: z.string(), cipher: z.string() }).nullable(),
    defaultAttempt: TlsAttemptSchema,
    chain: z.array(z.string()),
    chainSource: z.enum(['default', ...TLS_VERSIONS]).nullable(),
    okVersions: z.array(z.enum(TLS_VERSIONS)),
  }),
);

const CERTIFICATE_PROBLEMS = [
  'expired',
  'not-yet-valid',
  'expiring-soon',
  'self-signed',
  'name-mismatch',
  'no-server-auth',
  'weak-signature',
  'weak-key',
  'chain-unreadable',
  'changed',
] as const;

/** The facts and problems of a readable leaf certificate. */
export const CertificateFactsSchema = lazySchema(() =>
  z.object({
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
  }),
);

const UnreadableCertificateSchema = lazySchema(() => z.object({ ok: z.literal(false), error: z.string() }));

/** tls.certificate: the judged leaf plus what this computer saw before (trust on first use), or why it is unreadable. */
export const TlsCertificateEvidenceSchema = lazySchema(() =>
  z.discriminatedUnion('ok', [
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
  ]),
);

/** credssp.ntlm-info: the identity, OS build and clock in the server's NTLM CHALLENGE (no logon is attempted). */
export const CredSspNtlmInfoEvidenceSchema = lazySchema(() =>
  z.object({
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
  }),
);

const GATEWAY_STAGES = ['connect', 'tls', 'http', 'done'] as const;
const GATEWAY_ANSWERS = [
  'auth-required',
  'websocket-accepted',
  'accepted-without-auth',
  'not-found',
  'forbidden',
  'gone',
  'server-error',
  'unexpected-status',
  'not-http',
] as const;
const GatewaySourceSchema = lazySchema(() => z.enum(['option', 'rdp-file']));

/** gateway.probe: the unauthenticated RDG_OUT_DATA request to the RD Gateway, stage by stage, or why the setting is unusable. */
export const GatewayProbeEvidenceSchema = lazySchema(() =>
  z.union([
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
  ]),
);

/** The evidence schemas of the TLS, certificate, CredSSP identity and gateway checks. */
export const TLS_EVIDENCE = {
  'tls.handshake': TlsHandshakeEvidenceSchema,
  'tls.certificate': TlsCertificateEvidenceSchema,
  'credssp.ntlm-info': CredSspNtlmInfoEvidenceSchema,
  'gateway.probe': GatewayProbeEvidenceSchema,
} as const;
