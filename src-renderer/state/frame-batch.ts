/** Collects items that arrive in bursts and hands them over together once per frame, in arrival order. */

/** How a batch waits for its frame: the next animation frame, with a timer for pages that paint no frames (hidden). */
export interface FrameScheduler {
  request(run: () => void): () => void;
}

/** A page hidden or minimised paints no frames: past this the batch is applied anyway, so the state stays current. */
export const HIDDEN_PAGE_FLUSH_MS = 100;

/** The browser's scheduler: whichever of the next animation frame and HIDDEN_PAGE_FLUSH_MS comes first. */
export const animationFrameScheduler: FrameScheduler = {
  request(run) {
    let done = false;
    const once = (): void => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      run();
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, HIDDEN_PAGE_FLUSH_MS);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  },
};

/** A frame batch: `push` queues an item, `flush` applies what is queued now, `dispose` drops the queue. */
export interface FrameBatch<T> {
  push(item: T): void;
  flush(): void;
  dispose(): void;
}

/**
 * A diagnosis streams dozens of events within a few milliseconds (every check's start, the skipped ones' results); the
 * screen shows one frame at a time, so rendering the page once per event only delays the frame that shows them. The
 * batch applies everything that arrived before the next frame in one call, just before that frame is painted.
 */
export function createFrameBatch<T>(apply: (items: readonly T[]) => void, scheduler: FrameScheduler = animationFrameScheduler): FrameBatch<T> {
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
