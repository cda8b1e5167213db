/** The per-diagnosis table of shared probes behind ctx.memo, and a way to wait until some of them are done. */

/** ctx.memo and ctx.settled over one table. */
export interface MemoTable {
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  settled(prefix: string, maxWaitMs: number): Promise<void>;
  peek<T>(key: string): MemoState<T> | undefined;
}

/** Where a shared probe stands: still running, ended with its value, or failed. */
export type MemoState<T> = { readonly state: 'running' } | { readonly state: 'ended'; readonly value: T } | { readonly state: 'failed' };

/** A fresh table: one probe per key, shared by every check of the diagnosis. */
export function createMemoTable(): MemoTable {
  const memos = new Map<string, Promise<unknown>>();
  const states = new Map<string, MemoState<unknown>>();
  return {
    memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
      let p = memos.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fn();
        memos.set(key, p);
        states.set(key, { state: 'running' });
        p.then(
          (value) => states.set(key, { state: 'ended', value }),
          () => states.set(key, { state: 'failed' }),
        );
      }
      return p;
    },
    peek<T>(key: string): MemoState<T> | undefined {
      return states.get(key) as MemoState<T> | undefined;
    },
    async settled(prefix, maxWaitMs) {
      const until = performance.now() + maxWaitMs;
      const done = new Set<Promise<unknown>>();
      for (;;) {
        const pending = [...memos].filter(([key, p]) => key.startsWith(prefix) && !done.has(p)).map(([, p]) => p);
        // A probe that ends can start the next (TLS after the negotiation): look again after a turn of the loop.
        if (pending.length === 0) {
          await new Promise((r) => setImmediate(r));
          if (![...memos].some(([key, p]) => key.startsWith(prefix) && !done.has(p))) return;
          continue;
        }
        const left = until - performance.now();
        if (left <= 0) return;
        let timer: NodeJS.Timeout | undefined;
        const all = Promise.allSettled(pending).then(() => pending.forEach((p) => done.add(p)));
        await Promise.race([all, new Promise((r) => (timer = setTimeout(r, left)))]);
        clearTimeout(timer);
        if (performance.now() >= until) return;
      }
    },
  };
}
