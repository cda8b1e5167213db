/** Lookups over every code table, returning the report's DecodedCode shape. */
import type { DecodedCode } from '../schema';
import { DISCONNECT_REASONS, UNOFFICIAL_NOTE } from './disconnect-reasons';
import { ERROR_INFO } from './error-info';
import { EXTENDED_REASONS, PROTOCOL_RANGE } from './extended-reasons';
import { errinfoFromFreerdp, FREERDP_ERRORS } from './freerdp';
import { NEGOTIATION_FAILURES } from './negotiation-failures';
import { row, toHex, type CodeEntry, type CodeKind, type Steer } from './types';

export { toHex } from './types';
export type { CodeEntry, CodeKind, Steer } from './types';

/** A decoded code plus where it points, before the steer is dropped for the report. */
export interface Reading {
  readonly code: DecodedCode;
  readonly steer: Steer;
}

function toReading(entry: CodeEntry, kind: CodeKind, name?: string): Reading {
  const notes = [...(entry.notes ?? [])];
  if (!entry.official) notes.push(entry.provenance ?? UNOFFICIAL_NOTE);
  // Read as a server errorInfo code, a number shared with ExtendedDisconnectReasonCode shows its MS-RDPBCGR name.
  const shown = name ?? (kind === 'error-info' && entry.errinfoName ? entry.errinfoName : entry.name);
  return {
    code: { value: entry.value, hex: toHex(entry.value), kind, name: shown, meaning: entry.meaning, official: entry.official, notes },
    steer: entry.steer,
  };
}

/** A FreeRDP last-error value of the errorInfo class (0x00010007) read as the errorInfo code it carries. */
export function readPackedErrorInfo(value: number): Reading | undefined {
  const code = errinfoFromFreerdp(value);
  if (code === null) return undefined;
  const r = decodeAs('error-info', code);
  if (!r) return undefined;
  const note = `FreeRDP writes it as ${toHex(value)}: class 1 (errorInfo) << 16 | code ${toHex(code)} (include/freerdp/error.h).`;
  return { ...r, code: { ...r.code, notes: [note, ...r.code.notes] } };
}

/** The row for a number in one table, including the documented ranges that have no row of their own. */
function entryFor(kind: CodeKind, value: number): CodeEntry | undefined {
  switch (kind) {
    case 'disconnect-reason':
    case 'event-reason':
      return DISCONNECT_REASONS.get(value);
    case 'extended-reason': {
      const hit = EXTENDED_REASONS.get(value) ?? ERROR_INFO.get(value);
      if (hit || value < PROTOCOL_RANGE.start || value > PROTOCOL_RANGE.end) return hit;
      return row(
        value,
        'exDiscReasonProtocolRange',
        'an internal RDP protocol error (protocol range 4096–32767)',
        'unknown',
        'Microsoft documents the range (ExtendedDisconnectReasonCode exDiscReasonProtocolRangeStart to End), not each code; the server event log has the detail.',
      );
    }
    case 'error-info':
      return ERROR_INFO.get(value) ?? EXTENDED_REASONS.get(value);
    case 'negotiation-failure':
      return NEGOTIATION_FAILURES.get(value);
    case 'freerdp-error': {
      const hit = FREERDP_ERRORS.get(value);
      if (hit || value < 33 || value > 127) return hit;
      return row(
        value,
        'XF_EXIT_RDP range',
        'xfreerdp: an RDP protocol error (exit codes 32–127)',
        'unknown',
        'FreeRDP client/X11/xfreerdp.h reserves 32–127 for RDP protocol errors without naming each code.',
      );
    }
  }
}

const RANGE_NAMES = new Set(['exDiscReasonProtocolRange', 'XF_EXIT_RDP range']);

/** True for a reading that only names a documented range of codes, not the code itself. */
export function isRangeReading(r: Reading): boolean {
  return RANGE_NAMES.has(r.code.name);
}

/** Decodes `value` as one kind of code, or undefined when that table has no such number. */
export function decodeAs(kind: CodeKind, value: number): Reading | undefined {
  const entry = entryFor(kind, value);
  return entry ? toReading(entry, kind) : undefined;
}

/** A placeholder reading for a number no table knows, so the user still sees what was read. */
export function unknownReading(kind: CodeKind, value: number): Reading {
  return {
    code: {
      value,
      hex: toHex(value),
      kind,
      name: 'unknown',
      meaning: 'not a code in any table this app knows',
      official: false,
      notes: ['On Windows, MsTscAx GetErrorDescription may still know it.'],
    },
    steer: 'unknown',
  };
}

/** Every plausible reading of a lone number, one per table that knows it (disconnect reason first). */
export function readingsOf(value: number): Reading[] {
  const packed = readPackedErrorInfo(value);
  if (packed) return [packed];
  const kinds: CodeKind[] = ['disconnect-reason', 'extended-reason', 'freerdp-error', 'negotiation-failure'];
  const out: Reading[] = [];
  for (const kind of kinds) {
    // A number that only MS-RDPBCGR lists (no ExtendedDisconnectReasonCode twin) is shown as error-info.
    const asKind = kind === 'extended-reason' && !EXTENDED_REASONS.has(value) && ERROR_INFO.has(value) ? 'error-info' : kind;
    const r = decodeAs(asKind, value);
    if (r) out.push(r);
  }
  const specific = out.filter((r) => !isRangeReading(r));
  return specific.length > 0 ? specific : out;
}

/** Finds a code by its symbolic name in any table (e.g. SSL_ERR_CERT_EXPIRED, ERRCONNECT_TLS_CONNECT_FAILED). */
export function readingByName(name: string): Reading | undefined {
  const tables: ReadonlyArray<readonly [CodeKind, ReadonlyMap<number, CodeEntry>]> = [
    ['disconnect-reason', DISCONNECT_REASONS],
    ['extended-reason', EXTENDED_REASONS],
    ['error-info', ERROR_INFO],
    ['freerdp-error', FREERDP_ERRORS],
    ['negotiation-failure', NEGOTIATION_FAILURES],
  ];
  const wanted = name.toLowerCase();
  for (const [kind, table] of tables) {
    for (const entry of table.values()) if (entry.name.toLowerCase() === wanted) return toReading(entry, kind);
  }
  // errorInfo names of the numbers ExtendedDisconnectReasonCode shares (1–12, 256–266), in MS-RDPBCGR's or FreeRDP's spelling.
  for (const entry of EXTENDED_REASONS.values()) {
    const spelling = [entry.errinfoName, ...(entry.aliases ?? [])].find((n) => n?.toLowerCase() === wanted);
    if (spelling) return toReading(entry, 'error-info', spelling);
  }
  return undefined;
}
