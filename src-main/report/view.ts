/**
 * The report as people read it, shared by the HTML and PDF renderers, in the order a reader needs it: who and when,
 * the verdict, the error codes explained, what to do now, a status table of every check, then the details.
 */
import { CHECK_META, FIX_META } from '../shared/catalog';
import { referenceOf, type FindingReference } from '../shared/finding-references';
import { hasRun } from '../shared/evidence';
import type { CheckStatus } from '../shared/ids';
import type { Finding, Report } from '../shared/schema';
import { targetLabel } from '../shared/target-input';
import { verdictOf, type Verdict } from '../shared/verdict';
import { groupBySection, type SectionGroup, type SectionStatus } from '../diagnosis/sections';
import { encodeSupportCode } from '../diagnosis/support-code';
import { evidenceBlocks, formatDate, type EvidenceBlock } from './evidence-view';
import { buildPlan, fixOutcome, type ReportPlan } from './plan';

/** A status in words, for readers and screen readers alike. */
export const STATUS_WORDS: Record<CheckStatus | 'empty', string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  skip: 'Skipped',
  error: 'Could not check',
  empty: 'Not checked',
};

/** A section's status in words: a section failed by its findings, not by a check, says so. */
export function sectionWords(section: SectionGroup): string {
  return section.hasBlockingFinding && !section.checks.some((c) => c.status === 'fail') ? 'Problem found' : STATUS_WORDS[section.status];
}

/** The error codes in one short paragraph: each code's meaning, then what they say together. */
export function codesInBrief(codes: NonNullable<Report['errorCodes']>): { readonly codes: readonly (readonly [string, string])[]; readonly together: string } {
  const together = codes.summary.includes('Together:') ? codes.summary.slice(codes.summary.indexOf('Together:')) : codes.summary;
  return { codes: codes.codes.map((c) => [c.hex, c.meaning] as const), together };
}

/** One finding as the details show it. */
export interface FindingView {
  readonly finding: Finding;
  readonly basedOn: readonly string[];
  readonly reference: FindingReference | null;
}

/** One check's evidence as the appendix shows it. */
export interface EvidenceView {
  readonly anchor: string;
  readonly section: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly blocks: readonly EvidenceBlock[];
}

/** Everything the renderers show. */
export interface ReportView {
  readonly report: Report;
  readonly title: string;
  readonly target: string;
  readonly when: string;
  /** Secondary facts, one line each: duration, tool, platform, the codes given, redaction. */
  readonly facts: readonly (readonly [string, string])[];
  readonly supportCode: string;
  readonly verdict: Verdict;
  readonly plan: ReportPlan;
  readonly sections: readonly SectionGroup[];
  readonly findings: readonly FindingView[];
  readonly evidence: readonly EvidenceView[];
  readonly fixesApplied: readonly { readonly title: string; readonly outcome: string; readonly at: string; readonly message: string }[];
}

/** "1.5 s" / "350 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** The id of a check's evidence in the appendix, for links from the status table. */
export function evidenceAnchor(checkId: string): string {
  return `evidence-${checkId.replace(/[^a-z0-9]+/gi, '-')}`;
}

/** Builds the view of a report. */
export function buildView(report: Report): ReportView {
  const t = report.target;
  const target = targetLabel(t, true);
  const facts: (readonly [string, string])[] = [];
  if (t.input.trim() && t.input !== target && t.input !== t.host) facts.push(['Entered as', t.input]);
  if (t.addresses.length > 0 && !(t.addresses.length === 1 && t.addresses[0] === t.host)) facts.push(['Addresses', t.addresses.join(', ')]);
  facts.push(['Took', formatDuration(report.durationMs)], ['Tool', `${report.tool.name} ${report.tool.version} on ${report.environment.platform}`]);
  if (report.environment.replay) facts.push(['Windows state from', `the recording ${report.environment.replay}`]);
  const hostEvidence = report.environment.hostEvidence;
  if (hostEvidence) facts.push(['Host state from', `${hostEvidence.file}, collected on ${hostEvidence.computerName} at ${formatDate(hostEvidence.collectedAt)}`]);
  if (report.errorCodes) facts.push(['Error codes given', report.errorCodes.input]);
  if (report.redacted) facts.push(['Redacted', 'names, addresses and users are replaced by pseudonyms (host-1, ip-1, user-1); encoded data is removed']);
  const verdict = verdictOf(report.findings, report.checks, t);
  const sections = groupBySection(report.checks, report.findings);
  return {
    report,
    title: 'RDP Doctor report',
    target,
    when: formatDate(report.startedAt),
    facts,
    supportCode: encodeSupportCode(report),
    verdict,
    plan: buildPlan(report, verdict),
    sections,
    findings: report.findings.map((finding) => ({ finding, basedOn: finding.checks.map((id) => CHECK_META[id].title), reference: referenceOf(finding.id) })),
    evidence: sections.flatMap((s) =>
      s.checks
        .filter((c) => hasRun(c.status) || c.status === 'error')
        .map((c) => ({ anchor: evidenceAnchor(c.id), section: s.title, title: c.title, status: c.status, blocks: evidenceBlocks(c.id, c.evidence) }))
        .filter((e) => e.blocks.length > 0),
    ),
    fixesApplied: report.fixesApplied.map((f) => ({ title: FIX_META[f.fixId].title, outcome: fixOutcome(f), at: formatDate(f.at), message: f.message })),
  };
}

/** The status of a section for the status table. */
export type { SectionStatus };
