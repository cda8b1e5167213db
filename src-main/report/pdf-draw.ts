/** Drawing helpers for the PDF report: text the built-in fonts can print, coloured boxes and tables that break across pages. */
import type PDFDocument from 'pdfkit';
import { displayText } from '../shared/display-text';
import { INK } from './palette';

/** A pdfkit document. */
export type Doc = InstanceType<typeof PDFDocument>;

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

/** The left edge and width of the writing area. */
export function frame(doc: Doc): { x: number; width: number; bottom: number } {
  const { margins, width, height } = doc.page;
  return { x: margins.left, width: width - margins.left - margins.right, bottom: height - margins.bottom };
}

/** Starts a new page when less than `needed` points are left. */
export function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > frame(doc).bottom) doc.addPage();
}

/** A heading. */
export function heading(doc: Doc, text: string, size = 12.5): void {
  ensureSpace(doc, size * 3);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(size).fillColor(INK.text).text(pdfSafe(text), frame(doc).x, doc.y);
  doc.moveDown(0.2).font('Helvetica').fontSize(9.5);
}

/** One part of a paragraph: its text and how it is set. */
export interface Run {
  readonly text: string;
  readonly bold?: boolean;
  readonly colour?: string;
  readonly size?: number;
}

/** The height `runs` take as one paragraph of `width`. */
function runsHeight(doc: Doc, runs: readonly Run[], width: number): number {
  // Measured as one string in the largest size: runs share lines, so the sum of their heights would overshoot.
  const size = Math.max(...runs.map((r) => r.size ?? 9.5));
  doc.font('Helvetica').fontSize(size);
  return doc.heightOfString(pdfSafe(runs.map((r) => r.text).join('')), { width });
}

/** Writes one paragraph of runs at the current position. */
export function paragraph(doc: Doc, runs: readonly Run[], x: number, width: number): void {
  runs.forEach((r, i) => {
    doc
      .font(r.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(r.size ?? 9.5)
      .fillColor(r.colour ?? INK.text);
    // Only the first run sets the position and width: giving them again mid-paragraph makes pdfkit start a new line.
    const more = i < runs.length - 1;
    if (i === 0) doc.text(pdfSafe(r.text), x, doc.y, { width, continued: more });
    else doc.text(pdfSafe(r.text), { continued: more });
  });
  doc.fillColor(INK.text).font('Helvetica').fontSize(9.5);
}

/** A paragraph of a box: its runs, indented by `indent` points. */
export interface Para {
  readonly runs: readonly Run[];
  readonly indent?: number;
}

/** A box with a coloured left bar and background around paragraphs, moved to a new page whole when it fits on one. */
export function box(doc: Doc, paragraphs: readonly Para[], colours: { bar: string; bg: string }): void {
  const f = frame(doc);
  const pad = 7;
  const inner = f.width - 2 * pad - 4;
  const heights = paragraphs.map((p) => runsHeight(doc, p.runs, inner - (p.indent ?? 0)) + 3);
  const total = heights.reduce((a, b) => a + b, 0) + 2 * pad;
  ensureSpace(doc, Math.min(total, f.bottom - doc.page.margins.top));
  const top = doc.y;
  doc.save().rect(f.x, top, f.width, total).fill(colours.bg).rect(f.x, top, 4, total).fill(colours.bar).restore();
  doc.y = top + pad;
  paragraphs.forEach((p) => {
    paragraph(doc, p.runs, f.x + pad + 4 + (p.indent ?? 0), inner - (p.indent ?? 0));
    doc.y += 3;
  });
  doc.y = Math.max(doc.y, top + total) + 6;
  doc.x = f.x;
}

/** A table column: heading and share of the width. */
export interface Column {
  readonly title: string;
  readonly share: number;
}

/** One cell: its text, and colours when it carries a status. */
export interface Cell {
  readonly text: string;
  readonly fg?: string;
  readonly bg?: string;
  readonly bold?: boolean;
}

const CELL_PAD = 3;
const TABLE_SIZE = 8.5;

function cellHeight(doc: Doc, cell: Cell, width: number): number {
  doc.font(cell.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(TABLE_SIZE);
  return doc.heightOfString(pdfSafe(cell.text) || ' ', { width: width - 2 * CELL_PAD }) + 2 * CELL_PAD;
}

function drawRow(doc: Doc, cells: readonly Cell[], widths: readonly number[], x0: number, height: number, header: boolean): void {
  let x = x0;
  const top = doc.y;
  cells.forEach((cell, i) => {
    const w = widths[i]!;
    const bg = header ? '#f3f2f1' : cell.bg;
    if (bg) doc.save().rect(x, top, w, height).fill(bg).restore();
    doc.save().lineWidth(0.5).strokeColor(INK.rule).rect(x, top, w, height).stroke().restore();
    doc
      .font(header || cell.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(TABLE_SIZE)
      .fillColor(cell.fg ?? INK.text);
    doc.text(pdfSafe(cell.text), x + CELL_PAD, top + CELL_PAD, { width: w - 2 * CELL_PAD, lineBreak: true });
    x += w;
  });
  doc.y = top + height;
  doc.fillColor(INK.text);
}

/** A table's columns and rows, its caption, and what a page it runs onto says it continues. */
export interface TableSpec {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** A small heading above the table, repeated with the heading row. */
  readonly caption?: string;
  /** What the table belongs to (a check's heading), written as "… (continued)" atop every later page. */
  readonly continues?: string;
}

function layout(doc: Doc, spec: TableSpec): { widths: number[]; head: Cell[]; headHeight: number; heights: number[] } {
  const f = frame(doc);
  const total = spec.columns.reduce((a, c) => a + c.share, 0);
  const widths = spec.columns.map((c) => (c.share / total) * f.width);
  const head = spec.columns.map((c) => ({ text: c.title, bold: true }));
  const heightOf = (row: readonly Cell[]): number => Math.max(...row.map((c, i) => cellHeight(doc, c, widths[i]!)));
  return { widths, head, headHeight: heightOf(head), heights: spec.rows.map(heightOf) };
}

const CAPTION_SIZE = 9;

/** The height a table needs to start: caption, heading row and first row, which never stand apart at a page's foot. */
export function tableStart(doc: Doc, spec: TableSpec): number {
  const { headHeight, heights } = layout(doc, spec);
  return (spec.caption ? CAPTION_SIZE * 1.5 : 0) + headHeight + (heights[0] ?? 0);
}

/** A table; the heading row (and caption) repeats on every page it runs onto, under what it continues. */
export function table(doc: Doc, spec: TableSpec): void {
  const f = frame(doc);
  const { widths, head, headHeight, heights } = layout(doc, spec);
  const caption = (text: string, colour: string): void => {
    doc.font('Helvetica-Bold').fontSize(CAPTION_SIZE).fillColor(colour).text(pdfSafe(text), f.x, doc.y).moveDown(0.15);
  };
  const drawHead = (): void => {
    if (spec.caption) caption(spec.caption, INK.text);
    drawRow(doc, head, widths, f.x, headHeight, true);
  };
  ensureSpace(doc, tableStart(doc, spec));
  drawHead();
  spec.rows.forEach((row, i) => {
    const height = heights[i]!;
    if (doc.y + height > f.bottom) {
      doc.addPage();
      if (spec.continues) caption(`${spec.continues} (continued)`, INK.muted);
      drawHead();
    }
    drawRow(doc, row, widths, f.x, height, false);
  });
  doc.moveDown(0.5);
  doc.x = f.x;
}
