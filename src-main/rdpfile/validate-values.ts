/** Checks one setting's value against the key table: type, range, list shape, and a value that swallowed the next line. */
import { RDP_KEYS, holdsPassword, isSecretKey, keySpec, type KeyRole } from './keys';
import type { RdpIssue, RdpSetting } from './types';

/** Text safe to quote in a message: control characters replaced, long values cut, never a password. */
export function clip(text: string): string {
  if (holdsPassword(text)) return '(not shown: it holds a password)';
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** A setting's value as messages may quote it: never the value of a password setting. */
export function shownValue(s: Pick<RdpSetting, 'name' | 'value'>): string {
  return isSecretKey(s.name) ? '(hidden)' : clip(s.value);
}

const NAMES = Object.keys(RDP_KEYS).sort((a, b) => b.length - a.length);
const TYPE_MARK = /:[sibSIB]:/g;
const MAX_MARKS = 20;

/**
 * The known setting a value ran into when the line break before it was lost ("3,2,42,23session bpp:i:32"), as
 * the part that belongs to this setting and the swallowed name. Looks at the first few `:t:` marks only, so a
 * hostile value stays linear.
 */
export function swallowedSetting(value: string): { readonly own: string; readonly name: string; readonly rest: string } | null {
  const lower = value.toLowerCase();
  let seen = 0;
  for (const mark of lower.matchAll(TYPE_MARK)) {
    if (++seen > MAX_MARKS) break;
    const at = mark.index;
    const name = NAMES.find((n) => n.length <= at && lower.startsWith(n, at - n.length));
    if (name) return { own: value.slice(0, at - name.length), name, rest: value.slice(at + 3) };
  }
  return null;
}

// A wrong value in these keeps the client from reaching or trusting the host; elsewhere it changes comfort only.
const CONNECTING_ROLES: ReadonlySet<KeyRole> = new Set(['address', 'security', 'gateway', 'broker', 'service']);

function rangeText(spec: { min?: number; max?: number; values?: readonly number[] }): string {
  if (spec.values) return spec.values.join(', ');
  if (spec.max === undefined) return `${spec.min ?? 0} or more`;
  return `${spec.min ?? '…'} to ${spec.max}`;
}

/** The problem with one setting's value, or null when the value is what the setting accepts (or the key is unknown). */
export function valueIssue(s: RdpSetting): RdpIssue | null {
  const at = { line: s.line, key: s.name };
  const swallowed = swallowedSetting(s.value);
  if (swallowed) {
    const secret = isSecretKey(s.name) || isSecretKey(swallowed.name);
    return {
      severity: 'error',
      code: 'swallowed-line',
      message: `Line ${s.line}: a line break is missing before "${swallowed.name}", so the file sets "${s.key}" to ${secret ? 'a wrong value' : `"${clip(s.value)}"`} and never sets "${swallowed.name}"${secret ? '' : ` (meant: ${s.key} "${clip(swallowed.own)}", ${swallowed.name} "${clip(swallowed.rest)}")`}.`,
      ...at,
    };
  }
  const spec = keySpec(s.name);
  if (spec && spec.type !== s.type && spec.altType !== s.type) {
    const want = { s: 'text (s)', i: 'a number (i)', b: 'binary (b)' }[spec.type];
    return { severity: 'error', code: 'wrong-type', message: `Line ${s.line}: "${s.key}" should be ${want}, but the file says "${s.type}"; the setting is ignored.`, ...at };
  }
  if (s.type === 'i' && !/^\s*-?\d{1,10}\s*$/.test(s.value)) {
    return { severity: 'error', code: 'bad-integer', message: `Line ${s.line}: "${s.key}" must be a whole number, found "${shownValue(s)}".`, ...at };
  }
  if (s.type === 'b' && !/^([0-9a-fA-F]{2})*$/.test(s.value.trim())) {
    return { severity: 'error', code: 'bad-binary', message: `Line ${s.line}: "${s.key}" must be hexadecimal bytes.`, ...at };
  }
  if (!spec) return null;
  const severity = CONNECTING_ROLES.has(spec.role) ? 'error' : 'warning';
  if (s.type === 'i') {
    const n = Number(s.value.trim());
    const outOfRange = (spec.values && !spec.values.includes(n)) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max);
    if (outOfRange) {
      return { severity, code: 'out-of-range', message: `Line ${s.line}: "${s.key}" is ${n}; allowed values are ${rangeText(spec)}.`, ...at };
    }
  }
  if (s.type === 's' && spec.shape && !spec.shape.pattern.test(s.value)) {
    return { severity, code: 'bad-list', message: `Line ${s.line}: "${s.key}" is "${clip(s.value)}"; it takes ${spec.shape.words}.`, ...at };
  }
  return null;
}
