/** Report export: JSON, HTML or PDF, optionally redacted, as bytes with a file name and MIME type. */
import type { Report } from '../shared/schema';
import type { ExportRequest } from '../shared/dto';
import { renderHtml } from './html';
import { renderJson } from './json';
import { redactReport, type RedactOptions } from './redact';

export { redactReport, type RedactOptions } from './redact';

/** An export format. */
export type ReportFormat = ExportRequest['format'];

/** A rendered report. */
export interface RenderedReport {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Buffer;
}

const MIME: Record<ReportFormat, string> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** A file-system-safe file name from the (possibly redacted) host and the start time. */
export function reportFileName(report: Report, format: ReportFormat): string {
  const host =
    report.target.host
      .replace(/[^A-Za-z0-9.-]+/g, '_')
      .replace(/^[.-]+/, '')
      .slice(0, 60) || 'target';
  const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(report.startedAt) ? report.startedAt.slice(0, 16).replace(/[:T]/g, '-') : 'report';
  return `rdp-doctor-${host}-${stamp}.${format}`;
}

/** How to render: the reader's locale picks the PDF's paper (Letter or A4). */
export interface RenderOptions {
  readonly locale?: string | null;
}

/** Renders the report in `format`, redacting users and/or hosts first when asked. */
export async function renderReport(
  report: Report,
  format: ReportFormat,
  redact: RedactOptions = { users: false, hosts: false },
  options: RenderOptions = {},
): Promise<RenderedReport> {
  const r = redactReport(report, redact);
  const fileName = reportFileName(r, format);
  switch (format) {
    case 'json':
      return { fileName, mime: MIME.json, bytes: Buffer.from(renderJson(r), 'utf8') };
    case 'html':
      return { fileName, mime: MIME.html, bytes: Buffer.from(renderHtml(r), 'utf8') };
    case 'pdf': {
      // pdfkit and its fonts take longer to load than the rest of the app; only a PDF export pays for them.
      const { renderPdf } = await import('./pdf');
      return { fileName, mime: MIME.pdf, bytes: await renderPdf(r, { locale: options.locale ?? null }) };
    }
  }
}
