/** The report as PDF (pdfkit, built-in Helvetica): the same content as the HTML report, in reading order. */
import PDFDocument from 'pdfkit';
import { displayText } from '../shared/display-text';
import type { Finding, Report } from '../shared/schema';
import { evidenceBlocks } from './evidence-view';
import { buildView, checkTitles, fixesOf, formatDuration, sectionTitle, STATUS_WORDS } from './view';

/** Options for tests: `compress: false` keeps the content streams readable. */
export interface PdfOptions {
  readonly compress?: boolean;
}

// The built-in fonts only carry WinAnsi glyphs; anything else would print as garbage, so it becomes "?".
const WIN_ANSI_EXTRA = '–—‘’‚“”„•…‹›€™†‡ŠšŽžŒœŸƒˆ˜‰';

/** Keeps the text printable with the built-in fonts; hidden and direction-changing characters show as [U+202E]. */
export function pdfSafe(text: string): string {
  return [...displayText(text).replace(/\r\n?/g, '\n').replace(/\t/g, '  ')]
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      return ch === '\n' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.includes(ch) ? ch : '?';
    })
    .join('');
}

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string, size: number): void {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('#000').text(pdfSafe(text)).moveDown(0.2);
  doc.font('Helvetica').fontSize(10);
}

function line(doc: Doc, label: string, value: string): void {
  doc.font('Helvetica-Bold').text(pdfSafe(`${label}: `), { continued: true }).font('Helvetica').text(pdfSafe(value));
}

function evidence(doc: Doc, ev: Record<string, unknown>): void {
  doc.fontSize(8.5).fillColor('#333');
  for (const b of evidenceBlocks(ev)) {
    if (b.kind === 'rows') for (const [k, v] of b.rows) line(doc, k || 'Value', v);
    else {
      doc.font('Helvetica-Bold').text(pdfSafe(`${b.title}: ${b.columns.join(' | ')}`)).font('Helvetica');
      for (const r of b.rows) doc.text(pdfSafe(r.join(' | ')));
    }
  }
  doc.fontSize(10).fillColor('#000');
}

function finding(doc: Doc, f: Finding, index: number): void {
  heading(doc, `${index + 1}. ${f.title} [${f.severity}]`, 12);
  doc.fillColor('#555').text(pdfSafe(`${sectionTitle(f)} · confidence ${Math.round(f.confidence * 100)}% · ${f.id}`)).fillColor('#000');
  doc.text(pdfSafe(f.explanation)).moveDown(0.2);
  doc.font('Courier').fontSize(8.5).text(pdfSafe(f.technical)).font('Helvetica').fontSize(10);
  if (f.checks.length > 0) line(doc, 'Based on', checkTitles(f).join(', '));
  for (const x of fixesOf(f)) {
    line(doc, 'Fix', `${x.title} (${x.where})`);
    if (x.securityCost) doc.font('Helvetica-Oblique').text(pdfSafe(x.securityCost)).font('Helvetica');
  }
  for (const c of f.contradictions) line(doc, 'Speaks against it', c);
  evidence(doc, f.evidence);
}

/** Renders the report as a PDF document. */
export function renderPdf(report: Report, options: PdfOptions = {}): Promise<Buffer> {
  const v = buildView(report);
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: options.compress ?? true, info: { Title: pdfSafe(v.title), Creator: 'RDP Doctor' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(pdfSafe(v.title)).font('Helvetica').fontSize(10).moveDown(0.4);
  for (const [k, val] of v.facts) line(doc, k, val);
  line(doc, 'Support code', v.supportCode);

  heading(doc, 'Most likely cause', 14);
  if (v.verdict) {
    doc.font('Helvetica-Bold').text(pdfSafe(`${v.verdict.title} [${v.verdict.severity}], confidence ${Math.round(v.verdict.confidence * 100)}%`)).font('Helvetica');
    doc.text(pdfSafe(v.verdict.explanation));
  } else doc.text('No problem was found.');
  if (report.errorCodes) {
    doc.moveDown(0.3).text(pdfSafe(report.errorCodes.summary));
    for (const c of report.errorCodes.corrections) doc.fillColor('#555').text(pdfSafe(c)).fillColor('#000');
  }

  heading(doc, 'Checklist', 14);
  for (const s of v.sections) {
    heading(doc, `${s.title}: ${STATUS_WORDS[s.status]}`, 11);
    if (s.checks.length === 0 && !(s.id === 'client' && report.errorCodes)) doc.fillColor('#666').text('No check ran in this section.').fillColor('#000');
    for (const c of s.checks) {
      doc.font('Helvetica-Bold').text(pdfSafe(`${c.title}: ${STATUS_WORDS[c.status]}`), { continued: true })
        .font('Helvetica').text(pdfSafe(` (${c.id}, ${formatDuration(c.durationMs)})`));
      doc.text(pdfSafe(c.summary));
      evidence(doc, c.evidence);
      doc.moveDown(0.3);
    }
    if (s.id === 'client' && report.errorCodes) {
      doc.font('Helvetica-Bold').text('Error code decoding').font('Helvetica');
      for (const c of report.errorCodes.codes) line(doc, `${c.hex} (${c.value}), ${c.kind}`, `${c.name}: ${c.meaning}${c.official ? '' : ' (unofficial)'}`);
    }
  }

  heading(doc, 'Findings', 14);
  if (report.findings.length === 0) doc.text('No findings.');
  report.findings.forEach((f, i) => finding(doc, f, i));

  heading(doc, 'Fixes applied', 14);
  if (v.fixesApplied.length === 0) doc.text('No fix was applied in this session.');
  for (const f of v.fixesApplied) {
    const verified = f.verified === null ? 'not checked' : f.verified ? 'verified' : 'not verified';
    line(doc, f.title, `${f.status}, ${f.at}, ${verified}. ${f.message}`);
  }
  if (report.appLog) {
    heading(doc, 'App log', 14);
    doc.text(pdfSafe(`The last ${report.appLog.lines.length} lines of ${report.appLog.file}`));
    doc.font('Courier').fontSize(7.5).text(pdfSafe(report.appLog.lines.join('\n'))).font('Helvetica').fontSize(10);
  }
  doc.end();
  return done;
}
