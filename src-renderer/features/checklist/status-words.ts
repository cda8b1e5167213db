/** Check states and durations in words, for row labels and screen readers. */
import type { RowState } from '../../state/run-update';

/** Each state as the word the checklist shows and announces (docs/contract.md#accessible-names). */
export const STATE_WORDS = {
  queued: 'queued',
  running: 'running',
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
  skip: 'skipped',
  error: 'error',
  cancelled: 'cancelled',
  stopped: 'stopped',
} as const satisfies Record<RowState, string>;

/** A duration as people say it: "120 ms", "2.4 s", "1 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The accessible name of a check row: title, status in words, and its time when known. */
export function rowLabel(title: string, state: RowState, durationMs: number | null): string {
  const time = formatDuration(durationMs);
  return [title, STATE_WORDS[state], time].filter(Boolean).join(', ');
}

/** A running time as it ticks: always a tenth of a second, so the figure visibly moves ("0.4 s", "12.3 s", "1 min 5 s"). */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  return formatDuration(ms);
}

/** The state-and-time text at the end of a row: "passed · 120 ms", or "running · 1.2 s" while it runs. */
export function rowMeta(state: RowState, durationMs: number | null, elapsedMs: number | null): string {
  if (state === 'running' && elapsedMs !== null) return `${STATE_WORDS.running} · ${formatElapsed(elapsedMs)}`;
  const time = formatDuration(durationMs);
  return time ? `${STATE_WORDS[state]} · ${time}` : STATE_WORDS[state];
}
