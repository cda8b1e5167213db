/**
 * The report as PDF (pdfkit, built-in Helvetica), in the HTML report's order and colours, on A4 or Letter by locale,
 * with the page number and the support code on every page. Links are written out as text so they survive printing.
 */
import PDFDocument from 'pdfkit';
import type { Report } from '../shared/schema';
import type { FindingReference } from '../shared/finding-references';
import type { EvidenceBlock } from './evidence-view';
import { INK, SEVERITY_COLOURS, STATUS_COLOURS } from './palette';
import { paperSizeFor } from './paper';
import { box, ensureSpace, frame, heading, paragraph, pdfSafe, table, tableStart, type Doc, type Para, type Run, type TableSpec } from './pdf-draw';
import { buildView, codesInBrief, sectionWords, STATUS_WORDS, type ReportView } from './view';

export { pdfSafe } from './pdf-draw';

/** Options: the reader's locale picks the paper; `compress: false` keeps the content streams readable for tests. */
export interface PdfOptions {
  readonly compress?: boolean;
  readonly locale?: string | null;
}

const refRuns = (ref: FindingReference): Run[] => [
  { text: `Microsoft: ${ref.title} — `, size: 8.5 },
  { text: ref.url, size: 8.5, colour: INK.link },
];

function header(doc: Doc, v: ReportView): void {
  const f = frame(doc);
  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK.text).text(pdfSafe(v.title), f.x, doc.y);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(pdfSafe(`${v.target} · ${v.when}`));
  doc.font('Helvetica').fontSize(8).fillColor(INK.muted).text('Support code', f.x, doc.page.margins.top, { width: f.width, align: 'right' });
  doc.font('Courier-Bold').fontSize(12).fillColor(INK.text).text(pdfSafe(v.supportCode), f.x, doc.y, { width: f.width, align: 'right' });
  doc.y = Math.max(doc.y, doc.page.margins.top + 36);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(INK.muted)
    .text(pdfSafe(v.facts.map(([k, val]) => `${k}: ${val}`).join(' · ')), f.x, doc.y + 2, { width: f.width });
  doc.fillColor(INK.text).moveDown(0.5);
}

function verdict(doc: Doc, v: ReportView): void {
  const d = v.verdict;
  if (d.kind === 'cause' && d.cause) {
    const sev = d.cause.severity;
    box(
      doc,
      [
        { runs: [{ text: 'Most likely cause', bold: true, size: 11.5 }] },
        {
          runs: [
            { text: d.cause.title, bold: true, size: 11 },
            { text: `  ${sev.toUpperCase()}`, bold: true, size: 11, colour: SEVERITY_COLOURS[sev].bg },
            { text: ` · ${Math.round(d.cause.confidence * 100)}% likely`, size: 11, colour: INK.muted },
          ],
        },
        { runs: [{ text: d.cause.explanation }] },
      ],
      { bar: STATUS_COLOURS.fail.fg, bg: STATUS_COLOURS.fail.bg },
    );
    return;
  }
  const c = d.kind === 'unclear' ? STATUS_COLOURS.warn : STATUS_COLOURS.pass;
  box(doc, [{ runs: [{ text: d.headline, bold: true, size: 11.5 }] }, { runs: [{ text: d.summary }] }], { bar: c.fg, bg: c.bg });
}

function codesAndPlan(doc: Doc, v: ReportView): void {
  const codes = v.report.errorCodes;
  if (codes) {
    const brief = codesInBrief(codes);
    const line: Run[] = brief.codes.flatMap(([hex, meaning], i) => [{ text: `${i > 0 ? ' · ' : ''}${hex} `, bold: true }, { text: meaning }]);
    if (brief.codes.length > 1 || brief.together !== codes.summary) line.push({ text: `. ${brief.together}` });
    box(doc, [{ runs: [{ text: 'The error codes', bold: true, size: 11 }] }, { runs: line }], { bar: INK.rule, bg: '#faf9f8' });
  }
  const p = v.plan;
  const cause = v.verdict.cause?.title ?? null;
  const steps: Para[] = p.steps.flatMap((s, i) => {
    const head: Run[] = [
      { text: `${s.number}. ${s.title}`, bold: true },
      { text: ` — ${s.where}`, colour: INK.muted },
    ];
    if (s.isRecommended) head.push({ text: ' · recommended', bold: true, colour: INK.link });
    if (s.isOptional) head.push({ text: ' · optional', colour: INK.muted });
    if (s.outcome) head.push({ text: ` · ${s.outcome}`, bold: true, colour: STATUS_COLOURS.pass.fg });
    const others = s.forFindings.filter((t) => t !== cause);
    if (others.length > 0) head.push({ text: ` (for: ${others.join('; ')})`, colour: INK.muted });
    const lines: Para[] = [{ runs: head }];
    if (s.after) lines.push({ indent: 12, runs: [{ text: s.after, size: 8.5, colour: INK.muted }] });
    if (s.securityCost) lines.push({ indent: 12, runs: [{ text: `Lowers security: ${s.securityCost}`, size: 8.5, colour: STATUS_COLOURS.warn.fg }] });
    if (s.reference && s.reference.url !== p.steps[i + 1]?.reference?.url) lines.push({ indent: 12, runs: refRuns(s.reference) });
    return lines;
  });
  for (const w of p.withoutFix) {
    steps.push({
      runs: [
        { text: `No one-click fix for "${w.title}"`, size: 8.5, bold: true },
        ...(w.reference ? [{ text: ' — ', size: 8.5 }, ...refRuns(w.reference)] : [{ text: '; its explanation in the details says what to check.', size: 8.5 }]),
      ],
    });
  }
  if (p.startWith.length > 0) steps.push({ runs: [{ text: `Start with these checks: ${p.startWith.join(', ')}.` }] });
  if (steps.length === 0) steps.push({ runs: [{ text: 'Nothing to fix.' }] });
  if (p.otherFixesApplied.length > 0)
    steps.push({ runs: [{ text: `Also done in this session: ${p.otherFixesApplied.map((f) => `${f.title} · ${f.outcome}`).join('; ')}`, size: 8.5 }] });
  const noticed = v.verdict.noticed.filter((f) => !p.steps.some((s) => s.forFindings.includes(f.title)) && !p.withoutFix.some((w) => w.title === f.title));
  if (noticed.length > 0) steps.push({ runs: [{ text: `Also noticed: ${noticed.map((f) => `${f.title} (${f.severity})`).join(', ')}`, size: 8.5, colour: INK.muted }] });
  box(doc, [{ runs: [{ text: 'What to do now', bold: true, size: 11 }] }, ...steps], { bar: INK.link, bg: '#f3f8fc' });
}

function statusTable(doc: Doc, v: ReportView): void {
  heading(doc, 'Every check');
  const rows = v.sections
    .filter((s) => s.checks.length > 0)
    .flatMap((s) =>
      s.checks.map((c, i) => [
        i === 0
          ? { text: `${s.title}\n${sectionWords(s)}`, bold: true, fg: STATUS_COLOURS[s.status].fg, bg: STATUS_COLOURS[s.status].bg }
          : { text: '', bg: STATUS_COLOURS[s.status].bg },
        { text: c.title },
        { text: STATUS_WORDS[c.status], bold: true, fg: STATUS_COLOURS[c.status].fg, bg: STATUS_COLOURS[c.status].bg },
        { text: c.summary },
      ]),
    );
  const columns = [
    { title: 'Section', share: 1.25 },
    { title: 'Check', share: 1.5 },
    { title: 'Status', share: 0.9 },
    { title: 'What it found', share: 4 },
  ];
  table(doc, { columns, rows, continues: 'Every check' });
}

/** An evidence block as a table spec; `continues` names the check on the pages it runs onto. */
function evidenceTable(b: EvidenceBlock, continues: string): TableSpec {
  if (b.kind === 'rows')
    return {
      columns: [
        { title: 'Field', share: 1 },
        { title: 'Value', share: 2.2 },
      ],
      rows: b.rows.map(([k, val]) => [{ text: k, bold: true }, { text: val }]),
      continues,
    };
  return {
    columns: b.columns.map((c, i) => ({
      title: c,
      share: columnShare(
        c,
        b.rows.map((r) => r[i] ?? ''),
      ),
    })),
    rows: b.rows.map((r) => r.map((text) => ({ text }))),
    caption: b.title,
    continues,
  };
}

/** A column's share of the width by what it holds: a column of sentences gets room, one of "yes"/"no" little, and a word is not split. */
function columnShare(title: string, cells: readonly string[]): number {
  const texts = [title, ...cells];
  const longest = Math.max(...texts.map((c) => c.length));
  const longestWord = Math.max(...texts.flatMap((c) => c.split(/\s+/)).map((w) => w.length));
  return Math.max(Math.min(30, longestWord + 1), Math.min(40, longest));
}

/** A heading kept on the page of the table that follows it. */
function headingWithTable(doc: Doc, text: string, first: TableSpec | undefined): void {
  if (first) ensureSpace(doc, 10.5 * 3 + tableStart(doc, first));
  heading(doc, text, 10.5);
}

function details(doc: Doc, v: ReportView): void {
  const f = frame(doc);
  heading(doc, 'Details');
  if (v.findings.length > 0) heading(doc, 'Findings', 11.5);
  for (const x of v.findings) {
    heading(doc, `${x.finding.title} (${x.finding.severity}, ${Math.round(x.finding.confidence * 100)}% likely)`, 10.5);
    paragraph(doc, [{ text: x.finding.explanation }], f.x, f.width);
    paragraph(doc, [{ text: x.finding.technical, size: 8.5, colour: INK.muted }], f.x, f.width);
    if (x.basedOn.length > 0)
      paragraph(
        doc,
        [
          { text: 'Based on: ', bold: true, size: 8.5 },
          { text: x.basedOn.join(', '), size: 8.5 },
        ],
        f.x,
        f.width,
      );
    for (const c of x.finding.contradictions)
      paragraph(
        doc,
        [
          { text: 'Speaks against it: ', bold: true, size: 8.5 },
          { text: c, size: 8.5 },
        ],
        f.x,
        f.width,
      );
    if (x.reference) paragraph(doc, refRuns(x.reference), f.x, f.width);
  }
  if (v.evidence.length > 0) heading(doc, 'Evidence of each check', 11.5);
  for (const x of v.evidence) {
    const title = `${x.section} › ${x.title} — ${STATUS_WORDS[x.status]}`;
    const tables = x.blocks.map((b) => evidenceTable(b, title));
    headingWithTable(doc, title, tables[0]);
    for (const t of tables) table(doc, t);
  }
  const codes = v.report.errorCodes;
  if (codes) {
    heading(doc, 'Error codes, one by one', 10.5);
    paragraph(doc, [{ text: codes.summary }], f.x, f.width);
    for (const c of codes.corrections) paragraph(doc, [{ text: c, size: 8.5, colour: INK.muted }], f.x, f.width);
    doc.moveDown(0.3);
    table(
      doc,
      evidenceTable(
        { kind: 'table', title: 'Decoded', columns: ['Code', 'Kind', 'Name', 'Meaning'], rows: codes.codes.map((c) => [`${c.hex} (${c.value})`, c.kind, c.name, c.meaning]) },
        'Error codes, one by one',
      ),
    );
  }
  if (v.fixesApplied.length > 0) {
    const fixes = evidenceTable(
      { kind: 'table', title: 'Fixes', columns: ['Fix', 'Result', 'When', 'Message'], rows: v.fixesApplied.map((x) => [x.title, x.outcome, x.at, x.message]) },
      'Fixes run in this session',
    );
    headingWithTable(doc, 'Fixes run in this session', fixes);
    table(doc, fixes);
  }
  const log = v.report.appLog;
  if (log) {
    heading(doc, 'App log', 10.5);
    paragraph(doc, [{ text: `The last ${log.lines.length} lines of ${log.file}`, size: 8.5, colour: INK.muted }], f.x, f.width);
    doc
      .font('Courier')
      .fontSize(7)
      .text(pdfSafe(log.lines.join('\n')), f.x, doc.y, { width: f.width })
      .font('Helvetica')
      .fontSize(9.5);
  }
}

/** Writes the running footer on every page: what the report is about, the support code and "Page n of m". */
function footers(doc: Doc, v: ReportView): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const f = frame(doc);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would make pdfkit start a page; lift the margin while the footer is written.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 12;
    doc.font('Helvetica').fontSize(7.5).fillColor(INK.muted);
    doc.text(pdfSafe(`RDP Doctor report · ${v.target} · Support code ${v.supportCode}`), f.x, y, { width: f.width, align: 'left', lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, f.x, y, { width: f.width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the report as a PDF document. */
export function renderPdf(report: Report, options: PdfOptions = {}): Promise<Buffer> {
  const v = buildView(report);
  const doc = new PDFDocument({
    size: paperSizeFor(options.locale),
    margins: { top: 40, left: 40, right: 40, bottom: 44 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: pdfSafe(`${v.title}: ${v.target}`), Creator: 'RDP Doctor' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, v);
  verdict(doc, v);
  codesAndPlan(doc, v);
  statusTable(doc, v);
  details(doc, v);
  footers(doc, v);
  doc.end();
  return done;
}
