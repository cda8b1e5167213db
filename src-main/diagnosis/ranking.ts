/**
 * Turns rule drafts into ranked findings. Drafts of one id merge; independent sources that agree raise
 * confidence, contradictions lower it and are listed; the dialog pair steers; the result never depends
 * on the order of drafts or checks.
 */
import { FINDING_META } from '../shared/catalog';
import { CHECK_IDS, FIX_IDS, SEVERITIES, type CheckId, type FindingId, type FixId, type Severity } from '../shared/ids';
import type { Finding } from '../shared/schema';
import { gatewayAdjustment, passContradictions, steerAdjustment } from './ranking-steer';
import type { Evidence, FindingDraft } from './types';

/** Highest confidence ranking will state; certainty is for the verification step. */
export const MAX_CONFIDENCE = 0.99;
/** Each distinct contradiction keeps this share of the confidence. */
export const CONTRADICTION_FACTOR = 0.8;

/** JSON with sorted keys, so equal values always print the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const clamp = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const byIndex =
  <T extends string>(list: readonly T[]) =>
  (a: T, b: T) =>
    list.indexOf(a) - list.indexOf(b);
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** A canonical key for a draft: sorting by confidence then this key makes merging independent of input order. */
function draftKey(d: FindingDraft): string {
  return stableStringify({
    ch: [...d.checks].sort(),
    t: d.technical,
    e: d.explanation,
    f: d.fixes,
    ev: d.evidence,
    x: [...(d.contradictions ?? [])].sort(),
    s: d.severity ?? '',
  });
}

function mostSevere(severities: readonly Severity[]): Severity {
  return [...severities].sort(byIndex(SEVERITIES))[0]!;
}

/**
 * Combines drafts of one id. Drafts whose checks overlap read the same evidence, so they form one source and
 * count once (their best confidence); disjoint sources agree independently and combine by noisy-OR.
 */
function combinedConfidence(drafts: readonly FindingDraft[]): { confidence: number; sources: string[] } {
  const clusters: { checks: Set<string>; confidence: number }[] = [];
  for (const d of drafts) {
    const checks = new Set<string>(d.checks.length > 0 ? d.checks : ['(dialog codes)']);
    const touching = clusters.filter((c) => [...checks].some((id) => c.checks.has(id)));
    const merged = { checks, confidence: clamp(d.confidence) };
    for (const c of touching) {
      c.checks.forEach((id) => merged.checks.add(id));
      merged.confidence = Math.max(merged.confidence, c.confidence);
      clusters.splice(clusters.indexOf(c), 1);
    }
    clusters.push(merged);
  }
  const doubt = clusters.reduce((acc, c) => acc * (1 - c.confidence), 1);
  return { confidence: 1 - doubt, sources: clusters.map((c) => [...c.checks].sort().join('+')).sort() };
}

/** Merges all drafts of one id (given in canonical order, best first) into one finding. */
function mergeGroup(id: FindingId, drafts: readonly FindingDraft[], evidence: Evidence): Finding {
  const best = drafts[0]!;
  const meta = FINDING_META[id];
  const checks = unique(drafts.flatMap((d) => d.checks)).sort(byIndex<CheckId>(CHECK_IDS));
  const otherFixes = unique(drafts.slice(1).flatMap((d) => d.fixes)).sort(byIndex<FixId>(FIX_IDS));
  const fixes = unique([...best.fixes, ...otherFixes]);
  const merged: Record<string, unknown> = {};
  for (const d of [...drafts].reverse()) Object.assign(merged, d.evidence);

  const { confidence: agreed, sources } = combinedConfidence(drafts);
  const steer = steerAdjustment(id, evidence.errorHint);
  const gateway = gatewayAdjustment(id, evidence);
  const contradictions = unique([
    ...drafts.flatMap((d) => d.contradictions ?? []),
    ...passContradictions(id, checks, evidence),
    ...(steer.contradiction ? [steer.contradiction] : []),
    ...(gateway.contradiction ? [gateway.contradiction] : []),
  ]).sort();
  let confidence = agreed + (1 - agreed) * steer.boost;
  confidence *= steer.penalty * gateway.penalty * CONTRADICTION_FACTOR ** contradictions.length;

  const notes: string[] = [];
  if (sources.length > 1) notes.push(`${sources.length} independent sources agree (${sources.join('; ')}).`);
  if (steer.note) notes.push(steer.note);
  if (gateway.note) notes.push(gateway.note);
  if (contradictions.length > 0) notes.push(`${contradictions.length} contradiction(s) lowered the confidence.`);

  return {
    id,
    section: meta.section,
    severity: gateway.severity ?? mostSevere(drafts.map((d) => d.severity ?? meta.severity)),
    confidence: Math.round(Math.min(MAX_CONFIDENCE, clamp(confidence)) * 100) / 100,
    title: meta.title,
    explanation: gateway.explanation ? `${best.explanation} ${gateway.explanation}` : best.explanation,
    technical: [best.technical, ...notes].filter((s) => s.trim() !== '').join(' '),
    checks,
    fixes,
    evidence: merged,
    contradictions,
  };
}

/** Below this confidence a blocking cause is not plausible enough to rank by its severity. */
export const PLAUSIBLE_CONFIDENCE = 0.5;

const BLOCKING: ReadonlySet<Severity> = new Set<Severity>(['critical', 'high']);

/** True for a cause that alone can break the connection and that the evidence makes plausible. */
export function isPlausibleBlocker(f: Finding): boolean {
  return BLOCKING.has(f.severity) && f.confidence >= PLAUSIBLE_CONFIDENCE && f.contradictions.length === 0;
}

/**
 * The band a finding sorts in. Plausible blockers (critical/high, confidence ≥ PLAUSIBLE_CONFIDENCE, not
 * contradicted) come first, by severity; a blocker that is unlikely or contradicted sorts as if it were
 * medium, so it no longer outranks a likely medium cause; medium, low and info keep their order.
 */
function band(f: Finding): number {
  if (isPlausibleBlocker(f)) return SEVERITIES.indexOf(f.severity);
  return BLOCKING.has(f.severity) ? SEVERITIES.indexOf('medium') : SEVERITIES.indexOf(f.severity);
}

/** Compares findings: band (severity, with implausible blockers lowered to medium), then confidence, then severity, then id. */
export function compareFindings(a: Finding, b: Finding): number {
  return band(a) - band(b) || b.confidence - a.confidence || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id);
}

/** Merges drafts of the same id, weighs agreement, contradictions and the dialog pair, and sorts most likely first. */
export function rankFindings(drafts: readonly FindingDraft[], evidence: Evidence): Finding[] {
  const keyed = drafts.map((d) => ({ d, key: draftKey(d) }));
  keyed.sort((a, b) => clamp(b.d.confidence) - clamp(a.d.confidence) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const groups = new Map<FindingId, FindingDraft[]>();
  for (const { d } of keyed) {
    if (!(d.id in FINDING_META)) continue;
    const list = groups.get(d.id) ?? [];
    list.push(d);
    groups.set(d.id, list);
  }
  return [...groups.entries()].map(([id, list]) => mergeGroup(id, list, evidence)).sort(compareFindings);
}
