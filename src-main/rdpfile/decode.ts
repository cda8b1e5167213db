/** Turns the bytes of a .rdp file into text, detecting UTF-16LE/UTF-8 (with or without BOM) as mstsc and FreeRDP do (docs/protocol.md#encoding). */
import { MAX_RDP_FILE_BYTES } from '../shared/limits';
import type { RdpEncoding } from './types';

export { MAX_RDP_FILE_BYTES } from '../shared/limits';

/** Decoded text, or a one-line reason the bytes are not text. */
export type DecodeOutcome =
  { readonly ok: true; readonly text: string; readonly encoding: RdpEncoding; readonly warnings: readonly string[] } | { readonly ok: false; readonly error: string };

/** Share of control characters above which decoded bytes are called binary, not text. */
const MAX_CONTROL_RATIO = 0.01;

function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) n++;
  }
  return n;
}

/** True when a BOM-less buffer looks like UTF-16LE ASCII text: even length, mostly zero odd bytes. */
function looksUtf16le(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
  let zeros = 0;
  const pairs = bytes.length / 2;
  for (let i = 1; i < bytes.length; i += 2) if (bytes[i] === 0) zeros++;
  return zeros / pairs > 0.9;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  const even = bytes.length - (bytes.length % 2);
  const copy = Uint8Array.from(bytes.subarray(0, even));
  if (bigEndian) for (let i = 0; i < copy.length; i += 2) [copy[i], copy[i + 1]] = [copy[i + 1] ?? 0, copy[i] ?? 0];
  return new TextDecoder('utf-16le', { fatal: false }).decode(copy);
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function binaryError(): DecodeOutcome {
  return { ok: false, error: 'This is not a .rdp file: it contains binary data, not lines of text such as "full address:s:server01".' };
}

/** Decodes .rdp bytes; never throws. Text with many control characters is reported as binary. */
export function decodeRdpBytes(bytes: Uint8Array): DecodeOutcome {
  if (bytes.length === 0) return { ok: false, error: 'The file is empty: a .rdp file needs at least a "full address:s:…" line.' };
  if (bytes.length > MAX_RDP_FILE_BYTES) {
    return { ok: false, error: `The file is too large for a .rdp file (${bytes.length} bytes; the limit is ${MAX_RDP_FILE_BYTES}).` };
  }
  const warnings: string[] = [];
  let text: string;
  let encoding: RdpEncoding;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes.subarray(2), false);
    encoding = 'utf-16le-bom';
    if (bytes.length % 2 !== 0) warnings.push('The file ends in half a UTF-16 character; the last byte was ignored.');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes.subarray(2), true);
    encoding = 'utf-16be-bom';
    warnings.push('The file is UTF-16 big-endian; mstsc writes UTF-16 little-endian. Saving it converts it.');
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const decoded = tryUtf8(bytes.subarray(3));
    if (decoded === null) return { ok: false, error: 'The file starts with a UTF-8 marker but is not valid UTF-8 text.' };
    text = decoded;
    encoding = 'utf-8-bom';
  } else if (looksUtf16le(bytes)) {
    text = decodeUtf16(bytes, false);
    encoding = 'utf-16le';
    warnings.push('The file is UTF-16LE without a byte-order mark; mstsc writes one. Saving it adds it.');
  } else if (bytes.includes(0)) {
    return binaryError();
  } else {
    const decoded = tryUtf8(bytes);
    if (decoded !== null) {
      text = decoded;
      encoding = 'utf-8';
    } else {
      text = new TextDecoder('windows-1252').decode(bytes);
      encoding = 'windows-1252';
      warnings.push('The file is neither UTF-16 nor UTF-8; it was read as Windows-1252 (ANSI). Saving it converts it to UTF-16LE.');
    }
  }
  if (text.includes('\u0000') || countControls(text) > Math.max(1, text.length * MAX_CONTROL_RATIO)) return binaryError();
  return { ok: true, text, encoding, warnings };
}
