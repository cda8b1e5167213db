/** A self-contained, printable HTML report: inline CSS, no scripts, no external resources, everything escaped. */
import { displayText } from '../shared/display-text';
import type { DecodeResult, Report } from '../shared/schema';
import type { FindingReference } from '../shared/finding-references';
import type { EvidenceBlock } from './evidence-view';
import { REPORT_CSS } from './html-style';
import { STATUS_MARKS } from './palette';
import { buildView, codesInBrief, evidenceAnchor, sectionWords, STATUS_WORDS, type FindingView, type ReportView } from './view';

/** Escapes text for HTML element content and double-quoted attributes; hidden and direction-changing characters show as [U+202E]. */
export function escapeHtml(value: unknown): string {
  return displayText(String(value)).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

function chip(severity: string): string {
  return `<span class="chip sev-${e(severity)}">${e(severity)}</span>`;
}

function status(s: keyof typeof STATUS_MARKS, words = STATUS_WORDS[s]): string {
  return `<span class="st-${s}">${STATUS_MARKS[s]} ${e(words)}</span>`;
}

function link(ref: FindingReference): string {
  // Only our own fixed https addresses are ever linked; they open outside the report.
  return `<a href="${e(ref.url)}" rel="noreferrer noopener">${e(ref.title)}</a>`;
}

function block(b: EvidenceBlock): string {
  if (b.kind === 'rows') return `<table class="rows"><tbody>${b.rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>`;
  const head = b.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('');
  const body = b.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${e(b.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function verdictHtml(v: ReportView): string {
  const d = v.verdict;
  if (d.kind === 'cause' && d.cause) {
    return `<section class="box verdict" aria-label="Most likely cause"><h2>Most likely cause</h2>
<p class="headline"><strong>${e(d.cause.title)}</strong> ${chip(d.cause.severity)} <span class="muted">${Math.round(d.cause.confidence * 100)}% likely</span></p>
<p>${e(d.cause.explanation)}</p></section>`;
  }
  const cls = d.kind === 'unclear' ? 'unclear' : 'ok';
  return `<section class="box verdict ${cls}" aria-label="Verdict"><h2>${e(d.headline)}</h2><p>${e(d.summary)}</p></section>`;
}

function codesHtml(codes: DecodeResult | null): string {
  if (!codes) return '';
  const brief = codesInBrief(codes);
  const list = brief.codes.map(([hex, meaning]) => `<strong>${e(hex)}</strong> ${e(meaning)}`).join(' · ');
  return `<section class="box codes" aria-label="The error codes"><h2>The error codes</h2><p>${list}.${brief.codes.length > 1 || brief.together !== codes.summary ? ` ${e(brief.together)}` : ''}</p></section>`;
}

function planHtml(v: ReportView): string {
  const p = v.plan;
  const cause = v.verdict.cause?.title ?? null;
  const steps = p.steps
    .map((s, i) => {
      const tags = [s.isRecommended ? 'recommended' : '', s.isOptional ? 'optional' : '']
        .filter(Boolean)
        .map((t) => ` <span class="chip tag">${t}</span>`)
        .join('');
      const outcome = s.outcome ? ` · <span class="outcome">${e(s.outcome)}</span>` : '';
      const others = s.forFindings.filter((t) => t !== cause);
      const why = others.length > 0 ? ` <small class="muted">(for: ${others.map(e).join('; ')})</small>` : '';
      const after = s.after ? `<br><small class="muted">${e(s.after)}</small>` : '';
      const cost = s.securityCost ? `<br><small class="cost">Lowers security: ${e(s.securityCost)}</small>` : '';
      const ref = s.reference && s.reference.url !== p.steps[i + 1]?.reference?.url ? `<br><small>Microsoft: ${link(s.reference)}</small>` : '';
      return `<li>${e(s.title)} <span class="muted">— ${e(s.where)}</span>${tags}${outcome}${why}${after}${cost}${ref}</li>`;
    })
    .join('');
  const without = p.withoutFix
    .map(
      (w) =>
        `<p><small>No one-click fix for “${e(w.title)}”${w.reference ? ` — Microsoft: ${link(w.reference)}` : '; its explanation in the details says what to check'}.</small></p>`,
    )
    .join('');
  const start = p.startWith.length > 0 ? `<p>Start with these checks: ${p.startWith.map(e).join(', ')}.</p>` : '';
  const noticed = v.verdict.noticed.filter((f) => !p.steps.some((s) => s.forFindings.includes(f.title)) && !p.withoutFix.some((w) => w.title === f.title));
  const also = noticed.length > 0 ? `<p><small>Also noticed: ${noticed.map((f) => `${e(f.title)} ${chip(f.severity)}`).join(', ')}</small></p>` : '';
  const other = p.otherFixesApplied.map((f) => `${e(f.title)} · <span class="outcome">${e(f.outcome)}</span>`).join('; ');
  const body = steps ? `<ol>${steps}</ol>` : start || without ? '' : '<p>Nothing to fix.</p>';
  return `<section class="box plan" aria-label="What to do now"><h2>What to do now</h2>${body}${without}${start}${other ? `<p><small>Also done in this session: ${other}</small></p>` : ''}${also}</section>`;
}

function statusTableHtml(v: ReportView): string {
  const withEvidence = new Set(v.evidence.map((x) => x.anchor));
  const rows = v.sections
    .filter((s) => s.checks.length > 0)
    .map((s) =>
      s.checks
        .map((c, i) => {
          const anchor = evidenceAnchor(c.id);
          const title = withEvidence.has(anchor) ? `<a href="#${anchor}">${e(c.title)}</a>` : e(c.title);
          const sec = i === 0 ? `<td class="sec bg-${s.status}" rowspan="${s.checks.length}">${e(s.title)}<br>${status(s.status, sectionWords(s))}</td>` : '';
          return `<tr>${sec}<td>${title}</td><td class="stat bg-${c.status}">${status(c.status)}</td><td>${e(c.summary)}</td></tr>`;
        })
        .join(''),
    )
    .join('');
  return `<section aria-label="Every check"><h2>Every check</h2><table class="status"><thead><tr><th scope="col">Section</th><th scope="col">Check</th><th scope="col">Status</th><th scope="col">What it found</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function findingHtml(f: FindingView): string {
  const x = f.finding;
  const against = x.contradictions.length > 0 ? `<p><strong>Speaks against it:</strong> ${x.contradictions.map(e).join(' ')}</p>` : '';
  const ref = f.reference ? `<p>Microsoft: ${link(f.reference)}</p>` : '';
  return `<details><summary>${e(x.title)} ${chip(x.severity)} <span class="muted">${Math.round(x.confidence * 100)}% likely</span></summary><div>
<p>${e(x.explanation)}</p><p class="tech">${e(x.technical)}</p>${f.basedOn.length > 0 ? `<p><strong>Based on:</strong> ${f.basedOn.map(e).join(', ')}</p>` : ''}${against}${ref}</div></details>`;
}

function appendixHtml(v: ReportView): string {
  const r = v.report;
  const findings = v.findings.length > 0 ? `<h3>Findings</h3>${v.findings.map(findingHtml).join('')}` : '';
  const evidence = v.evidence
    .map((x) => `<details id="${x.anchor}"><summary>${e(x.section)} › ${e(x.title)} — ${status(x.status)}</summary><div>${x.blocks.map(block).join('')}</div></details>`)
    .join('');
  const codes = r.errorCodes
    ? `<h3>Error codes, one by one</h3><p>${e(r.errorCodes.summary)}</p>${r.errorCodes.corrections.map((c) => `<p class="muted">${e(c)}</p>`).join('')}${block({
        kind: 'table',
        title: 'Decoded',
        columns: ['Code', 'Kind', 'Name', 'Meaning', 'Source'],
        rows: r.errorCodes.codes.map((c) => [`${c.hex} (${c.value})`, c.kind, c.name, c.meaning, c.official ? 'documented' : 'seen in the wild']),
      })}`
    : '';
  const fixes =
    v.fixesApplied.length > 0
      ? `<h3>Fixes run in this session</h3>${block({ kind: 'table', title: 'Fixes', columns: ['Fix', 'Result', 'When', 'Message'], rows: v.fixesApplied.map((f) => [f.title, f.outcome, f.at, f.message]) })}`
      : '';
  const log = r.appLog
    ? `<h3>App log</h3><p class="muted">The last ${r.appLog.lines.length} lines of ${e(r.appLog.file)}</p><pre class="log">${e(r.appLog.lines.join('\n'))}</pre>`
    : '';
  return `<section aria-label="Details"><h2>Details</h2>${findings}${evidence ? `<h3>Evidence of each check</h3>${evidence}` : ''}${codes}${fixes}${log}</section>`;
}

/** Renders the report as one self-contained HTML document. */
export function renderHtml(report: Report): string {
  const v = buildView(report);
  const facts = v.facts.map(([k, val]) => `<span>${e(k)}: ${e(val)}</span>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(`${v.title}: ${v.target}`)}</title><style>${REPORT_CSS}</style></head>
<body><main><header class="top"><div><h1>${e(v.title)}</h1><p class="target"><strong>${e(v.target)}</strong> · ${e(v.when)}</p></div>
<div class="code">Support code<b>${e(v.supportCode)}</b></div></header>
<p class="facts">${facts}</p>
${verdictHtml(v)}
${codesHtml(report.errorCodes)}
${planHtml(v)}
${statusTableHtml(v)}
${appendixHtml(v)}
</main></body></html>
`;
}
