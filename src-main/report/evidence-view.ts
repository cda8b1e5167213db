/** Turns a check's or finding's evidence (plain JSON) into rows and small tables a person can read. */

/** A block of evidence as people read it. */
export type EvidenceBlock =
  | { readonly kind: 'rows'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly title: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

const MAX_ROWS = 120;
const MAX_TABLE_ROWS = 40;
const MAX_COLUMNS = 8;
const MAX_TEXT = 400;

/** "notAfter" → "Not after", "tls_version" → "Tls version". */
export function humanizeKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A primitive in words; long opaque data (base64, DER) is summarized instead of dumped. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '—';
  if (typeof value === 'string') {
    if (value.length > 200 && !/\s/.test(value)) return `(${value.length} characters of data; see the JSON report)`;
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  }
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    return value.length === 0 ? '(none)' : formatValue(value.map(formatValue).join(', '));
  }
  const json = JSON.stringify(value) ?? '';
  return json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT)}…` : json;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An array of flat objects reads best as a table. */
function asTable(title: string, items: readonly unknown[]): EvidenceBlock | null {
  if (items.length === 0 || !items.every(isPlainObject)) return null;
  const columns: string[] = [];
  for (const item of items) for (const k of Object.keys(item)) if (!columns.includes(k)) columns.push(k);
  if (columns.length > MAX_COLUMNS) return null;
  const rows = items.slice(0, MAX_TABLE_ROWS).map((item) => columns.map((c) => formatValue(item[c])));
  if (items.length > MAX_TABLE_ROWS) rows.push([`… ${items.length - MAX_TABLE_ROWS} more`, ...columns.slice(1).map(() => '')]);
  return { kind: 'table', title, columns: columns.map(humanizeKey), rows };
}

/** Flattens evidence into label/value rows, with arrays of records as their own tables. */
export function evidenceBlocks(evidence: Record<string, unknown>): EvidenceBlock[] {
  const rows: (readonly [string, string])[] = [];
  const tables: EvidenceBlock[] = [];
  const walk = (node: unknown, label: string, depth: number): void => {
    if (rows.length >= MAX_ROWS) return;
    if (Array.isArray(node)) {
      const table = depth < 4 ? asTable(label, node) : null;
      if (table) tables.push(table);
      else if (node.every((v) => !isPlainObject(v) && !Array.isArray(v)) || depth >= 4) rows.push([label, formatValue(node)]);
      else node.slice(0, MAX_TABLE_ROWS).forEach((v, i) => walk(v, `${label} ${i + 1}`, depth + 1));
      return;
    }
    if (isPlainObject(node) && depth < 4) {
      const entries = Object.entries(node);
      if (entries.length === 0) rows.push([label, '(none)']);
      for (const [k, v] of entries) walk(v, label ? `${label} › ${humanizeKey(k)}` : humanizeKey(k), depth + 1);
      return;
    }
    rows.push([label, formatValue(node)]);
  };
  walk(evidence, '', 0);
  if (rows.length >= MAX_ROWS) rows.push(['…', 'more values in the JSON report']);
  return [...(rows.length > 0 ? [{ kind: 'rows', rows } as const] : []), ...tables];
}
