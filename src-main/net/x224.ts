/** TPKT / X.224 Connection Request and Confirm with RDP_NEG_REQ/RSP/FAILURE (MS-RDPBCGR 2.2.1.1–2.2.1.2); pure functions. */
import { failureCodeName, protocolName } from '../shared/protocol';

/** Largest TPKT we accept while negotiating; a Connection Confirm is 11 or 19 bytes. */
export const MAX_CONFIRM_LENGTH = 512;

const COOKIE_CHARS = /^[A-Za-z0-9._@-]{1,32}$/;

/** Builds the TPKT + X.224 CR + optional `Cookie: mstshash=` + 8-byte RDP_NEG_REQ (MS-RDPBCGR 2.2.1.1). */
export function buildConnectionRequest(requestedProtocols: number, cookie?: string): Buffer {
  if (!Number.isInteger(requestedProtocols) || requestedProtocols < 0 || requestedProtocols > 0xffffffff) {
    throw new RangeError('requestedProtocols must be a 32-bit unsigned integer');
  }
  if (cookie !== undefined && !COOKIE_CHARS.test(cookie)) throw new RangeError('cookie must be 1-32 safe characters');
  const cookieBytes = cookie === undefined ? Buffer.alloc(0) : Buffer.from(`Cookie: mstshash=${cookie}\r\n`, 'ascii');
  const neg = Buffer.alloc(8);
  neg[0] = 0x01; // TYPE_RDP_NEG_REQ
  neg[1] = 0x00;
  neg.writeUInt16LE(8, 2);
  neg.writeUInt32LE(requestedProtocols >>> 0, 4);
  const x224 = Buffer.from([0, 0xe0, 0, 0, 0, 0, 0]);
  const total = 4 + x224.length + cookieBytes.length + neg.length;
  x224[0] = total - 5; // LI counts the X.224 header and payload minus the LI byte itself
  const tpkt = Buffer.from([0x03, 0x00, total >> 8, total & 0xff]);
  return Buffer.concat([tpkt, x224, cookieBytes, neg]);
}

/** What a server's first reply to a Connection Request means. */
export type ConfirmParse =
  | { readonly kind: 'selected'; readonly protocol: number; readonly protocolName: string; readonly flags: number }
  | { readonly kind: 'failure'; readonly code: number; readonly codeName: string }
  | { readonly kind: 'legacy' }
  /** TPKT/X.224 framing but no confirm: the server speaks RDP and turned this request down (e.g. X.224 DR, MCS disconnect). */
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'non-rdp'; readonly reason: string };

/** Reads a TPKT header: the total length, or an error when the first 4 bytes are not a usable TPKT. */
export function readTpktHeader(
  bytes: Uint8Array,
  maxLength = MAX_CONFIRM_LENGTH,
): { readonly ok: true; readonly length: number } | { readonly ok: false; readonly reason: string } | null {
  if (bytes.length < 4) return null;
  if (bytes[0] !== 0x03) return { ok: false, reason: `not a TPKT packet (first byte 0x${hex2(bytes[0] ?? 0)})` };
  const length = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  if (length < 7) return { ok: false, reason: `TPKT length ${length} is too short for an X.224 packet` };
  if (length > maxLength) return { ok: false, reason: `TPKT length ${length} exceeds the ${maxLength}-byte limit for a Connection Confirm` };
  return { ok: true, length };
}

/** Parses one complete TPKT carrying the X.224 Connection Confirm; never throws. */
export function parseConnectionConfirm(packet: Uint8Array): ConfirmParse {
  const header = readTpktHeader(packet);
  if (header === null) return { kind: 'non-rdp', reason: `reply of ${packet.length} bytes is shorter than a TPKT header` };
  if (!header.ok) return { kind: 'non-rdp', reason: header.reason };
  if (packet.length < header.length) {
    return { kind: 'non-rdp', reason: `TPKT says ${header.length} bytes but only ${packet.length} arrived` };
  }
  const li = packet[4] ?? 0;
  const code = (packet[5] ?? 0) & 0xf0;
  if (code === 0x80) return { kind: 'rejected', reason: 'the server answered with an X.224 Disconnect Request' };
  if (code === 0xf0) return { kind: 'rejected', reason: 'the server answered with X.224 data (an MCS disconnect) instead of a Connection Confirm' };
  if (code !== 0xd0) return { kind: 'non-rdp', reason: `expected a Connection Confirm (0xD0), got X.224 code 0x${hex2(packet[5] ?? 0)}` };
  if (li + 5 !== header.length || li < 6) {
    return { kind: 'non-rdp', reason: `X.224 length indicator ${li} does not match TPKT length ${header.length}` };
  }
  // MS-RDPBCGR 2.2.1.2: the confirm is 11 bytes without rdpNegData, 19 with it; anything between is cut-off negotiation data.
  if (header.length === 11) return { kind: 'legacy' };
  if (header.length < 19)
    return { kind: 'non-rdp', reason: `a ${header.length}-byte Connection Confirm: too long for a legacy confirm (11), too short for one with negotiation data (19)` };
  const type = packet[11];
  const negLength = (packet[13] ?? 0) | ((packet[14] ?? 0) << 8);
  if ((type !== 0x02 && type !== 0x03) || negLength !== 8) {
    return { kind: 'non-rdp', reason: `unexpected negotiation data (type ${type}, length ${negLength})` };
  }
  const value = ((packet[15] ?? 0) | ((packet[16] ?? 0) << 8) | ((packet[17] ?? 0) << 16) | ((packet[18] ?? 0) << 24)) >>> 0;
  if (type === 0x02) return { kind: 'selected', protocol: value, protocolName: protocolName(value), flags: packet[12] ?? 0 };
  return { kind: 'failure', code: value, codeName: failureCodeName(value) };
}

/** A short printable preview of bytes that were not RDP (e.g. "HTTP/1.1 400"), for evidence. */
export function previewBytes(bytes: Uint8Array, max = 48): string {
  const slice = Array.from(bytes.subarray(0, max));
  const printable = slice.filter((b) => b >= 0x20 && b < 0x7f).length;
  if (slice.length > 0 && printable / slice.length > 0.8) {
    return String.fromCharCode(...slice.map((b) => (b >= 0x20 && b < 0x7f ? b : 0x2e)));
  }
  return slice.map(hex2).join(' ');
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}
