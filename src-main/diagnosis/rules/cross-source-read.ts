/**
 * Tolerant readers for the cross-source rules: each pulls one fact out of another check's evidence
 * by field name wherever it sits, so a rule keeps working while the checks' evidence grows.
 */
import type { CheckId } from '../../shared/ids';
import type { Evidence } from '../types';

const MAX_NODES = 5000;
const MAX_DEPTH = 8;

/** Every (key, value) pair under `root` whose key matches `key`, depth-first, bounded. */
export function findByKey(root: unknown, key: RegExp): unknown[] {
  const out: unknown[] = [];
  let seen = 0;
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > MAX_DEPTH || ++seen > MAX_NODES) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (key.test(k)) out.push(v);
      walk(v, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** The evidence of one check, or undefined when it did not run or was skipped. */
export function evidenceOf(ev: Evidence, id: CheckId): Record<string, unknown> | undefined {
  const r = ev.checks.get(id);
  return r && r.status !== 'skip' ? r.evidence : undefined;
}

/** A check's status, or null when it did not run. */
export function statusOf(ev: Evidence, id: CheckId): string | null {
  return ev.checks.get(id)?.status ?? null;
}

/** A number, or a number inside {value} (the EffectiveSetting / decoded-code shape). */
function numberIn(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v && typeof v === 'object' && 'value' in v) return numberIn((v as { value: unknown }).value);
  return null;
}

/** Disconnect reasons of the client's failed attempts (event 1026, decimal discReason values). */
export function clientDisconnectReasons(ev: Evidence): number[] {
  const e = evidenceOf(ev, 'client.events');
  if (!e) return [];
  // client.events lists the failed attempts' reasons in `disconnectReasons`; older shapes only had attempts[].disconnect.
  const listed = Array.isArray(e['disconnectReasons']) ? (e['disconnectReasons'] as unknown[]) : null;
  const raw = listed ?? findByKey(e, /^(disconnect|disconnectReason|discReason|reason|reasons)$/i).flatMap((v) => (Array.isArray(v) ? v : [v]));
  const values = raw.map(numberIn).filter((n): n is number => n !== null);
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The validity verdict of the certificate the server presented on the wire. */
export function wireCertificateValidity(ev: Evidence): 'expired' | 'not-yet-valid' | 'valid' | null {
  const e = evidenceOf(ev, 'tls.certificate');
  if (!e) return null;
  const verdicts = findByKey(e, /^validity$/i).filter((v): v is string => typeof v === 'string');
  if (verdicts.includes('expired')) return 'expired';
  if (verdicts.includes('not-yet-valid')) return 'not-yet-valid';
  const codes = findByKey(e, /^code$/i);
  if (codes.includes('expired')) return 'expired';
  if (codes.includes('not-yet-valid')) return 'not-yet-valid';
  const days = findByKey(e, /^daysLeft$/i).map(numberIn).filter((n): n is number => n !== null);
  if (days.some((d) => d < 0)) return 'expired';
  return verdicts.length > 0 || days.length > 0 ? 'valid' : null;
}

/** The end date of the certificate on the wire, when known. */
export function wireCertificateNotAfter(ev: Evidence): string | null {
  const found = findByKey(evidenceOf(ev, 'tls.certificate') ?? {}, /^notAfter$/i).find((v) => typeof v === 'string');
  return typeof found === 'string' ? found : null;
}

/** True when a field named like `key` is literally true in the check's evidence. */
export function flagIn(ev: Evidence, id: CheckId, key: RegExp): boolean {
  return findByKey(evidenceOf(ev, id) ?? {}, key).some((v) => v === true);
}

/** The first number in a field named like `key` (plain or {value}) in the check's evidence. */
export function numberAt(ev: Evidence, id: CheckId, key: RegExp): number | null {
  for (const v of findByKey(evidenceOf(ev, id) ?? {}, key)) {
    const n = numberIn(v);
    if (n !== null) return n;
  }
  return null;
}

/** True when the host's own settings (server.security-layer) require NLA; the wire view is the negotiation rules' job. */
export function hostRequiresNla(ev: Evidence): boolean {
  return flagIn(ev, 'server.security-layer', /^isNlaRequired$/i) || numberAt(ev, 'server.security-layer', /^userAuthentication$/i) === 1;
}

/** True when the user's dialog codes point at the server refusing (0x904/0x7 and kin). */
export function hintSaysRefused(ev: Evidence): boolean {
  return ev.errorHint?.steer === 'server-refusal';
}

/** The disconnect reasons that read "the server hung up / refused": socket closed, certificate expired. */
export const REFUSAL_REASONS: ReadonlySet<number> = new Set([0x904, 0x1b07]);
