/** The report as people read it, shared by the HTML and PDF renderers: header, verdict, checklist, findings, fixes. */
import { CHECK_META, FIX_META, SECTION_TITLES } from '../shared/catalog';
import type { CheckStatus } from '../shared/ids';
import type { AppliedFix, Finding, Report } from '../shared/schema';
import { groupBySection, type SectionGroup } from '../diagnosis/sections';
import { encodeSupportCode } from '../diagnosis/support-code';

/** A status in words, for readers and screen readers alike. */
export const STATUS_WORDS: Record<CheckStatus | 'empty', string> = {
  pass: 'Passed', warn: 'Warning', fail: 'Failed', skip: 'Skipped', error: 'Could not check', empty: 'Not checked',
};

/** One fix as a finding offers it. */
export interface FixView {
  readonly title: string;
  readonly where: string;
  readonly securityCost: string | null;
}

/** What the header and verdict show. */
export interface ReportView {
  readonly report: Report;
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly verdict: Finding | null;
  readonly supportCode: string;
  readonly sections: readonly SectionGroup[];
  readonly fixesApplied: readonly (AppliedFix & { readonly title: string })[];
}

/** "1.5 s" / "350 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** How a finding's fixes read. */
export function fixesOf(f: Finding): FixView[] {
  return f.fixes.map((id) => {
    const meta = FIX_META[id];
    return {
      title: meta.title,
      where: meta.scope === 'host' ? 'on the remote computer' : 'on this computer',
      securityCost: 'securityCost' in meta ? (meta.securityCost ?? null) : null,
    };
  });
}

/** Titles of the checks a finding rests on. */
export function checkTitles(f: Finding): string[] {
  return f.checks.map((id) => CHECK_META[id].title);
}

/** Builds the view of a report. */
export function buildView(report: Report): ReportView {
  const t = report.target;
  const facts: (readonly [string, string])[] = [
    ['Remote computer', `${t.host}:${t.port}${t.input !== t.host && t.input !== `${t.host}:${t.port}` ? ` (entered as "${t.input}")` : ''}`],
    ['Addresses', t.addresses.length > 0 ? t.addresses.join(', ') : '(none resolved)'],
    ['Started', report.startedAt],
    ['Duration', formatDuration(report.durationMs)],
    ['Tool', `${report.tool.name} ${report.tool.version}`],
    ['Platform', `${report.environment.platform}, Node ${report.environment.node}`],
  ];
  if (report.environment.replay) facts.push(['Replayed machine', report.environment.replay]);
  if (report.errorCodes) facts.push(['Error codes given', report.errorCodes.input]);
  return {
    report,
    title: `RDP Doctor report: ${t.host}`,
    facts,
    verdict: report.findings[0] ?? null,
    supportCode: encodeSupportCode(report),
    sections: groupBySection(report.checks, report.findings),
    fixesApplied: report.fixesApplied.map((f) => ({ ...f, title: FIX_META[f.fixId].title })),
  };
}

/** The section title of a finding. */
export function sectionTitle(f: Finding): string {
  return SECTION_TITLES[f.section];
}
