/** The shape of one row in the disconnect-code tables. */
import type { DecodeResult, DecodedCode } from '../../shared/schema';

/** Where a code points the diagnosis (same values as DecodeResult.steer). */
export type Steer = DecodeResult['steer'];

/** Which table a code comes from. */
export type CodeKind = DecodedCode['kind'];

/** One documented (or observed) code: its number, symbolic name and plain meaning. */
export interface CodeEntry {
  readonly value: number;
  readonly name: string;
  /** Plain words, short enough for a table cell. */
  readonly meaning: string;
  /** False for codes seen in the wild that no vendor documents. */
  readonly official: boolean;
  /** Which kind of cause the code suggests. */
  readonly steer: Steer;
  readonly notes?: readonly string[];
}

/** Builds an official table row. */
export function row(value: number, name: string, meaning: string, steer: Steer, ...notes: string[]): CodeEntry {
  return { value, name, meaning, official: true, steer, notes };
}

/** Builds a row for a code only seen in the wild. */
export function unofficialRow(value: number, name: string, meaning: string, steer: Steer, ...notes: string[]): CodeEntry {
  return { value, name, meaning, official: false, steer, notes };
}

/** Turns a row list into a lookup by value; a duplicate value is a table bug and throws at load. */
export function indexTable(rows: readonly CodeEntry[]): ReadonlyMap<number, CodeEntry> {
  const map = new Map<number, CodeEntry>();
  for (const r of rows) {
    if (map.has(r.value)) throw new Error(`duplicate code ${r.value} (${r.name})`);
    map.set(r.value, r);
  }
  return map;
}

/** Formats a code the way the mstsc dialog does: 0x plus upper-case hex. */
export function toHex(value: number): string {
  return `0x${value.toString(16).toUpperCase()}`;
}
