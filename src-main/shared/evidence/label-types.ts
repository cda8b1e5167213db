/**
 * How a check's evidence reads in a report: a label chosen per field, and how to write values that plain text would
 * get wrong (dates, durations, sizes, protocol bit masks). Data only, so each table can sit next to its evidence schema.
 */

/** How a value is written; plain text, numbers, yes/no and lists of plain values need none. */
export type ValueFormat =
  /** An ISO date-time, written in UTC to the minute. */
  | 'date'
  /** Days until a certificate ends: "178 days left" / "expired 11 days ago". */
  | 'days-left'
  /** Milliseconds. */
  | 'ms'
  /** Seconds (a clock difference). */
  | 'seconds'
  /** A size in bytes, written in KB/MB/GB. */
  | 'bytes'
  /** A size in kilobytes, written in MB/GB. */
  | 'kilobytes'
  /** A percentage (54.9). */
  | 'percent'
  /** A fraction (0.25) as a percentage. */
  | 'ratio'
  /** RDP requestedProtocols / selectedProtocol bits (MS-RDPBCGR 2.2.1.1.1) as names: "SSL + HYBRID". */
  | 'protocols';

/** One field: its label, and the format of its value when plain text would mislead. */
export type FieldSpec = string | { readonly label: string; readonly as: ValueFormat };

/** A list of records (or an object of records or values by name) shown as a table. */
export interface TableSpec {
  readonly title: string;
  /** For an object keyed by name (TLS versions, event ids): the heading of the name column. */
  readonly keyColumn?: string;
  /** Column per field path inside each row ("outcome.codeName"); the path "" is the row itself when rows are plain values. */
  readonly columns: Readonly<Record<string, FieldSpec>>;
}

/** The labels of one check's evidence: single fields by path ("key.bits"), and tables by path ("probes"). */
export interface EvidenceLabels {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly tables?: Readonly<Record<string, TableSpec>>;
  /** Fields deliberately left to the JSON report (timings of every probe, internal bookkeeping). */
  readonly omit?: readonly string[];
}
