/** A self-contained, printable HTML report: inline CSS, no scripts, no external resources, everything escaped. */
import { displayText } from '../shared/display-text';
import type { DecodeResult, Finding, Report } from '../shared/schema';
import type { SectionGroup } from '../diagnosis/sections';
import { evidenceBlocks, type EvidenceBlock } from './evidence-view';
import { buildView, checkTitles, fixesOf, formatDuration, sectionTitle, STATUS_WORDS, type ReportView } from './view';

/** Escapes text for HTML element content and double-quoted attributes; hidden and direction-changing characters show as [U+202E]. */
export function escapeHtml(value: unknown): string {
  return displayText(String(value)).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.8rem 0 .6rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .8rem}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border:1px solid #ddd;word-break:break-word}
th{background:#f3f3f3;font-weight:600}.facts th{width:12rem}
.verdict{border:2px solid #a4262c;border-radius:6px;padding:.8rem 1rem;background:#fdf3f4}.verdict.ok{border-color:#107c10;background:#f1faf1}
.status{font-weight:600;white-space:nowrap}.pass{color:#107c10}.warn{color:#8a5a00}.fail,.error{color:#a4262c}.skip,.empty{color:#666}
.sev{display:inline-block;padding:0 .4rem;border-radius:3px;background:#eee;font-size:.85em;text-transform:uppercase}
.sev-critical,.sev-high{background:#a4262c;color:#fff}.sev-medium{background:#f7c948}
.finding{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0;page-break-inside:avoid}
.tech{font-family:ui-monospace,Consolas,monospace;font-size:.9em;background:#f6f6f6;padding:.3rem .5rem}
.log{font:12px/1.35 ui-monospace,Consolas,monospace;white-space:pre-wrap;word-break:break-all;background:#f5f5f5;padding:.5rem}
.check{margin:.4rem 0 .8rem;page-break-inside:avoid}.muted{color:#666}.code{font-family:ui-monospace,Consolas,monospace;font-size:1.1em;letter-spacing:.05em}
details>summary{cursor:pointer}@media print{body{margin:0;max-width:none}details{display:block}details>summary{display:none}a{color:inherit}}
`;

const STATUS_MARK = { pass: '✓', warn: '!', fail: '✗', skip: '–', error: '?', empty: '–' } as const;

function status(s: keyof typeof STATUS_MARK): string {
  return `<span class="status ${s}">${STATUS_MARK[s]} ${escapeHtml(STATUS_WORDS[s])}</span>`;
}

function rowsTable(rows: readonly (readonly [string, string])[], cls = ''): string {
  const body = rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  return `<table${cls ? ` class="${cls}"` : ''}><tbody>${body}</tbody></table>`;
}

function block(b: EvidenceBlock): string {
  if (b.kind === 'rows') return rowsTable(b.rows);
  const head = b.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escapeHtml(b.title || 'Items')}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function evidenceHtml(evidence: Record<string, unknown>): string {
  const blocks = evidenceBlocks(evidence);
  return blocks.length === 0 ? '' : `<details open><summary>Evidence</summary>${blocks.map(block).join('')}</details>`;
}

function verdictHtml(v: ReportView): string {
  const f = v.verdict;
  const codes = v.report.errorCodes;
  const decoded = codes
    ? `<h3>The error codes you gave</h3><p>${escapeHtml(codes.summary)}</p>${codes.corrections.map((c) => `<p class="muted">${escapeHtml(c)}</p>`).join('')}`
    : '';
  if (!f) {
    return `<section class="verdict ok" aria-label="Most likely cause"><h2>Most likely cause</h2><p>No problem was found.</p>${decoded}</section>`;
  }
  return `<section class="verdict" aria-label="Most likely cause"><h2>Most likely cause</h2>
<p><strong>${escapeHtml(f.title)}</strong> <span class="sev sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span> · confidence ${Math.round(f.confidence * 100)}%</p>
<p>${escapeHtml(f.explanation)}</p>${
    f.contradictions.length > 0 ? `<p class="muted">Speaks against it: ${f.contradictions.map(escapeHtml).join(' ')}</p>` : ''
  }${decoded}</section>`;
}

/** The decoded dialog codes as a table; CATALOG §1 lists error-code decoding under "Client and diagnostics". */
function codesHtml(codes: DecodeResult | null): string {
  if (!codes) return '';
  const rows = codes.codes.map((c) => [c.hex, String(c.value), c.kind, c.name, c.meaning, c.official ? 'documented' : 'unofficial']);
  return `<div class="check"><strong>Error code decoding</strong>${block({ kind: 'table', title: `Decoded from "${codes.input.slice(0, 80)}"`, columns: ['Hex', 'Decimal', 'Kind', 'Name', 'Meaning', 'Source'], rows })}</div>`;
}

function sectionHtml(s: SectionGroup, codes: DecodeResult | null): string {
  const checks = s.checks
    .map((c) => `<li class="check"><div><strong>${escapeHtml(c.title)}</strong> ${status(c.status)} <span class="muted">(${escapeHtml(c.id)}, ${escapeHtml(formatDuration(c.durationMs))})</span></div><div>${escapeHtml(c.summary)}</div>${evidenceHtml(c.evidence)}</li>`)
    .join('');
  const findings = s.findings.length > 0 ? `<p>Findings here: ${s.findings.map((f) => escapeHtml(f.title)).join('; ')}</p>` : '';
  const decoded = s.id === 'client' ? codesHtml(codes) : '';
  return `<section aria-label="${escapeHtml(s.title)}"><h3>${escapeHtml(s.title)} — ${status(s.status)}</h3>${findings}${
    checks ? `<ul>${checks}</ul>` : decoded ? '' : '<p class="muted">No check ran in this section.</p>'
  }${decoded}</section>`;
}

function findingHtml(f: Finding, index: number): string {
  const fixes = fixesOf(f)
    .map((x) => `<li>${escapeHtml(x.title)} <span class="muted">(${escapeHtml(x.where)})</span>${x.securityCost ? `<br><em>${escapeHtml(x.securityCost)}</em>` : ''}</li>`)
    .join('');
  const contradictions = f.contradictions.map((c) => `<li>${escapeHtml(c)}</li>`).join('');
  return `<article class="finding"><h3>${index + 1}. ${escapeHtml(f.title)} <span class="sev sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span></h3>
<p class="muted">${escapeHtml(sectionTitle(f))} · confidence ${Math.round(f.confidence * 100)}% · ${escapeHtml(f.id)}</p>
<p>${escapeHtml(f.explanation)}</p><p class="tech">${escapeHtml(f.technical)}</p>
${checkTitles(f).length > 0 ? `<p>Based on: ${checkTitles(f).map(escapeHtml).join(', ')}</p>` : ''}
${fixes ? `<h4>Fixes</h4><ul>${fixes}</ul>` : ''}${contradictions ? `<h4>Speaks against it</h4><ul>${contradictions}</ul>` : ''}${evidenceHtml(f.evidence)}</article>`;
}

function fixesAppliedHtml(v: ReportView): string {
  if (v.fixesApplied.length === 0) return '<p class="muted">No fix was applied in this session.</p>';
  const verified = (x: boolean | null) => (x === null ? 'not checked' : x ? 'yes' : 'no');
  const rows = v.fixesApplied
    .map((f) => `<tr><td>${escapeHtml(f.title)}</td><td>${escapeHtml(f.status)}</td><td>${escapeHtml(f.at)}</td><td>${escapeHtml(verified(f.verified))}</td><td>${escapeHtml(f.message)}</td></tr>`)
    .join('');
  return `<table><thead><tr><th scope="col">Fix</th><th scope="col">Result</th><th scope="col">When</th><th scope="col">Verified</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Renders the report as one self-contained HTML document. */
export function renderHtml(report: Report): string {
  const v = buildView(report);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(v.title)}</title><style>${CSS}</style></head>
<body><main><h1>${escapeHtml(v.title)}</h1>${rowsTable(v.facts, 'facts')}
<p>Support code: <span class="code">${escapeHtml(v.supportCode)}</span></p>
${verdictHtml(v)}
<h2>Checklist</h2>${v.sections.map((s) => sectionHtml(s, report.errorCodes)).join('')}
<h2>Findings</h2>${report.findings.length > 0 ? report.findings.map(findingHtml).join('') : '<p>No findings.</p>'}
<h2>Fixes applied</h2>${fixesAppliedHtml(v)}
${report.appLog ? `<h2>App log</h2><p class="muted">The last ${report.appLog.lines.length} lines of ${escapeHtml(report.appLog.file)}</p><pre class="log">${escapeHtml(report.appLog.lines.join('\n'))}</pre>` : ''}
</main></body></html>
`;
}
