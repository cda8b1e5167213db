/** Human output of the command line: the verdict first, then the checklist by section; colour only on a terminal. */
import { CHECK_META, SECTION_TITLES } from '../shared/catalog';
import { targetLabel } from '../shared/target-input';
import { isHealthy, verdictOf } from '../shared/verdict';
import { planOf } from '../shared/action-plan';
import { isWindowsOnlySkip, windowsOnlyTitle } from '../shared/needs-windows';
import { SECTION_IDS, type CheckStatus } from '../shared/ids';
import type { DecodeResult, Finding, Report } from '../shared/schema';
import type { ProgressEvent } from '../shared/dto';
import { displayText } from '../shared/display-text';

/** ANSI styling that is a no-op when `enabled` is false (piped output). */
export function styler(enabled: boolean): Record<'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan', (s: string) => string> {
  const wrap = (code: number) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { bold: wrap(1), dim: wrap(2), red: wrap(31), yellow: wrap(33), green: wrap(32), cyan: wrap(36) };
}

const STATUS_WORD: Record<CheckStatus, string> = { pass: 'pass', warn: 'warn', fail: 'FAIL', skip: 'skip', error: 'error' };

/** Text that came from the network or a file, with control and direction-changing characters escaped before it reaches a terminal. */
export function clean(text: string): string {
  return displayText(text);
}

function formatFinding(f: Finding, s: ReturnType<typeof styler>, lead: string): string[] {
  const lines = [`${lead}${s.bold(f.title)}  ${s.dim(`[${f.severity}, ${Math.round(f.confidence * 100)}% confident]`)}`];
  lines.push(`    ${clean(f.explanation)}`);
  lines.push(s.dim(`    Technical: ${clean(f.technical)}`));
  if (f.contradictions.length) lines.push(s.dim(`    Against it: ${f.contradictions.map(clean).join('; ')}`));
  return lines;
}

/** "What to do now": the plan's steps, each fix once, with its id for `rdp-doctor fix`. */
function formatPlan(findings: readonly Finding[], hasCause: boolean, s: ReturnType<typeof styler>): string[] {
  const plan = planOf(findings);
  if (plan.length === 0) return [];
  const lines = ['', s.bold(hasCause ? 'What to do now:' : 'Worth doing:')];
  for (const step of plan) {
    const tags = [step.isRecommended ? 'recommended' : '', step.isOptional ? 'optional' : ''].filter(Boolean);
    lines.push(`  ${step.number}. ${step.title} (${step.fixId}) on ${step.where}${tags.length ? ` — ${tags.join(', ')}` : ''}`);
    if (step.after) lines.push(`     ${step.after.why}`);
    if (step.securityCost) lines.push(s.yellow(`     Lowers security: ${step.securityCost}`));
  }
  return lines;
}

// A summary that already states a time ("open on 10.0.0.5 (0.5 ms)") keeps it; the check's own duration would be a second one.
const STATES_A_TIME = /\b\d+(?:\.\d+)?\s?(?:ms|s)\b/;

/** One checklist line: status, title, summary and one timing. */
function checkLine(c: Report['checks'][number], s: ReturnType<typeof styler>): string {
  const paint = c.status === 'fail' || c.status === 'error' ? s.red : c.status === 'warn' ? s.yellow : c.status === 'pass' ? s.green : s.dim;
  const summary = clean(c.summary);
  return `    ${paint(STATUS_WORD[c.status].padEnd(5))} ${c.title} — ${summary}${STATES_A_TIME.test(summary) ? '' : ` ${s.dim(`(${c.durationMs} ms)`)}`}`;
}

/** The whole human report: verdict, the plan, other things noticed, then the 11-section checklist. */
export function formatReport(report: Report, color: boolean): string {
  const s = styler(color);
  const out: string[] = [];
  const where = targetLabel(report.target, true);
  out.push(`${s.bold('RDP Doctor')} ${report.tool.version} — ${clean(where)} ${s.dim(`(${(report.durationMs / 1000).toFixed(1)} s)`)}`);
  if (report.errorCodes) out.push(s.dim(`Error codes: ${clean(report.errorCodes.summary)}`));
  out.push('');
  const verdict = verdictOf(report.findings, report.checks, report.target);
  if (verdict.cause) out.push(...formatFinding(verdict.cause, s, `${s.red('Most likely cause:')} `));
  else {
    out.push(verdict.kind === 'no-problem' ? s.green(s.bold(verdict.headline)) : s.yellow(s.bold(verdict.headline)));
    out.push(`    ${clean(verdict.summary)}`);
    if (verdict.failedChecks.length) out.push(`    ${verdict.failedChecks.map((id) => CHECK_META[id].title).join(', ')}`);
  }
  out.push(...formatPlan(report.findings, verdict.cause !== null, s));
  if (verdict.noticed.length) {
    out.push('', s.bold('Other things we noticed:'));
    for (const f of verdict.noticed) out.push(...formatFinding(f, s, '  - '));
  }
  out.push('', s.bold('Checklist'));
  const windowsOnly = report.checks.filter(isWindowsOnlySkip);
  SECTION_IDS.forEach((section, i) => {
    const checks = report.checks.filter((c) => c.section === section && !windowsOnly.includes(c));
    if (!checks.length) return;
    out.push(`${String(i + 1).padStart(2)}. ${SECTION_TITLES[section]}`);
    for (const c of checks) out.push(checkLine(c, s));
  });
  if (windowsOnly.length) out.push(`    ${s.dim('skip ')} ${windowsOnlyTitle(windowsOnly.length)}: ${s.dim(windowsOnly.map((c) => c.title).join(', '))}`);
  return `${out.join('\n')}\n`;
}

/** The table after several targets: each target, its verdict and its top finding, in the order given. */
export function formatSummary(reports: readonly Report[], color: boolean): string {
  const s = styler(color);
  const rows = reports.map((r, i) => {
    const v = verdictOf(r.findings, r.checks, r.target);
    const verdict = v.kind === 'cause' ? `problem (${v.cause?.severity ?? ''})` : v.kind === 'unclear' ? 'unclear' : 'no problem found';
    return [String(i + 1), clean(targetLabel(r.target, true)), verdict, v.cause ? v.cause.title : '—'];
  });
  const head = ['#', 'Target', 'Verdict', 'Top finding'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd();
  const problems = reports.filter((r) => !isHealthy(r.findings)).length;
  return `${[s.bold(`Summary: ${reports.length} targets, ${problems} with a problem`), line(head), ...rows.map(line)].join('\n')}\n`;
}

/** Human output of `decode`. */
export function formatDecode(result: DecodeResult, color: boolean): string {
  const s = styler(color);
  const out = [s.bold(clean(result.summary)), ''];
  for (const c of result.codes) {
    out.push(`${s.cyan(`${c.hex} (${c.value})`)} ${s.dim(c.kind)}: ${s.bold(c.name)}${c.official ? '' : s.yellow(' [unofficial]')}`);
    out.push(`    ${c.meaning}`);
    for (const n of c.notes) out.push(s.dim(`    ${n}`));
  }
  for (const c of result.corrections) out.push('', `${s.yellow('Note:')} ${c}`);
  return `${out.join('\n')}\n`;
}

/** A one-line live progress display for a terminal (stderr); none when piped. */
export function createProgressLine(stream: NodeJS.WriteStream, total: () => number): { update(event: ProgressEvent): void; done(): void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let finished = 0;
  const running = new Set<string>();
  const draw = (): void => {
    const names = [...running].slice(0, 3).join(', ');
    stream.write(`\r\u001b[2KChecking… ${finished}/${total()} done${names ? ` — ${names}` : ''}`);
  };
  return {
    update(event) {
      if (event.type === 'check-started') running.add(event.id);
      else if (event.type === 'check-finished') {
        running.delete(event.result.id);
        finished += 1;
      } else return;
      draw();
    },
    done: () => stream.write('\r\u001b[2K'),
  };
}
