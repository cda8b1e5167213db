import { describe, expect, it } from 'vitest';
import { formatDuration, rowLabel } from './status-words';

describe('status words', () => {
  it('names a row with its title, state in words and time', () => {
    expect(rowLabel('Server certificate', 'fail', 234)).toBe('Server certificate, failed, 234 ms');
    expect(rowLabel('Port is reachable', 'queued', null)).toBe('Port is reachable, queued');
    expect(rowLabel('x', 'warn', 2500)).toBe('x, warning, 2.5 s');
  });

  it('formats durations', () => {
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(-1)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});
