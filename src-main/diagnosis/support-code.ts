/**
 * The support-mode result code: the top findings, the failed checks and the recommended fix by their index in the
 * catalog's id lists, when the diagnosis ran and the dialog's error codes, packed into a short code that can be
 * read aloud (no 0/O/1/I) and ends in a check character. It carries no name or address.
 * Layout (bits): version 2 | finding count 2 | 6 per finding | failed-check count 3 | 5 per check, then from
 * version 1: fix present 1 | 6 fix | 10-minute slot of the UTC week 10 (1023: unknown) | code count 2 | per code:
 * kind 3, hex digits − 1 3, 4 per digit; zero padding. Version 0 codes (without the second part) still decode.
 */
import { FINDING_META, FIX_META } from '../shared/catalog';
import { planOf } from '../shared/action-plan';
import { SLOT_MINUTES, utcWeekMinute } from '../shared/result-card';
import { CHECK_IDS, DECODED_CODE_KINDS, FINDING_IDS, FIX_IDS, type CheckId } from '../shared/ids';
import type { Report } from '../shared/schema';
import type { SupportCode } from '../shared/dto';
import { BadInputError } from '../shared/errors';
import { MAX_SUPPORT_CODE_INPUT } from '../shared/limits';

/** 32 symbols that cannot be confused when spoken or handwritten: no 0, O, 1 or I. */
export const SUPPORT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Most findings a code carries (the top of the ranking). */
export const MAX_CODE_FINDINGS = 3;
/** Most failed checks a code carries (the first in catalog order). */
export const MAX_CODE_CHECKS = 7;

/** Most dialog error codes a code carries (the dialog shows a pair). */
export const MAX_CODE_ERRORS = 2;

const VERSION = 1;
const FINDING_BITS = 6;
const CHECK_BITS = 5;
const FIX_BITS = 6;
const SLOT_BITS = 10;
const NO_SLOT = 1023;
const N = SUPPORT_ALPHABET.length;
const MAX_BITS = 2 + 2 + MAX_CODE_FINDINGS * FINDING_BITS + 3 + MAX_CODE_CHECKS * CHECK_BITS + 1 + FIX_BITS + SLOT_BITS + 2 + MAX_CODE_ERRORS * (3 + 3 + 32);
const MAX_SYMBOLS = Math.ceil(MAX_BITS / 5) + 1;

/** Luhn mod N over the length and the symbols: catches every wrong character, nearly every swap or dropped one. */
function checkSymbol(values: readonly number[]): number {
  let sum = 0;
  let factor = 2;
  for (let i = values.length - 1; i >= 0; i--) {
    const p = factor * values[i]!;
    sum += Math.floor(p / N) + (p % N);
    factor = factor === 2 ? 1 : 2;
  }
  return (N - (sum % N)) % N;
}

function pushBits(bits: number[], value: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) bits.push((value >> i) & 1);
}

/** The 10-minute slot of the UTC week (Sunday 00:00 is 0) an ISO time falls in; NO_SLOT when it is not a time. */
function weekSlot(iso: string | undefined): number {
  const minute = iso === undefined ? null : utcWeekMinute(iso);
  return minute === null ? NO_SLOT : minute / SLOT_MINUTES;
}

/** What a code is made from: a report's findings and checks, and (when known) its start time and the dialog's codes. */
export type SupportCodeSource = Pick<Report, 'findings' | 'checks'> & Partial<Pick<Report, 'startedAt' | 'errorCodes'>>;

/** Encodes the report's top findings, failed checks, recommended fix, time and error codes as e.g. "RD-A4K7-Q2MX-…". */
export function encodeSupportCode(report: SupportCodeSource): string {
  const findings = [...new Set(report.findings.map((f) => f.id))].slice(0, MAX_CODE_FINDINGS);
  const failed = [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id))]
    .sort((a, b) => CHECK_IDS.indexOf(a) - CHECK_IDS.indexOf(b))
    .slice(0, MAX_CODE_CHECKS);
  const fix = planOf(report.findings).find((step) => step.isRecommended)?.fixId;
  const errors = (report.errorCodes?.codes ?? []).slice(0, MAX_CODE_ERRORS);
  const bits: number[] = [];
  pushBits(bits, VERSION, 2);
  pushBits(bits, findings.length, 2);
  for (const id of findings) pushBits(bits, FINDING_IDS.indexOf(id), FINDING_BITS);
  pushBits(bits, failed.length, 3);
  for (const id of failed) pushBits(bits, CHECK_IDS.indexOf(id), CHECK_BITS);
  pushBits(bits, fix ? 1 : 0, 1);
  if (fix) pushBits(bits, FIX_IDS.indexOf(fix), FIX_BITS);
  pushBits(bits, weekSlot(report.startedAt), SLOT_BITS);
  pushBits(bits, errors.length, 2);
  for (const code of errors) {
    const digits = (code.value >>> 0).toString(16);
    pushBits(bits, DECODED_CODE_KINDS.indexOf(code.kind), 3);
    pushBits(bits, digits.length - 1, 3);
    for (const digit of digits) pushBits(bits, parseInt(digit, 16), 4);
  }
  while (bits.length % 5 !== 0) bits.push(0);
  const values: number[] = [];
  for (let i = 0; i < bits.length; i += 5) values.push(bits.slice(i, i + 5).reduce((acc, b) => acc * 2 + b, 0));
  values.push(checkSymbol([values.length, ...values]));
  const symbols = values.map((v) => SUPPORT_ALPHABET[v]!).join('');
  return `RD-${symbols.match(/.{1,4}/g)!.join('-')}`;
}

/** Reads bits back, refusing anything the encoder could not have produced. */
class BitReader {
  private pos = 0;
  constructor(private readonly bits: readonly number[]) {}
  read(width: number): number {
    if (this.pos + width > this.bits.length) throw new BadInputError('The support code is too short; a character is missing.');
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 2 + this.bits[this.pos++]!;
    return v;
  }
  /** True when only zero padding (less than one symbol) is left. */
  get isCleanEnd(): boolean {
    const rest = this.bits.slice(this.pos);
    return rest.length < 5 && rest.every((b) => b === 0);
  }
}

/** Decodes a support code read over the phone; a mistyped or misheard code throws BadInputError. */
export function decodeSupportCode(code: string): SupportCode {
  if (typeof code !== 'string' || code.length > MAX_SUPPORT_CODE_INPUT) throw new BadInputError('That is not a support code (they look like RD-4K7Q-2MX).');
  // Read with or without dashes and spaces: "RD-4K7Q-2MX", "rd 4k7q 2mx", "RD4K7Q2MX". A code's first symbol is never
  // R (its top bits are the version, 0 or 1), so a leading "RD" is always the prefix.
  const body = code.trim().toUpperCase().replace(/[-\s]/g, '').replace(/^RD/, '');
  if (body.length < 2) throw new BadInputError('The support code is too short; they look like RD-4K7Q-2MX.');
  if (body.length > MAX_SYMBOLS) throw new BadInputError('The support code is too long; check for an extra character.');
  const bad = [...body].find((ch) => !SUPPORT_ALPHABET.includes(ch));
  if (bad !== undefined) {
    throw new BadInputError(
      /[01OI]/.test(bad)
        ? `Support codes never contain 0, O, 1 or I ("${bad}" was read); check that character.`
        : `"${bad.slice(0, 4)}" cannot appear in a support code; check that character.`,
    );
  }
  const values = [...body].map((ch) => SUPPORT_ALPHABET.indexOf(ch));
  const check = values.pop()!;
  if (checkSymbol([values.length, ...values]) !== check) throw new BadInputError('The support code does not check out; a character was probably misheard. Read it again.');

  const bits: number[] = [];
  for (const v of values) pushBits(bits, v, 5);
  const reader = new BitReader(bits);
  const version = reader.read(2);
  if (version > VERSION) throw new BadInputError('This support code comes from a newer version of RDP Doctor.');
  const findings = Array.from({ length: reader.read(2) }, () => {
    const id = FINDING_IDS[reader.read(FINDING_BITS)];
    if (!id) throw new BadInputError('The support code names a finding this version does not know.');
    return { id, title: FINDING_META[id].title };
  });
  const failedChecks: CheckId[] = Array.from({ length: reader.read(3) }, () => {
    const id = CHECK_IDS[reader.read(CHECK_BITS)];
    if (!id) throw new BadInputError('The support code names a check this version does not know.');
    return id;
  });
  const rest = version === 0 ? { recommendedFix: null, ranAt: null, errorCodes: [] } : readVersion1(reader);
  if (!reader.isCleanEnd) throw new BadInputError('The support code has extra characters; check it again.');
  return { code: `RD-${body.match(/.{1,4}/g)!.join('-')}`, findings, failedChecks, ...rest };
}

/** The part a version 1 code adds: the recommended fix, the time slot and the dialog's error codes. */
function readVersion1(reader: BitReader): Pick<SupportCode, 'recommendedFix' | 'ranAt' | 'errorCodes'> {
  let recommendedFix: SupportCode['recommendedFix'] = null;
  if (reader.read(1) === 1) {
    const id = FIX_IDS[reader.read(FIX_BITS)];
    if (!id) throw new BadInputError('The support code names a fix this version does not know.');
    recommendedFix = { id, title: FIX_META[id].title };
  }
  const slot = reader.read(SLOT_BITS);
  if (slot !== NO_SLOT && slot >= (7 * 1440) / SLOT_MINUTES) throw new BadInputError('The support code does not check out; read it again.');
  const errorCodes = Array.from({ length: reader.read(2) }, () => {
    const kind = DECODED_CODE_KINDS[reader.read(3)];
    if (!kind) throw new BadInputError('The support code names an error code this version does not know.');
    const digits = Array.from({ length: reader.read(3) + 1 }, () => reader.read(4).toString(16)).join('');
    return { kind, hex: `0x${digits.replace(/^0+(?=.)/, '').toUpperCase()}` };
  });
  return { recommendedFix, ranAt: slot === NO_SLOT ? null : { utcWeekMinute: slot * SLOT_MINUTES }, errorCodes };
}
