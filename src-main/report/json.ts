/** The JSON report (docs/contract.md#json-report, schemaVersion 1), validated before it is written. */
import { escapeJsonText } from '../shared/display-text';
import { ReportSchema, type Report } from '../shared/schema';

/** Serializes the report as pretty JSON after checking it against the schema; hidden characters are written as \\uXXXX escapes. */
export function renderJson(report: Report): string {
  return `${escapeJsonText(JSON.stringify(ReportSchema.parse(report), null, 2))}\n`;
}
