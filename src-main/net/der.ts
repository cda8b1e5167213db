/** Minimal ASN.1 DER: the few encoders TSRequest needs and a bounds-checked TLV reader that never throws. */

/** One decoded TLV: its tag byte, where its value lies in the input, and the value bytes. */
export interface Tlv {
  readonly tag: number;
  readonly headerLength: number;
  readonly length: number;
  /** Offset of the byte after this TLV in the input. */
  readonly end: number;
  readonly value: Uint8Array;
}

/** A decode result: the value, or a one-line reason. */
export type DerResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Largest DER value length we accept (a TSRequest with a CHALLENGE is a few hundred bytes). */
export const MAX_DER_LENGTH = 1 << 20;

/** Encodes a definite length (X.690 8.1.3). */
export function encodeLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff) throw new RangeError('DER length out of range');
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes tag + length + value. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const len = encodeLength(value.length);
  const out = new Uint8Array(1 + len.length + value.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(value, 1 + len.length);
  return out;
}

/** Encodes a non-negative INTEGER in minimal two's-complement form. */
export function encodeInteger(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new RangeError('DER integer out of range');
  const bytes: number[] = [];
  let n = value;
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return encodeTlv(0x02, Uint8Array.from(bytes));
}

/** SEQUENCE of the concatenated parts. */
export function encodeSequence(...parts: Uint8Array[]): Uint8Array {
  return encodeTlv(0x30, concat(parts));
}

/** Context-specific constructed tag [n] wrapping `inner` (explicit tagging). */
export function encodeExplicit(n: number, inner: Uint8Array): Uint8Array {
  return encodeTlv(0xa0 | (n & 0x1f), inner);
}

/** OCTET STRING. */
export function encodeOctetString(value: Uint8Array): Uint8Array {
  return encodeTlv(0x04, value);
}

/** Reads one TLV at `offset`; rejects high tag numbers, indefinite or over-long lengths, and values past the end. */
export function readTlv(input: Uint8Array, offset = 0): DerResult<Tlv> {
  if (offset < 0 || offset >= input.length) return { ok: false, error: `no DER element at offset ${offset}` };
  const tag = input[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) return { ok: false, error: `multi-byte DER tag at offset ${offset} is not supported` };
  const head = readLength(input, offset + 1);
  if (!head.ok) return head;
  const { length, lengthBytes } = head.value;
  const headerLength = 1 + lengthBytes;
  const start = offset + headerLength;
  if (start + length > input.length) {
    return { ok: false, error: `DER element at offset ${offset} claims ${length} bytes, only ${input.length - start} remain` };
  }
  return { ok: true, value: { tag, headerLength, length, end: start + length, value: input.subarray(start, start + length) } };
}

/** Total size of the DER element at the start of `input`: a number, null when more bytes are needed, or an error. */
export function derTotalLength(input: Uint8Array): DerResult<number> | null {
  if (input.length < 2) return null;
  const head = readLength(input, 1);
  if (!head.ok) return head.error.startsWith('truncated') ? null : head;
  return { ok: true, value: 1 + head.value.lengthBytes + head.value.length };
}

/** Every TLV inside a constructed value, in order; fails on the first malformed child. */
export function readChildren(value: Uint8Array): DerResult<Tlv[]> {
  const children: Tlv[] = [];
  let offset = 0;
  while (offset < value.length) {
    const child = readTlv(value, offset);
    if (!child.ok) return child;
    children.push(child.value);
    offset = child.value.end;
  }
  return { ok: true, value: children };
}

/** Decodes an INTEGER of at most 4 bytes as a signed number. */
export function decodeInteger(tlv: Tlv): DerResult<number> {
  if (tlv.tag !== 0x02) return { ok: false, error: `expected INTEGER, got tag 0x${tlv.tag.toString(16)}` };
  if (tlv.length < 1 || tlv.length > 4) return { ok: false, error: `INTEGER of ${tlv.length} bytes is not supported` };
  let n = (tlv.value[0] ?? 0) & 0x80 ? -1 : 0;
  for (const b of tlv.value) n = (n * 256 + b) | 0;
  return { ok: true, value: n };
}

function readLength(input: Uint8Array, offset: number): DerResult<{ length: number; lengthBytes: number }> {
  if (offset >= input.length) return { ok: false, error: 'truncated DER length' };
  const first = input[offset] ?? 0;
  if (first < 0x80) return { ok: true, value: { length: first, lengthBytes: 1 } };
  const count = first & 0x7f;
  if (count === 0) return { ok: false, error: 'indefinite DER length is not allowed' };
  if (count > 4) return { ok: false, error: `DER length of ${count} bytes is not supported` };
  if (offset + count >= input.length) return { ok: false, error: 'truncated DER length' };
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + (input[offset + i] ?? 0);
  if (length > MAX_DER_LENGTH) return { ok: false, error: `DER length ${length} exceeds the ${MAX_DER_LENGTH}-byte limit` };
  return { ok: true, value: { length, lengthBytes: 1 + count } };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
