/** Exporting the finished diagnosis as a file the user keeps or sends to IT. */
import type { ExportRequest } from '../../src-main/shared/dto';
import { call, downloadBase64 } from '../bridge';
import { useRunStore } from './run-store';

/** Report formats offered, with the words shown. */
export const EXPORT_FORMATS = [
  { value: 'html', label: 'Web page (HTML)' },
  { value: 'pdf', label: 'PDF document' },
  { value: 'json', label: 'Data for IT tools (JSON)' },
] as const satisfies readonly { value: ExportRequest['format']; label: string }[];

/** Asks the service for the report and saves it as a download; resolves with the file name. */
export async function exportReport(format: ExportRequest['format'], redact: ExportRequest['redact'], includeLog = false): Promise<string> {
  const { taskId } = useRunStore.getState();
  if (!taskId) throw new Error('Run a diagnosis first.');
  const file = await call('report:export', { taskId, format, redact, ...(includeLog ? { includeLog } : {}) });
  // In Electron the download goes through the session's save dialog; a dedicated report:save channel can replace this later.
  downloadBase64(file.fileName, file.mime, file.contentBase64);
  return file.fileName;
}
