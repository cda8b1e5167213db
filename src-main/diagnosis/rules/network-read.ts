/** Readers that pull DNS, TCP, gateway, IP-vs-name and certificate facts out of check evidence, tolerating odd fields. */
import type { CheckStatus } from '../../shared/ids';
import type { Evidence } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** dns.resolve facts. */
export interface DnsFacts {
  readonly status: CheckStatus;
  readonly failureKind: string | null;
  readonly failureMessage: string | null;
  readonly failureCode: string | null;
  readonly addresses: string[];
  /** Addresses only DNS gave (the system resolver gave none). */
  readonly onlyDns: string[];
  /** Addresses this computer's resolver gave that DNS does not (hosts file, stale cache). */
  readonly onlySystem: string[];
  /** Every address DNS itself answered. */
  readonly dnsAddresses: string[];
  readonly dnsServers: string[];
}

/** Reads dns.resolve, or null when it did not run. */
export function readDns(ev: Evidence): DnsFacts | null {
  const r = ev.checks.get('dns.resolve');
  if (!r) return null;
  const e = r.evidence;
  const f = isObj(e['failure']) ? e['failure'] : {};
  return {
    status: r.status,
    failureKind: str(f['kind']),
    failureMessage: str(f['message']),
    failureCode: str(f['code']),
    addresses: strs(e['addresses']),
    onlyDns: strs(e['onlyDns']),
    onlySystem: strs(e['onlySystem']),
    dnsAddresses: [e['directA'], e['directAaaa']].flatMap((l) => (isObj(l) && Array.isArray(l['addresses']) ? l['addresses'].filter(isObj).map((a) => str(a['address'])).filter((a): a is string => a !== null) : [])),
    dnsServers: strs(e['dnsServers']),
  };
}

/** net.tcp facts. */
export interface TcpFacts {
  readonly status: CheckStatus;
  readonly verdict: string;
  readonly port: number | null;
  readonly open: string[];
  readonly refused: string[];
  readonly timedOut: string[];
  readonly unreachable: string[];
  readonly highLatency: boolean;
  readonly packetLoss: boolean;
  readonly medianMs: number | null;
  readonly maxMs: number | null;
  readonly lossRatio: number | null;
  readonly sampleAttempts: number | null;
}

/** Reads net.tcp, or null when it did not run or has no verdict. */
export function readTcp(ev: Evidence): TcpFacts | null {
  const r = ev.checks.get('net.tcp');
  if (!r || typeof r.evidence['verdict'] !== 'string') return null;
  const e = r.evidence;
  const l = isObj(e['latency']) ? e['latency'] : {};
  return {
    status: r.status,
    verdict: e['verdict'] as string,
    port: num(e['port']),
    open: strs(e['open']),
    refused: strs(e['refused']),
    timedOut: strs(e['timedOut']),
    unreachable: strs(e['unreachable']),
    highLatency: e['highLatency'] === true,
    packetLoss: e['packetLoss'] === true,
    medianMs: num(l['medianMs']),
    maxMs: num(l['maxMs']),
    lossRatio: num(l['lossRatio']),
    sampleAttempts: num(l['attempts']),
  };
}

/** Names that dns.reverse found for the target's addresses that are not the target's name. */
export function readReverseOtherNames(ev: Evidence): string[] {
  const r = ev.checks.get('dns.reverse');
  return r ? strs(r.evidence['otherNames']) : [];
}

/** alt.ip-vs-name facts. */
export interface IpVsNameFacts {
  readonly verdict: string;
  readonly workingAddresses: string[];
}

/** Reads alt.ip-vs-name, or null. */
export function readIpVsName(ev: Evidence): IpVsNameFacts | null {
  const r = ev.checks.get('alt.ip-vs-name');
  if (!r || typeof r.evidence['verdict'] !== 'string') return null;
  return { verdict: r.evidence['verdict'] as string, workingAddresses: strs(r.evidence['workingAddresses']) };
}

/** gateway.probe facts. */
export interface GatewayFacts {
  readonly status: CheckStatus;
  readonly host: string;
  readonly port: number | null;
  readonly failureStage: string | null;
  readonly failureKind: string | null;
  readonly failureMessage: string | null;
  readonly answer: string | null;
  readonly answerText: string | null;
  readonly statusCode: number | null;
  readonly authSchemes: string[];
  readonly authorized: boolean | null;
  readonly authorizationError: string | null;
  readonly certificate: CertFacts | null;
  readonly badInput: string | null;
}

/** Reads gateway.probe, or null when it did not run or was skipped. */
export function readGateway(ev: Evidence): GatewayFacts | null {
  const r = ev.checks.get('gateway.probe');
  if (!r || r.status === 'skip') return null;
  const e = r.evidence;
  const f = isObj(e['failure']) ? e['failure'] : {};
  const t = isObj(e['tls']) ? e['tls'] : null;
  const h = isObj(e['http']) ? e['http'] : {};
  return {
    status: r.status,
    host: str(e['host']) ?? str(e['gateway']) ?? 'the gateway',
    port: num(e['port']),
    failureStage: str(f['stage']),
    failureKind: str(f['kind']),
    failureMessage: str(f['message']),
    answer: str(e['answer']),
    answerText: str(e['answerText']),
    statusCode: num(h['statusCode']),
    authSchemes: strs(h['authSchemes']),
    authorized: t && typeof t['authorized'] === 'boolean' ? t['authorized'] : null,
    authorizationError: t ? str(t['authorizationError']) : null,
    certificate: isObj(e['certificate']) ? certFacts(e['certificate']) : null,
    badInput: str(e['badInput']),
  };
}

/** The certificate fields the rules use. */
export interface CertFacts {
  readonly subject: string;
  readonly commonName: string | null;
  readonly issuer: string;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly daysLeft: number | null;
  readonly validity: string | null;
  readonly selfSigned: boolean;
  readonly names: string[];
  readonly nameMatches: boolean | null;
  readonly serverAuth: string | null;
  readonly keyType: string | null;
  readonly keyBits: number | null;
  readonly signatureName: string | null;
  readonly sha1: string | null;
  readonly sha256: string | null;
  readonly problemCodes: string[];
  readonly knownStatus: string | null;
  readonly previousSha256: string | null;
  readonly previousFirstSeen: string | null;
  readonly previousLastSeen: string | null;
}

function certFacts(e: Obj): CertFacts | null {
  if (e['ok'] !== true) return null;
  const nm = isObj(e['nameMatch']) ? e['nameMatch'] : {};
  const key = isObj(e['key']) ? e['key'] : {};
  const sig = isObj(e['signatureAlgorithm']) ? e['signatureAlgorithm'] : {};
  const known = isObj(e['knownHost']) ? e['knownHost'] : {};
  const prev = isObj(known['previous']) ? known['previous'] : {};
  const problems = Array.isArray(e['problems']) ? e['problems'].filter(isObj).map((p) => str(p['code'])).filter((c): c is string => c !== null) : [];
  return {
    subject: str(e['subject']) ?? '',
    commonName: str(e['commonName']),
    issuer: str(e['issuer']) ?? '',
    notBefore: str(e['notBefore']),
    notAfter: str(e['notAfter']),
    daysLeft: num(e['daysLeft']),
    validity: str(e['validity']),
    selfSigned: e['selfSigned'] === true,
    names: [...strs(e['dnsNames']), ...strs(e['ipAddresses'])],
    nameMatches: typeof nm['matches'] === 'boolean' ? nm['matches'] : null,
    serverAuth: str(e['serverAuth']),
    keyType: str(key['type']),
    keyBits: num(key['bits']),
    signatureName: str(sig['name']),
    sha1: str(e['sha1']),
    sha256: str(e['sha256']),
    problemCodes: problems,
    knownStatus: str(known['status']),
    previousSha256: str(prev['sha256']),
    previousFirstSeen: str(prev['firstSeen']),
    previousLastSeen: str(prev['lastSeen']),
  };
}

/** Reads the readable server certificate from tls.certificate, or null. */
export function readServerCertificate(ev: Evidence): CertFacts | null {
  const r = ev.checks.get('tls.certificate');
  if (!r || r.status === 'skip') return null;
  return certFacts(r.evidence);
}
