/** The shape of one row in the disconnect-code tables. */
import type { DecodeResult, DecodedCode } from '../schema';

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
  /** The MS-RDPBCGR 2.2.5.1.1 errorInfo name of the same number, shown when the code is read as error-info. */
  readonly errinfoName?: string;
  /** Other spellings a log may use for the same code (FreeRDP writes some errorInfo names differently). */
  readonly aliases?: readonly string[];
  /** For a row Microsoft does not document: who does define it, said instead of "comes from user reports". */
  readonly provenance?: string;
}

/** Builds an official table row. */
export function row(value: number, name: string, meaning: string, steer: Steer, ...notes: string[]): CodeEntry {
  return { value, name, meaning, official: true, steer, notes };
}

/** Builds an official row whose number is also an MS-RDPBCGR errorInfo code, with that name and any other spellings. */
export function twinRow(value: number, name: string, errinfo: readonly [string, ...string[]], meaning: string, steer: Steer, ...notes: string[]): CodeEntry {
  const [errinfoName, ...aliases] = errinfo;
  return {
    value,
    name,
    meaning,
    official: true,
    steer,
    errinfoName,
    aliases,
    notes: [`Same number as the server's Set Error Info code ${errinfoName} (MS-RDPBCGR 2.2.5.1.1).`, ...notes],
  };
}

/** Builds a row for a code only seen in the wild. */
export function unofficialRow(value: number, name: string, meaning: string, steer: Steer, ...notes: string[]): CodeEntry {
  return { value, name, meaning, official: false, steer, notes };
}

/** Builds a row Microsoft does not document but a named source does (FreeRDP's headers, third-party lists). */
export function sourcedRow(value: number, name: string, meaning: string, steer: Steer, provenance: string, ...notes: string[]): CodeEntry {
  return { value, name, meaning, official: false, steer, provenance, notes };
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
