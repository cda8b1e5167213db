/**
 * A check's evidence as people read it: the fields its label table names, in that order, written in words (dates in
 * UTC, sizes, durations, protocol names), and its lists as small tables. Nothing else: the JSON report keeps it all.
 */
import { COMMON_FIELDS, EVIDENCE_LABELS, type EvidenceLabels, type FieldSpec, type TableSpec, type ValueFormat } from '../shared/evidence/labels';
import type { CheckId } from '../shared/ids';
import { PROTOCOL, type ProtocolName } from '../shared/protocol';

/** A block of evidence as people read it. */
export type EvidenceBlock =
  | { readonly kind: 'rows'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly title: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

const MAX_TABLE_ROWS = 40;
const MAX_TEXT = 300;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a dotted path; a list on the way yields the values of all its items. */
export function valueAt(node: unknown, path: string): unknown {
  if (path === '') return node;
  let current: unknown = node;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) current = current.flatMap((item) => (isRecord(item) && part in item ? [item[part]] : []));
    else if (isRecord(current)) current = current[part];
    else return undefined;
  }
  return current;
}

/** "2026-12-05 23:55 UTC" from an ISO date-time; anything else as it is. */
export function formatDate(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!m) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

function size(value: number, units: readonly string[]): string {
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? v : v.toFixed(1)} ${units[unit]}`;
}

/** Requested or selected protocol bits as names: 3 → "SSL + HYBRID", 0 → "RDP". */
export function protocolsText(bits: number): string {
  if (bits === 0) return 'RDP';
  const names = (Object.keys(PROTOCOL) as ProtocolName[]).filter((name) => PROTOCOL[name] !== 0 && (bits & PROTOCOL[name]) !== 0);
  return names.length > 0 ? names.join(' + ') : `0x${bits.toString(16)}`;
}

function formatNumber(value: number, as: ValueFormat | undefined): string {
  switch (as) {
    case 'ms':
      return `${Math.round(value * 10) / 10} ms`;
    case 'seconds':
      return `${value} s`;
    case 'days-left': {
      const days = Math.round(value);
      const unit = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
      return days < 0 ? `expired ${unit(-days)} ago` : days === 0 ? 'ends today' : `${unit(days)} left`;
    }
    case 'bytes':
      return size(value, ['bytes', 'KB', 'MB', 'GB', 'TB']);
    case 'kilobytes':
      return size(value, ['KB', 'MB', 'GB', 'TB']);
    case 'percent':
      return `${value} %`;
    case 'ratio':
      return `${Math.round(value * 1000) / 10} %`;
    case 'protocols':
      return protocolsText(value);
    default:
      return String(value);
  }
}

/** A value in words; null when there is nothing to show (absent, empty, or a record no label asked for). */
export function formatValue(value: unknown, as?: ValueFormat): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value, as) : null;
  if (typeof value === 'string') {
    const text = as === 'date' ? formatDate(value) : value;
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => (isRecord(v) || Array.isArray(v) ? null : formatValue(v, as))).filter((v): v is string => v !== null);
    if (items.length === 0) return null;
    // Sentences (a file's problems) read as sentences; names and numbers as a list.
    const sentences = items.some((i) => /[.!?]$/.test(i));
    return formatValue(sentences ? items.map((i) => (/[.!?…)"]$/.test(i) ? i : `${i}.`)).join(' ') : items.join(', '));
  }
  return null;
}

function spec(field: FieldSpec): { label: string; as?: ValueFormat } {
  return typeof field === 'string' ? { label: field } : field;
}

function tableBlock(evidence: Record<string, unknown>, path: string, table: TableSpec): EvidenceBlock | null {
  const source = valueAt(evidence, path);
  const entries: [string | null, unknown][] = Array.isArray(source) ? source.map((row) => [null, row]) : isRecord(source) && table.keyColumn ? Object.entries(source) : [];
  if (entries.length === 0) return null;
  const columns = Object.entries(table.columns).map(([p, f]) => ({ path: p, ...spec(f) }));
  const rows = entries
    .slice(0, MAX_TABLE_ROWS)
    .map(([key, row]) => [...(table.keyColumn ? [key ?? ''] : []), ...columns.map((c) => formatValue(valueAt(row, c.path), c.as) ?? '—')]);
  // Columns no row fills are left out: a table of TLS versions that all worked needs no "Error" column.
  const offset = table.keyColumn ? 1 : 0;
  const kept = columns.map((_, i) => rows.some((r) => r[i + offset] !== '—'));
  const heads = [...(table.keyColumn ? [table.keyColumn] : []), ...columns.filter((_, i) => kept[i]).map((c) => c.label)];
  const body = rows.map((r) => r.filter((_, i) => i < offset || kept[i - offset]!));
  if (entries.length > MAX_TABLE_ROWS) body.push([`… ${entries.length - MAX_TABLE_ROWS} more in the JSON report`, ...heads.slice(1).map(() => '')]);
  return { kind: 'table', title: table.title, columns: heads, rows: body };
}

/** The labels of a check, or for an id this build does not know, none (its evidence then stays in the JSON report). */
export function labelsOf(checkId: string): EvidenceLabels | null {
  return (EVIDENCE_LABELS as Record<string, EvidenceLabels>)[checkId] ?? null;
}

/** The evidence of a check as labelled rows and tables, in the order its label table gives. */
export function evidenceBlocks(checkId: CheckId, evidence: Record<string, unknown>): EvidenceBlock[] {
  const labels = labelsOf(checkId);
  const fields = { ...(labels?.fields ?? {}), ...COMMON_FIELDS };
  const rows: [string, string][] = [];
  for (const [path, field] of Object.entries(fields)) {
    const { label, as } = spec(field);
    const text = formatValue(valueAt(evidence, path), as);
    if (text !== null) rows.push([label, text]);
  }
  const tables = Object.entries(labels?.tables ?? {})
    .map(([path, table]) => tableBlock(evidence, path, table))
    .filter((b): b is EvidenceBlock => b !== null);
  return [...(rows.length > 0 ? [{ kind: 'rows', rows } as const] : []), ...tables];
}
