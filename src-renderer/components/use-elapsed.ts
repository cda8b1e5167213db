/** Elapsed time of something still running, ticking so a running check never sits still on screen. */
import { useEffect, useState } from 'react';

/** How often a running row's time moves on (a tenth of a second is what it shows). */
export const TICK_MS = 100;

/** Calls `onTick` with the milliseconds since `startedAt` now and every `intervalMs`; returns the function that stops it. */
export function tickElapsed(startedAt: number, onTick: (elapsedMs: number) => void, intervalMs: number = TICK_MS, now: () => number = Date.now): () => void {
  const tick = (): void => onTick(Math.max(0, now() - startedAt));
  tick();
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
}

/** The milliseconds since `startedAt`, re-rendering every tick; null when nothing is running. */
export function useElapsed(startedAt: number | null): number | null {
  const [elapsed, setElapsed] = useState<number | null>(null);
  useEffect(() => {
    if (startedAt === null) {
      setElapsed(null);
      return undefined;
    }
    return tickElapsed(startedAt, setElapsed);
  }, [startedAt]);
  return startedAt === null ? null : elapsed;
}
