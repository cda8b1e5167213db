/** The in-memory shape of a .rdp file: every line kept in order, settings typed, the rest verbatim. */

/** The three value types of a `name:type:value` line (docs/protocol.md#syntax; FreeRDP client/common/file.c). */
export type RdpValueType = 's' | 'i' | 'b';

/** How the bytes were encoded; mstsc writes UTF-16LE with a BOM (docs/protocol.md#encoding). */
export type RdpEncoding = 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'utf-8-bom' | 'utf-8' | 'windows-1252';

/** The line ends found in the file. */
export type RdpLineEnding = 'crlf' | 'lf' | 'mixed' | 'none';

/** One `name:type:value` line. `key` is as written; `name` is lower-cased because names are case-insensitive. */
export interface RdpSetting {
  readonly kind: 'setting';
  readonly key: string;
  readonly name: string;
  readonly type: RdpValueType;
  readonly value: string;
  /** 1-based line number in the source (0 for lines added by an edit). */
  readonly line: number;
}

/** A line that is not a setting (blank, comment, malformed); kept so writing the file loses nothing. */
export interface RdpOtherLine {
  readonly kind: 'other';
  readonly text: string;
  readonly line: number;
}

/** Any line of a .rdp file. */
export type RdpLine = RdpSetting | RdpOtherLine;

/** A parsed .rdp file. */
export interface RdpFile {
  readonly encoding: RdpEncoding;
  readonly lineEnding: RdpLineEnding;
  readonly lines: readonly RdpLine[];
}

/** What parsing returns: the file, or one clear line saying why the bytes are not a .rdp file. */
export type RdpParseResult = { readonly ok: true; readonly file: RdpFile; readonly warnings: readonly string[] } | { readonly ok: false; readonly error: string };

/** One problem found in a .rdp file. */
export interface RdpIssue {
  readonly severity: 'error' | 'warning' | 'info';
  /** Stable machine code, e.g. `duplicate`, `conflict-credssp-auth-level`. */
  readonly code: string;
  readonly message: string;
  readonly line?: number;
  readonly key?: string;
}
