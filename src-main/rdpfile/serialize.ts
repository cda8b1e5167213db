/** Writes a parsed .rdp file back to bytes (UTF-16LE + BOM + CRLF by default, as mstsc does) and edits it safely. */
import type { RdpFile, RdpLine, RdpSetting, RdpValueType } from './types';

/** How to write a file; defaults match mstsc (docs/protocol.md#encoding). */
export interface SerializeOptions {
  readonly encoding?: 'utf-16le' | 'utf-8';
  /** Byte-order mark; default true for UTF-16LE, false for UTF-8. */
  readonly bom?: boolean;
  readonly lineEnding?: 'crlf' | 'lf';
}

/** The text of one line as it is written. */
export function lineText(line: RdpLine): string {
  return line.kind === 'setting' ? `${line.key}:${line.type}:${line.value}` : line.text;
}

/** Serializes every line in order (unknown keys and malformed lines included) with a final line end. */
export function serializeRdp(file: RdpFile, options: SerializeOptions = {}): Buffer {
  const encoding = options.encoding ?? 'utf-16le';
  const eol = (options.lineEnding ?? 'crlf') === 'crlf' ? '\r\n' : '\n';
  const text = file.lines.map((l) => lineText(l) + eol).join('');
  const bom = options.bom ?? encoding === 'utf-16le';
  if (encoding === 'utf-16le') return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** Thrown when an edit would write something that is not a single-line setting. */
export class RdpEditError extends Error {
  override readonly name = 'RdpEditError';
}

function assertSafe(name: string, type: RdpValueType, value: string): void {
  if (!/^[^:\r\n\u0000]+$/.test(name)) throw new RdpEditError(`"${name}" is not a valid .rdp setting name.`);
  if (/[\r\n\u0000]/.test(value)) throw new RdpEditError(`The value for "${name}" contains a line break or NUL, which a .rdp file cannot hold.`);
  if (type === 'i' && !/^-?\d{1,10}$/.test(value)) throw new RdpEditError(`The value for "${name}" must be a whole number.`);
  if (type === 'b' && !/^([0-9a-fA-F]{2})*$/.test(value)) throw new RdpEditError(`The value for "${name}" must be hexadecimal bytes.`);
}

/** Sets `name` to `value`: replaces the last occurrence in place (dropping earlier duplicates) or appends. */
export function setSetting(file: RdpFile, name: string, type: RdpValueType, value: string | number): RdpFile {
  const text = String(value);
  assertSafe(name, type, text);
  const lower = name.toLowerCase();
  const matches = file.lines.filter((l) => l.kind === 'setting' && l.name === lower);
  const last = matches[matches.length - 1] as RdpSetting | undefined;
  if (!last) {
    return { ...file, lines: [...file.lines, { kind: 'setting', key: name, name: lower, type, value: text, line: 0 }] };
  }
  const lines = file.lines.filter((l) => l === last || !(l.kind === 'setting' && l.name === lower)).map((l) => (l === last ? { ...last, type, value: text } : l));
  return { ...file, lines };
}

/** Removes every occurrence of `name`. */
export function removeSetting(file: RdpFile, name: string): RdpFile {
  const lower = name.toLowerCase();
  return { ...file, lines: file.lines.filter((l) => !(l.kind === 'setting' && l.name === lower)) };
}

/** True when the file carries `signscope` or `signature` (docs/protocol.md#signed-files). */
export function isSigned(file: RdpFile): boolean {
  return file.lines.some((l) => l.kind === 'setting' && (l.name === 'signscope' || l.name === 'signature'));
}

/** The note shown whenever an edit removes a signature. */
export const SIGNATURE_STRIPPED_NOTE =
  'The original file was signed. Changing it breaks the signature, so the signature was removed; Remote Desktop Connection will warn that the publisher is unknown.';

/** An edited file plus what the edit had to do to stay honest (signature removal). */
export interface RdpEditResult {
  readonly file: RdpFile;
  readonly signatureStripped: boolean;
  readonly notes: readonly string[];
}

/** One change to apply to a file. */
export type RdpEdit =
  { readonly op: 'set'; readonly name: string; readonly type: RdpValueType; readonly value: string | number } | { readonly op: 'remove'; readonly name: string };

/** Applies edits; any edit of a signed file strips `signscope`/`signature` and says so. */
export function editRdpFile(file: RdpFile, edits: readonly RdpEdit[]): RdpEditResult {
  let out = file;
  for (const edit of edits) out = edit.op === 'set' ? setSetting(out, edit.name, edit.type, edit.value) : removeSetting(out, edit.name);
  const signatureStripped = edits.length > 0 && isSigned(file);
  if (signatureStripped) out = removeSetting(removeSetting(out, 'signscope'), 'signature');
  return { file: { ...out, encoding: 'utf-16le-bom', lineEnding: 'crlf' }, signatureStripped, notes: signatureStripped ? [SIGNATURE_STRIPPED_NOTE] : [] };
}
