/** The report's colours, one table for the HTML and the PDF so both read alike (Fluent's status colours). */
import type { CheckStatus, Severity } from '../shared/ids';

/** Text and background colour of a status. */
export interface Swatch {
  readonly fg: string;
  readonly bg: string;
}

/** Colours of check and section statuses. */
export const STATUS_COLOURS: Record<CheckStatus | 'empty', Swatch> = {
  pass: { fg: '#0e700e', bg: '#dff6dd' },
  warn: { fg: '#835b00', bg: '#fff4ce' },
  fail: { fg: '#a4262c', bg: '#fde7e9' },
  error: { fg: '#a4262c', bg: '#fde7e9' },
  skip: { fg: '#605e5c', bg: '#f3f2f1' },
  empty: { fg: '#605e5c', bg: '#f3f2f1' },
};

/** Colours of finding severities (the chip beside a title). */
export const SEVERITY_COLOURS: Record<Severity, Swatch> = {
  critical: { fg: '#ffffff', bg: '#a4262c' },
  high: { fg: '#ffffff', bg: '#c50f1f' },
  medium: { fg: '#3b2a00', bg: '#f7c948' },
  low: { fg: '#323130', bg: '#e1dfdd' },
  info: { fg: '#323130', bg: '#edebe9' },
};

/** Text colours used across the report. */
export const INK = { text: '#1b1b1b', muted: '#605e5c', rule: '#d1d1d1', link: '#0f548c', verdictOk: '#0e700e' } as const;

/** A mark per status, so colour is never the only sign. */
export const STATUS_MARKS: Record<CheckStatus | 'empty', string> = { pass: '✓', warn: '!', fail: '✗', skip: '–', error: '?', empty: '–' };
