/** Exporting the finished diagnosis as a file the user keeps or sends to IT, and its summary for a ticket. */
import type { ExportRequest, SaveReportResult } from '../../src-main/shared/dto';
import { call, downloadBase64 } from '../bridge';
import { useRunStore } from './run-store';

/** Report formats offered, with the words shown. */
export const EXPORT_FORMATS = [
  { value: 'html', label: 'Web page (HTML)' },
  { value: 'pdf', label: 'PDF document' },
  { value: 'json', label: 'Data for IT tools (JSON)' },
] as const satisfies readonly { value: ExportRequest['format']; label: string }[];

/** What an export did: saved where the user chose (app window), downloaded (browser), or cancelled. */
export type ExportOutcome =
  | { readonly kind: 'saved'; readonly saveId: string; readonly fileName: string; readonly folder: string }
  | { readonly kind: 'downloaded'; readonly fileName: string }
  | { readonly kind: 'cancelled' };

function currentTask(): string {
  const { taskId } = useRunStore.getState();
  if (!taskId) throw new Error('Run a diagnosis first.');
  return taskId;
}

function request(format: ExportRequest['format'], redact: ExportRequest['redact'], includeLog: boolean): ExportRequest {
  // The reader's language picks the PDF's paper: Letter in the US and its neighbours, A4 elsewhere.
  const locale = typeof navigator !== 'undefined' ? navigator.language.slice(0, 64) : '';
  return { taskId: currentTask(), format, redact, ...(includeLog ? { includeLog } : {}), ...(locale ? { locale } : {}) };
}

/** Saves the report: in the app window to a file the user picks, in the browser as a download. */
export async function exportReport(format: ExportRequest['format'], redact: ExportRequest['redact'], includeLog = false, canSave = false): Promise<ExportOutcome> {
  const req = request(format, redact, includeLog);
  if (canSave) {
    const saved: SaveReportResult = await call('report:save', req);
    return saved.saved ? { kind: 'saved', saveId: saved.saveId, fileName: saved.fileName, folder: saved.folder } : { kind: 'cancelled' };
  }
  const file = await call('report:export', req);
  downloadBase64(file.fileName, file.mime, file.contentBase64);
  return { kind: 'downloaded', fileName: file.fileName };
}

/** Opens a report saved in this session, or shows it in its folder; resolves with why it could not, or ''. */
export async function revealReport(saveId: string, action: 'open' | 'folder'): Promise<string> {
  const result = await call('report:reveal', { saveId, action });
  return result.done ? '' : result.message || 'The file could not be opened.';
}

/** The plain-text summary of the diagnosis (verdict, codes, plan, support code), redacted like the export when asked. */
export async function reportSummary(redact: ExportRequest['redact']): Promise<string> {
  return (await call('report:summary', { taskId: currentTask(), redact })).text;
}

/** Puts text on the clipboard; false where the page may not (the caller then shows the text to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
