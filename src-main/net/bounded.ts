/** Bounds any promise by a time-out and an AbortSignal, so no network step can hang a diagnosis. */

/** How a bounded step ended when it did not produce a value. */
export type StopReason = 'timeout' | 'aborted';

/** The value, or why the wait stopped. */
export type Bounded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: StopReason };

/**
 * Waits for `work` at most `timeoutMs`, and not past `signal` aborting. `onStop` runs when the wait
 * stops early so the caller can cancel the underlying operation. A rejection of `work` is passed on.
 */
export function bounded<T>(work: Promise<T>, timeoutMs: number, signal?: AbortSignal, onStop?: () => void): Promise<Bounded<T>> {
  if (signal?.aborted) {
    onStop?.();
    work.catch(() => undefined);
    return Promise.resolve({ ok: false, reason: 'aborted' });
  }
  return new Promise<Bounded<T>>((resolve, reject) => {
    let done = false;
    const settle = (fn: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const stop = (reason: StopReason): void =>
      settle(() => {
        onStop?.();
        resolve({ ok: false, reason });
      });
    const onAbort = (): void => stop('aborted');
    const timer = setTimeout(() => stop('timeout'), Math.max(1, timeoutMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => settle(() => resolve({ ok: true, value })),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** Milliseconds since `start` (a performance.now() reading), rounded to 0.1 ms. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
