/** A check's summary as one readable line, with the rest kept for a "show all" disclosure. */
import type { CheckId } from '../../../src-main/shared/ids';
import { isPlainRecord, readableText } from '../details/evidence-format';

/** The line a row shows, and the full text behind it (empty when the line says it all). */
export interface RowSummary {
  readonly line: string;
  readonly more: readonly string[];
}

const LONG = 160;

function fileNamesNeedingAttention(evidence: Readonly<Record<string, unknown>> | null): string[] {
  const files = evidence && Array.isArray(evidence['files']) ? evidence['files'] : [];
  return files.flatMap((file) => {
    if (!isPlainRecord(file) || typeof file['name'] !== 'string') return [];
    const hasIssues = (Array.isArray(file['issues']) && file['issues'].length > 0) || file['enableCredSsp'] === false || file['authenticationLevel'] === 0;
    return hasIssues ? [file['name']] : [];
  });
}

/**
 * Splits a summary the service joined from several parts (" | " between files) into a one-line summary and its
 * parts; a long single part is shortened. Saved connection files name the files that need attention.
 */
export function summarizeRow(id: CheckId, summary: string, evidence: Readonly<Record<string, unknown>> | null): RowSummary {
  const text = readableText(summary);
  const parts = text
    .split(' | ')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length <= 1 && text.length <= LONG) return { line: text, more: [] };
  const more = parts;
  if (id === 'client.rdp-files') {
    const names = fileNamesNeedingAttention(evidence);
    if (names.length)
      return { line: `${names.length} saved connection file${names.length === 1 ? '' : 's'} need${names.length === 1 ? 's' : ''} attention: ${names.join(', ')}.`, more };
  }
  const first = parts[0] ?? text;
  const line = first.length > LONG ? `${first.slice(0, LONG - 1).trimEnd()}…` : parts.length > 1 ? `${first} (and ${parts.length - 1} more)` : first;
  return { line, more };
}
