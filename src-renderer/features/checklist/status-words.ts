/** Check states and durations in words, for row labels and screen readers. */
import type { CheckState } from '../../../src-main/shared/ids';

/** Each state as the word the checklist shows and announces (CATALOG §7). */
export const STATE_WORDS = {
  queued: 'queued',
  running: 'running',
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
  skip: 'skipped',
  error: 'error',
} as const satisfies Record<CheckState, string>;

/** A duration as people say it: "120 ms", "2.4 s", "1 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The accessible name of a check row: title, status in words, and its time when known. */
export function rowLabel(title: string, state: CheckState, durationMs: number | null): string {
  const time = formatDuration(durationMs);
  return [title, STATE_WORDS[state], time].filter(Boolean).join(', ');
}
