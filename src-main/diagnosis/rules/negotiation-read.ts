/** Readers that pull the negotiation, TLS and CredSSP facts out of check evidence, tolerating missing or odd fields. */
import type { Evidence } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/** One probe's outcome as the rules need it. */
export interface ProbeFact {
  readonly protocol: string;
  readonly kind: string;
  readonly code: number | null;
  readonly codeName: string | null;
  readonly phase: string | null;
  readonly reason: string | null;
  readonly preview: string | null;
  readonly connected: boolean;
}

/** rdp.negotiation facts. */
export interface NegotiationFacts {
  readonly status: string;
  readonly service: string;
  readonly supported: string[];
  readonly nlaRequired: boolean | null;
  readonly rdpSecurityAllowed: boolean | null;
  readonly rdpSecurityOnly: boolean;
  readonly probes: ProbeFact[];
  /** Failure code numbers seen on any probe. */
  readonly codes: number[];
}

/** rdp.negotiation evidence, or null when the check did not run. */
export function readNegotiation(ev: Evidence): NegotiationFacts | null {
  const r = ev.checks.get('rdp.negotiation');
  if (!r || !isObj(r.evidence) || typeof r.evidence.service !== 'string') return null;
  const e = r.evidence;
  const probes: ProbeFact[] = (Array.isArray(e.probes) ? e.probes : []).filter(isObj).map((p) => {
    const o = isObj(p.outcome) ? p.outcome : {};
    return {
      protocol: str(p.protocol) ?? '?',
      kind: str(o.kind) ?? '?',
      code: num(o.code),
      codeName: str(o.codeName),
      phase: str(o.phase),
      reason: str(o.reason),
      preview: str(o.preview),
      connected: num(p.connectMs) !== null,
    };
  });
  return {
    status: r.status,
    service: String(e.service),
    supported: (Array.isArray(e.supported) ? e.supported : []).filter((x): x is string => typeof x === 'string'),
    nlaRequired: bool(e.nlaRequired),
    rdpSecurityAllowed: bool(e.rdpSecurityAllowed),
    rdpSecurityOnly: e.rdpSecurityOnly === true,
    probes,
    codes: [...new Set(probes.flatMap((p) => (p.kind === 'failure' && p.code !== null ? [p.code] : [])))],
  };
}

/** One TLS attempt as the rules need it. */
export interface TlsAttemptFact {
  readonly ok: boolean;
  readonly error: string | null;
  readonly alert: { code: number; name: string } | null;
  readonly dropped: boolean;
  readonly timedOut: boolean;
}

/** tls.handshake facts (only when it ran). */
export interface TlsFacts {
  readonly status: string;
  readonly versions: Record<string, TlsAttemptFact>;
  readonly okVersions: string[];
  readonly negotiated: { version: string; cipher: string } | null;
  readonly defaultAttempt: TlsAttemptFact;
}

function attemptFact(v: unknown): TlsAttemptFact {
  const o = isObj(v) ? v : {};
  const a = isObj(o.alert) ? o.alert : null;
  const code = a ? num(a.code) : null;
  return {
    ok: o.ok === true,
    error: str(o.error),
    alert: a && code !== null ? { code, name: str(a.name) ?? `alert_${code}` } : null,
    dropped: o.dropped === true,
    timedOut: o.timedOut === true,
  };
}

/** tls.handshake evidence, or null when it was skipped or did not run. */
export function readTls(ev: Evidence): TlsFacts | null {
  const r = ev.checks.get('tls.handshake');
  if (!r || r.status === 'skip' || !isObj(r.evidence) || !isObj(r.evidence.versions)) return null;
  const e = r.evidence;
  const versions: Record<string, TlsAttemptFact> = {};
  for (const [k, v] of Object.entries(e.versions as Obj)) versions[k] = attemptFact(v);
  const n = isObj(e.negotiated) ? e.negotiated : null;
  return {
    status: r.status,
    versions,
    okVersions: Object.keys(versions).filter((k) => versions[k]?.ok),
    negotiated: n && str(n.version) ? { version: String(n.version), cipher: str(n.cipher) ?? 'unknown' } : null,
    defaultAttempt: attemptFact(e.defaultAttempt),
  };
}

/** credssp.ntlm-info facts (only when the identity was read). */
export interface CredSspFacts {
  readonly netbiosComputer: string | null;
  readonly dnsComputer: string | null;
  readonly netbiosDomain: string | null;
  readonly osVersion: string | null;
  readonly serverTime: string | null;
  readonly clockSkewSeconds: number | null;
  readonly nameMatchesTarget: boolean | null;
}

/** credssp.ntlm-info evidence, or null when no identity was read. */
export function readCredSsp(ev: Evidence): CredSspFacts | null {
  const r = ev.checks.get('credssp.ntlm-info');
  if (!r || !isObj(r.evidence) || r.evidence.available !== true) return null;
  const e = r.evidence;
  return {
    netbiosComputer: str(e.netbiosComputer),
    dnsComputer: str(e.dnsComputer),
    netbiosDomain: str(e.netbiosDomain),
    osVersion: str(e.osVersion),
    serverTime: str(e.serverTime),
    clockSkewSeconds: num(e.clockSkewSeconds),
    nameMatchesTarget: bool(e.nameMatchesTarget),
  };
}
