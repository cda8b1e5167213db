/** Turns rule drafts into ranked findings: severity first, then confidence, then id, deterministically. */
import { FINDING_META } from '../shared/catalog';
import { SEVERITIES } from '../shared/ids';
import type { Finding } from '../shared/schema';
import type { Evidence, FindingDraft } from './types';

/** Merges drafts of the same id, fills metadata and sorts most likely first. */
export function rankFindings(drafts: readonly FindingDraft[], _evidence: Evidence): Finding[] {
  const byId = new Map<string, FindingDraft>();
  for (const d of drafts) {
    const prev = byId.get(d.id);
    if (!prev || d.confidence > prev.confidence) byId.set(d.id, d);
  }
  const findings = [...byId.values()].map((d): Finding => {
    const meta = FINDING_META[d.id];
    return {
      id: d.id,
      section: meta.section,
      severity: d.severity ?? meta.severity,
      confidence: Math.round(Math.min(1, Math.max(0, d.confidence)) * 100) / 100,
      title: meta.title,
      explanation: d.explanation,
      technical: d.technical,
      checks: [...d.checks].sort(),
      fixes: [...d.fixes],
      evidence: d.evidence,
      contradictions: [...(d.contradictions ?? [])],
    };
  });
  return findings.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      b.confidence - a.confidence ||
      a.id.localeCompare(b.id),
  );
}
