/** Decodes the Remote Desktop dialog's codes (or its whole text) into names, meanings and a steer for the ranking. */
import type { DecodeResult, DecodedCode } from '../shared/schema';
import { decodeAs, isRangeReading, readingByName, readingsOf, readPackedErrorInfo, toHex, unknownReading, type CodeKind, type Reading, type Steer } from '../shared/codes';
import { extractCodes, type RawCode } from './decode-extract';
import { BadInputError } from '../shared/errors';

export { MAX_DECODE_INPUT } from './decode-extract';

/** The myth about 0x7 that web pages repeat (docs/protocol.md#the-two-numbers-of-the-dialog). */
export const ARENA_TRASHED_CORRECTION =
  "0x7 here is the extended reason 'server denied the connection' (ERRINFO_SERVER_DENIED_CONNECTION), not the Win32 error ERROR_ARENA_TRASHED.";

const FDCLOSE_CORRECTION = "0x904 (2308) is mstsc's disconnect reason 'socket closed', not a Win32 or HRESULT error; on its own it says the connection was closed, not why.";

const STEER_SENTENCE: Record<Steer, string> = {
  'server-refusal':
    "The server (or a device in front of it) refused the connection early and hung up. Look first at the server's certificate, NLA and security-layer settings and its capacity, not at this computer's network.",
  network: 'This points to the network path or name resolution between this computer and the server.',
  credentials: 'This points to the account, password or saved credentials used to sign in.',
  licensing: 'This points to Remote Desktop licensing on the server.',
  unknown: '',
};

/** Reads a number as one kind; a decimal the user probably meant as hex (904 for 0x904) is re-read as hex with a note. */
function readAs(kind: CodeKind, raw: RawCode): Reading {
  const direct = decodeAs(kind, raw.value) ?? readPackedErrorInfo(raw.value);
  if (direct) return direct;
  if (!raw.isHex && /^\d{1,8}$/.test(raw.raw)) {
    const asHex = decodeAs(kind, parseInt(raw.raw, 16));
    if (asHex) return withNote(asHex, `${raw.raw} is not a known decimal code; read as hex ${asHex.code.hex} instead.`);
  }
  return unknownReading(kind, raw.value);
}

function withNote(reading: Reading, note: string): Reading {
  return { ...reading, code: { ...reading.code, notes: [...reading.code.notes, note] } };
}

/** Readings that name one code, not only a documented range (exDiscReasonProtocolRange, XF_EXIT_RDP range). */
function isSpecific(r: Reading): boolean {
  return !isRangeReading(r);
}

/**
 * All plausible readings of a lone number. Bare digits are also read as hex, as the dialog prints them without
 * the 0x people drop: "104" is DNS lookup failed (0x104) as well as xfreerdp's protocol range 104. The hex
 * reading comes first when the decimal one only names a range.
 */
function readLone(raw: RawCode): Reading[] {
  const direct = readingsOf(raw.value);
  if (raw.isHex || !/^\d{1,8}$/.test(raw.raw)) return direct.length > 0 ? direct : [unknownReading('disconnect-reason', raw.value)];
  const hexValue = parseInt(raw.raw, 16);
  const asHex =
    hexValue === raw.value
      ? []
      : readingsOf(hexValue)
          .filter(isSpecific)
          .map((r) =>
            withNote(
              r,
              `Read as hex ${toHex(hexValue)}: the dialog prints codes in hex${direct.length > 0 ? `; as a decimal number ${raw.raw} is read below` : `, and ${raw.raw} is not a known decimal code`}.`,
            ),
          );
  if (direct.length === 0) return asHex.length > 0 ? asHex : [unknownReading('disconnect-reason', raw.value)];
  return direct.some(isSpecific) ? [...direct, ...asHex] : [...asHex, ...direct];
}

/** True when a reading found no row in its table. */
function isUnknown(r: Reading): boolean {
  return r.code.name === 'unknown';
}

function firstSteer(readings: readonly Reading[]): Steer {
  return readings.find((r) => r.steer !== 'unknown')?.steer ?? 'unknown';
}

function describe(label: string, c: DecodedCode): string {
  const tag = c.official ? '' : ' (unofficial)';
  return `${label} ${c.hex} (${c.value}) is ${c.name}${tag}: ${c.meaning}.`;
}

function correctionsFor(readings: readonly Reading[]): string[] {
  const out = new Set<string>();
  for (const { code } of readings) {
    if (code.value === 7 && code.kind !== 'disconnect-reason' && code.kind !== 'event-reason') out.add(ARENA_TRASHED_CORRECTION);
    if (code.value === 0x904 && (code.kind === 'disconnect-reason' || code.kind === 'event-reason')) out.add(FDCLOSE_CORRECTION);
  }
  return [...out];
}

function result(input: string, readings: readonly Reading[], steer: Steer, lines: readonly string[], isPair = false): DecodeResult {
  const sentence = isPair && steer !== 'unknown' ? `Together: ${STEER_SENTENCE[steer].replace(/^T/, 't')}` : STEER_SENTENCE[steer];
  const summary = [...lines, sentence].filter((l) => l !== '').join(' ');
  return { input, codes: readings.map((r) => r.code), summary, corrections: correctionsFor(readings), steer };
}

/** Decodes one or two codes (hex or decimal), an event's "Reason= N", FreeRDP names, or the dialog text in any language. */
export function decodeCodes(text: string): DecodeResult {
  const extracted = extractCodes(text);
  const input = text.trim();

  if (extracted.names.length > 0) {
    // A name says which table the number belongs to, so it wins over any hex on the same line; the hex is checked against it.
    const readings = unique(extracted.names.map((n) => readingByName(n)).filter((r): r is Reading => r !== undefined));
    if (readings.length > 0) {
      const lines = readings.map((r) => describe('Code', r.code));
      const odd = extracted.codes.filter((c) => !readings.some((r) => sameCode(r, c.value)));
      if (extracted.codes.length > 0) {
        lines.push(
          odd.length === 0
            ? `The number${extracted.codes.length > 1 ? 's' : ''} on the line (${extracted.codes.map((c) => c.raw).join(', ')}) agree${extracted.codes.length > 1 ? '' : 's'} with the name.`
            : `${odd.map((c) => c.raw).join(', ')} on the line is not ${readings.map((r) => r.code.name).join(' or ')}; the name was used.`,
        );
      }
      return result(input, readings, firstSteer(readings), lines);
    }
  }
  const [first, second] = extracted.codes;
  if (!first) throw new BadInputError(`No known code in "${input.slice(0, 40)}"; type the codes from the dialog, e.g. 0x904 0x7.`);

  if (extracted.fromEvent) {
    const r = readAs('event-reason', first);
    return result(input, [r], r.steer, [describe('Event 1026 reason', r.code)]);
  }
  if (!second) {
    const readings = readLone(first);
    const head = readings.length > 1 ? `${first.isHex ? toHex(first.value) : first.raw} can be read ${readings.length} ways.` : '';
    return result(input, readings, firstSteer(readings), [head, ...readings.map((r) => describe(labelOf(r.code.kind), r.code))]);
  }
  const extraLines: string[] = [];
  let disc = readAs('disconnect-reason', first);
  let ext = readAs('extended-reason', second);
  // "0x7 0x904": the pair typed in the wrong order reads as two unknown codes, and as a known pair the other way round.
  const swappedDisc = readAs('disconnect-reason', second);
  const swappedExt = readAs('extended-reason', first);
  if ((isUnknown(disc) || isUnknown(ext)) && !isUnknown(swappedDisc) && !isUnknown(swappedExt)) {
    disc = swappedDisc;
    ext = swappedExt;
    extraLines.push(
      `The two numbers were read the other way round: ${toHex(second.value)} is the error code and ${toHex(first.value)} the extended error code, in the dialog's order.`,
    );
  }
  const steer = ext.steer !== 'unknown' ? ext.steer : disc.steer;
  if (disc.code.value === 0x904 && ext.code.value === 0) {
    extraLines.push('With no extended reason, "socket closed" does not say who closed it: a device on the path, the server before it could explain, or the network.');
  }
  const extra = extracted.codes.length > 2 ? [`Only the first two numbers were used; ${extracted.codes.length - 2} more were ignored.`] : [];
  return result(input, [disc, ext], steer, [describe('Error code', disc.code), describe('Extended error code', ext.code), ...extraLines, ...extra], true);
}

/** True when a number is the same code as a reading: equal, or FreeRDP's class-packed form of it (0x00010007 for errorInfo 7). */
function sameCode(r: Reading, value: number): boolean {
  if (r.code.value === value) return true;
  const packed = readPackedErrorInfo(value);
  return packed !== undefined && r.code.kind === 'error-info' && packed.code.value === r.code.value;
}

function unique(readings: readonly Reading[]): Reading[] {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = `${r.code.kind}:${r.code.value}:${r.code.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function labelOf(kind: CodeKind): string {
  switch (kind) {
    case 'disconnect-reason':
      return 'As an error code (disconnect reason),';
    case 'extended-reason':
      return 'As an extended error code,';
    case 'error-info':
      return 'As a server error-info code,';
    case 'freerdp-error':
      return 'As a FreeRDP code,';
    case 'event-reason':
      return 'As an event reason,';
    case 'negotiation-failure':
      return 'As a security negotiation failure (RDP_NEG_FAILURE),';
  }
}
