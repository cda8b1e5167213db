/** Parses .rdp text into ordered lines: `name:s:text`, `name:i:number`, `name:b:hex`; anything else is kept verbatim. */
import { decodeRdpBytes } from './decode';
import type { RdpFile, RdpLine, RdpLineEnding, RdpParseResult, RdpValueType } from './types';

// FreeRDP's parse_line: the name runs to the first ':', the type is one character, then ':' and the value (docs/protocol.md#syntax).
const SETTING = /^([^:]+):([sibSIB]):(.*)$/s;

/** Detects the line-end style of decoded text. */
export function detectLineEnding(text: string): RdpLineEnding {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  if (crlf === 0 && lf === 0 && cr === 0) return 'none';
  if (lf === 0 && cr === 0) return 'crlf';
  if (crlf === 0 && cr === 0) return 'lf';
  return 'mixed';
}

/** Parses one line of text; a line that is not `name:type:value` becomes an `other` line. */
export function parseLine(text: string, line: number): RdpLine {
  const m = SETTING.exec(text);
  const key = m?.[1];
  if (!m || key === undefined || key.trim() === '') return { kind: 'other', text, line };
  return { kind: 'setting', key, name: key.trim().toLowerCase(), type: (m[2] ?? 's').toLowerCase() as RdpValueType, value: m[3] ?? '', line };
}

/** Parses decoded text (no BOM) into an RdpFile with the given encoding. */
export function parseRdpText(text: string, encoding: RdpFile['encoding'] = 'utf-8'): RdpFile {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const parts = body.split(/\r\n|\n|\r/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return { encoding, lineEnding: detectLineEnding(body), lines: parts.map((p, i) => parseLine(p, i + 1)) };
}

/** Parses .rdp bytes in any supported encoding; never throws: bad bytes give `{ ok: false, error }`. */
export function parseRdpBytes(bytes: Uint8Array): RdpParseResult {
  try {
    const decoded = decodeRdpBytes(bytes);
    if (!decoded.ok) return decoded;
    const file = parseRdpText(decoded.text, decoded.encoding);
    const settings = file.lines.filter((l) => l.kind === 'setting').length;
    const nonBlank = file.lines.filter((l) => l.kind === 'other' && l.text.trim() !== '').length;
    if (settings === 0) {
      return {
        ok: false,
        error:
          nonBlank === 0
            ? 'The file has no settings: a .rdp file needs at least a "full address:s:…" line.'
            : 'This is not a .rdp file: none of its lines looks like "name:type:value" (for example "full address:s:server01").',
      };
    }
    return { ok: true, file, warnings: decoded.warnings };
  } catch (error) {
    // Defence in depth: a parser bug must surface as a message, never as a crash of the caller.
    return { ok: false, error: `The file could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

// A parsed file is never changed in place (edits make a new one), so what is derived from it is kept per file:
// the judges ask for settings and last values dozens of times, and a 35,000-line file must stay linear.
const settingsCache = new WeakMap<RdpFile, RdpSettingList>();
const lastCache = new WeakMap<RdpFile, ReadonlyMap<string, Extract<RdpLine, { kind: 'setting' }>>>();

/** All settings of a file, in order. */
export function settingsOf(file: RdpFile): RdpSettingList {
  let settings = settingsCache.get(file);
  if (!settings) {
    settings = file.lines.filter((l): l is Extract<RdpLine, { kind: 'setting' }> => l.kind === 'setting');
    settingsCache.set(file, settings);
  }
  return settings;
}

/** The settings of a file, in order. */
export type RdpSettingList = readonly Extract<RdpLine, { kind: 'setting' }>[];

/** The last setting named `name` (case-insensitive), which is the one FreeRDP ends up using. */
export function lastSetting(file: RdpFile, name: string): Extract<RdpLine, { kind: 'setting' }> | undefined {
  let last = lastCache.get(file);
  if (!last) {
    const byName = new Map<string, Extract<RdpLine, { kind: 'setting' }>>();
    for (const s of settingsOf(file)) byName.set(s.name, s);
    lastCache.set(file, (last = byName));
  }
  return last.get(name.toLowerCase());
}

/** The last valid integer value of `name`, or null when absent or not a number. */
export function intSetting(file: RdpFile, name: string): number | null {
  const s = lastSetting(file, name);
  if (!s || !/^\s*-?\d{1,10}\s*$/.test(s.value)) return null;
  return Number(s.value.trim());
}

/** The last string value of `name`, or null when absent. */
export function stringSetting(file: RdpFile, name: string): string | null {
  const s = lastSetting(file, name);
  return s ? s.value : null;
}
