/** Small, strict readers for the JSON that server collector scripts print (ConvertTo-Json quirks included). */
import { WindowsCollectorError } from '../errors';

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Throws the clear error every parser uses when the output does not have the expected shape. */
export function badOutput(collector: string, detail: string): never {
  throw new WindowsCollectorError('not-json', `The output of ${collector} is not what was expected: ${detail}`, collector);
}

/** Parses collector stdout as one JSON object; garbage, arrays or empty text become a clear error. */
export function parseJsonObject(collector: string, stdout: string): JsonObject {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') badOutput(collector, 'empty output');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    badOutput(collector, `not JSON (starts with "${text.slice(0, 40)}")`);
  }
  if (!isObject(value)) badOutput(collector, 'expected one JSON object');
  return value;
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Windows PowerShell 5.1 serializes an array wrapped in a PSObject as `{"value":[…],"Count":n}`;
 * hand back the array inside, anything else unchanged.
 */
export function unwrapArray(value: unknown): unknown {
  if (isObject(value) && Array.isArray(value['value']) && 'Count' in value && Object.keys(value).length <= 2) return value['value'];
  return value;
}

/** ConvertTo-Json prints one item as a bare object and none as null; always hand back a list of objects. */
export function asList(value: unknown): JsonObject[] {
  const v = unwrapArray(value);
  if (v === null || v === undefined || v === '') return [];
  const items = Array.isArray(v) ? v : [v];
  return items.filter(isObject);
}

/** A list of texts from an array, one bare value, the PSObject wrapper or null; numbers become text, other items are dropped. */
export function textList(value: unknown): string[] {
  const v = unwrapArray(value);
  const items = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  return items.flatMap((x) => (typeof x === 'string' ? [x] : typeof x === 'number' && Number.isFinite(x) ? [String(x)] : []));
}

/** Reads a string field; numbers are turned into text, anything else is null. */
export function str(obj: JsonObject, key: string): string | null {
  const v = obj[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Reads an integer field (also from a numeric string such as "3389"); anything else is null. */
export function int(obj: JsonObject, key: string): number | null {
  const v = obj[key];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** Reads a boolean field; accepts true/false, "True"/"False" and 1/0. */
export function bool(obj: JsonObject, key: string): boolean | null {
  const v = obj[key];
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  return null;
}

/** Reads a nested object field, or null. */
export function obj(o: JsonObject, key: string): JsonObject | null {
  const v = o[key];
  return isObject(v) ? v : null;
}

/**
 * Reads a date as ISO-8601 text. Our scripts print `ToString('o')`; a raw DateTime through
 * Windows PowerShell 5.1's ConvertTo-Json prints `/Date(ms)/`, so both are accepted.
 */
export function isoDate(o: JsonObject, key: string): string | null {
  const v = o[key];
  if (typeof v !== 'string') return null;
  const legacy = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v.trim());
  const ms = legacy ? Number(legacy[1]) : Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Upper-case hex without separators, or null when the text is not a hex thumbprint. */
export function normalizeHex(value: string | null): string | null {
  if (value === null) return null;
  const hex = value.replace(/[\s:-]/g, '').toUpperCase();
  return /^[0-9A-F]{8,128}$/.test(hex) ? hex : null;
}

/** Maps a value that arrives as an enum name or its number (PowerShell 5.1 prints enums as numbers). */
export function enumName(value: unknown, numbers: Readonly<Record<number, string>>): string | null {
  if (typeof value === 'number') return numbers[value] ?? String(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const t = value.trim();
    return /^\d+$/.test(t) ? (numbers[Number(t)] ?? t) : t;
  }
  return null;
}
