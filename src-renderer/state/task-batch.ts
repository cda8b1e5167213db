/** Collects items that arrive in a burst and hands them over together at the next task, in arrival order. */

/** How a batch waits for its turn; returns the function that cancels the wait. */
export interface BatchScheduler {
  request(run: () => void): () => void;
}

/**
 * The next task of the page's event loop (a zero timer): what arrived in the same task, or in tasks queued before it,
 * goes in one batch, and nothing waits for a frame that may be up to a refresh interval away.
 */
export const nextTask: BatchScheduler = {
  request(run) {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  },
};

/** A batch: `push` queues an item, `flush` applies what is queued now, `dispose` drops the queue. */
export interface TaskBatch<T> {
  push(item: T): void;
  flush(): void;
  dispose(): void;
}

/**
 * A diagnosis streams dozens of events within a few milliseconds (every check's start, the skipped checks' results),
 * and the page receives them in a few bursts. Rendering once per event would put dozens of renders of the checklist
 * before the frame that shows the first result; the batch applies a burst in one call, so it is one render.
 */
export function createTaskBatch<T>(apply: (items: readonly T[]) => void, scheduler: BatchScheduler = nextTask): TaskBatch<T> {
  let queue: T[] = [];
  let cancel: (() => void) | null = null;
  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
    apply(items);
  };
  return {
    push(item) {
      queue.push(item);
      cancel ??= scheduler.request(flush);
    },
    flush,
    dispose() {
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
