/** Pulls the numbers out of what the user typed: bare codes, or a whole dialog / event text in any language. */
import { BadInputError } from '../shared/errors';

/** Longest input read; a dialog's text is far shorter, and the cap keeps every regex linear and quick. */
export const MAX_DECODE_INPUT = 4000;

/** One number as it was written. */
export interface RawCode {
  readonly value: number;
  readonly raw: string;
  /** True when written with 0x. */
  readonly isHex: boolean;
}

/** What the input holds: numbers in order, or symbolic names, and whether it is an event's "Reason=". */
export interface Extracted {
  readonly codes: readonly RawCode[];
  readonly names: readonly string[];
  readonly fromEvent: boolean;
}

const MAX_CODE = 0xffffffff;
const SEPARATORS = /[\s,;/|+]+/;
const GUID = /\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?/gi;
const HEX_TOKEN = /(?<![0-9a-z_])0x([0-9a-f]+)(?![0-9a-z_])/gi;
const DEC_TOKEN = /(?<![0-9a-z_.:\-/])(\d{1,10})(?![0-9a-z_:\-/)%]|\.\d)/gi;
// Event 1026 prints "(Reason= 2308)"; localized builds translate the word (Grund, Raison, Motivo, Motif, Reden).
const EVENT_REASON = /(?:reason|grund|raison|motivo|motif|reden)\s*=\s*(\d{1,10})/i;
// Case-insensitive: people retype names from logs in any case (errinfo_server_denied_connection).
const SYMBOLIC =
  /\b(ERRCONNECT_[A-Z0-9_]+|XF_EXIT_[A-Z0-9_]+|ERRINFO_[A-Z0-9_]+|SSL_ERR_[A-Z0-9_]+|(?:exDiscReason|disconnectReason)[A-Za-z0-9]+|SSL_REQUIRED_BY_SERVER|SSL_NOT_ALLOWED_BY_SERVER|SSL_CERT_NOT_ON_SERVER|INCONSISTENT_FLAGS|HYBRID_REQUIRED_BY_SERVER|SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)\b/gi;
// Words that introduce the code in mstsc's dialog across languages ("Error code", "Fehlercode", "Code d'erreur", "Código de error", "Codice di errore", "Kod błędu", …).
const CODE_WORD = /(code|kod|c[oó]dig|codice|reason|grund|fehler|erreur|errore|error|fout|fel|virhe|hiba|chyba)[^\d\n]{0,24}$/i;

function parseToken(token: string): RawCode {
  const clean = token.replace(/[.)\]]+$/, '').replace(/^[([]+/, '');
  const hex = /^0x([0-9a-f]{1,8})$/i.exec(clean);
  const value = hex ? parseInt(hex[1]!, 16) : /^\d{1,10}$/.test(clean) ? Number(clean) : NaN;
  if (!Number.isSafeInteger(value) || value > MAX_CODE) {
    throw new BadInputError(`"${clean.slice(0, 20)}" is not a code: type it as hex (0x904) or decimal (2308).`);
  }
  return { value, raw: clean, isHex: Boolean(hex) };
}

function hexValue(digits: string, raw: string): RawCode {
  if (digits.length > 8) throw new BadInputError(`"${raw.slice(0, 20)}" is too long for a code (at most 8 hex digits).`);
  return { value: parseInt(digits, 16), raw, isHex: true };
}

/** Reads the numbers out of `text`; throws BadInputError when there are none or they are malformed. */
export function extractCodes(text: unknown): Extracted {
  if (typeof text !== 'string') throw new BadInputError('Give the error code as text, e.g. 0x904 0x7.');
  if (text.length > MAX_DECODE_INPUT) {
    throw new BadInputError(`The text is too long (${text.length} characters); paste only the dialog's message (at most ${MAX_DECODE_INPUT}).`);
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new BadInputError('No error code given; type the codes from the dialog, e.g. 0x904 0x7.');

  const tokens = trimmed.split(SEPARATORS).filter((t) => t !== '');
  if (tokens.every((t) => /^[([]?(0x|\d)/i.test(t))) {
    if (tokens.length > 2) throw new BadInputError('Give at most two codes: the error code and the extended error code.');
    return { codes: tokens.map(parseToken), names: [], fromEvent: false };
  }

  const prose = trimmed.replace(GUID, ' ');
  const event = EVENT_REASON.exec(prose);
  if (event) return { codes: [parseToken(event[1]!)], names: [], fromEvent: true };

  const names = [...prose.matchAll(SYMBOLIC)].map((m) => m[1]!);
  const hex = [...prose.matchAll(HEX_TOKEN)].map((m) => hexValue(m[1]!, m[0]));
  if (hex.length > 0 || names.length > 0) return { codes: hex, names, fromEvent: false };

  const decimals = [...prose.matchAll(DEC_TOKEN)];
  const afterWord = decimals.filter((m) => CODE_WORD.test(prose.slice(Math.max(0, m.index - 30), m.index)));
  const chosen = afterWord.length >= 2 || decimals.length > 2 ? afterWord : decimals;
  if (chosen.length === 0) {
    throw new BadInputError('No error code found in the text; type the codes from the dialog, e.g. 0x904 0x7.');
  }
  return { codes: chosen.map((m) => parseToken(m[1]!)), names: [], fromEvent: false };
}
