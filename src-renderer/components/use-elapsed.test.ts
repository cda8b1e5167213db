import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowMeta } from '../features/checklist/status-words';
import { TICK_MS, tickElapsed } from './use-elapsed';

describe('a running row ticks', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('shows the running time moving on every tenth of a second, and stops when told', () => {
    const shown: string[] = [];
    const stop = tickElapsed(Date.now(), (ms) => shown.push(rowMeta('running', null, ms)));
    expect(shown).toEqual(['running · 0.0 s']);
    vi.advanceTimersByTime(1200);
    expect(shown).toHaveLength(13);
    expect(shown.at(-1)).toBe('running · 1.2 s');
    // No second passes without the text changing.
    for (let i = 10; i < shown.length; i += 1) expect(shown[i]).not.toBe(shown[i - 10]);
    stop();
    vi.advanceTimersByTime(5 * TICK_MS);
    expect(shown).toHaveLength(13);
  });

  it('counts from when the check started, not from when the row appeared', () => {
    const shown: string[] = [];
    const stop = tickElapsed(Date.now() - 61_000, (ms) => shown.push(rowMeta('running', null, ms)));
    expect(shown).toEqual(['running · 1 min 1 s']);
    stop();
  });

  it('a finished row shows its duration, a stopped one only its state', () => {
    expect(rowMeta('pass', 120, null)).toBe('passed · 120 ms');
    expect(rowMeta('cancelled', null, null)).toBe('cancelled');
    expect(rowMeta('running', null, null)).toBe('running');
  });
});
