/** The report in a few plain-text lines for a ticket: what was diagnosed, the verdict, the codes, the plan, the support code. */
import { displayText } from '../shared/display-text';
import type { Report } from '../shared/schema';
import { codesInBrief, buildView } from './view';

/** Plain text, no markup, lines under ~100 characters where the words allow. */
export function summaryText(report: Report): string {
  const v = buildView(report);
  const d = v.verdict;
  const lines: string[] = [`RDP Doctor: ${v.target}, ${v.when}`];
  if (d.kind === 'cause' && d.cause) {
    lines.push(`Most likely cause: ${d.cause.title} (${d.cause.severity}, ${Math.round(d.cause.confidence * 100)}% likely)`, d.cause.explanation);
  } else lines.push(`Verdict: ${d.headline}`, d.summary);
  if (report.errorCodes) {
    const brief = codesInBrief(report.errorCodes);
    lines.push('', `Error codes: ${brief.codes.map(([hex, meaning]) => `${hex} ${meaning}`).join('; ')}`);
  }
  const p = v.plan;
  if (p.steps.length > 0 || p.withoutFix.length > 0 || p.startWith.length > 0) {
    lines.push('', 'What to do now:');
    for (const s of p.steps) {
      const tags = [s.isRecommended ? 'recommended' : '', s.isOptional ? 'optional' : '', s.outcome ?? ''].filter(Boolean);
      lines.push(`${s.number}. ${s.title} (${s.where})${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`);
      if (s.securityCost) lines.push(`   Lowers security: ${s.securityCost}`);
    }
    for (const w of p.withoutFix) lines.push(`- No one-click fix for "${w.title}"${w.reference ? `: see ${w.reference.title}, ${w.reference.url}` : ''}`);
    if (p.startWith.length > 0) lines.push(`- Start with these checks: ${p.startWith.join(', ')}`);
  }
  const counts = new Map<string, number>();
  for (const c of report.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const words: [string, string][] = [
    ['fail', 'failed'],
    ['error', 'could not check'],
    ['warn', 'warnings'],
    ['pass', 'passed'],
    ['skip', 'skipped'],
  ];
  lines.push('', `Checks: ${words.map(([k, w]) => `${counts.get(k) ?? 0} ${w}`).join(', ')}`);
  if (report.redacted) lines.push('Names, addresses and users are replaced by pseudonyms (host-1, ip-1, user-1).');
  lines.push(`Support code: ${v.supportCode}`);
  return `${lines.map((l) => displayText(l)).join('\n')}\n`;
}
