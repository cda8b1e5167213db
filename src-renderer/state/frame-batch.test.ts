import { afterEach, describe, expect, it, vi } from 'vitest';
import { animationFrameScheduler, createFrameBatch, HIDDEN_PAGE_FLUSH_MS, type FrameScheduler } from './frame-batch';

/** A scheduler whose frame comes when the test says so. */
function manualFrames(): FrameScheduler & { frame(): void; pending(): number } {
  let waiting: (() => void)[] = [];
  return {
    request(run) {
      waiting.push(run);
      return () => {
        waiting = waiting.filter((r) => r !== run);
      };
    },
    frame() {
      const due = waiting;
      waiting = [];
      for (const run of due) run();
    },
    pending: () => waiting.length,
  };
}

describe('frame batch', () => {
  it('applies everything pushed before a frame in one call, in arrival order, and asks for one frame per batch', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => applied.push([...items]), frames);
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(applied).toEqual([]);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3]]);
    batch.push(4);
    frames.frame();
    expect(applied).toEqual([[1, 2, 3], [4]]);
    frames.frame();
    expect(applied).toHaveLength(2);
  });

  it('flush applies the queue at once and cancels its frame; dispose drops the queue', () => {
    const frames = manualFrames();
    const applied: string[][] = [];
    const batch = createFrameBatch<string>((items) => applied.push([...items]), frames);
    batch.push('a');
    batch.flush();
    expect(applied).toEqual([['a']]);
    expect(frames.pending()).toBe(0);
    batch.push('b');
    batch.dispose();
    frames.frame();
    expect(applied).toEqual([['a']]);
  });

  it('an item pushed while a batch is being applied waits for the next frame', () => {
    const frames = manualFrames();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => {
      applied.push([...items]);
      if (items[0] === 1) batch.push(2);
    }, frames);
    batch.push(1);
    frames.frame();
    expect(applied).toEqual([[1]]);
    frames.frame();
    expect(applied).toEqual([[1], [2]]);
  });
});

describe('the browser frame scheduler', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  /** requestAnimationFrame as a list of callbacks the test runs (none run by themselves: a hidden page). */
  function stubFrames(): (() => void)[] {
    const callbacks: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => callbacks.push(cb));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      callbacks[id - 1] = () => {};
    });
    return callbacks;
  }

  it('runs at the next animation frame, once, and its timer no longer fires', () => {
    vi.useFakeTimers();
    const callbacks = stubFrames();
    const run = vi.fn();
    animationFrameScheduler.request(run);
    callbacks[0]?.();
    vi.advanceTimersByTime(HIDDEN_PAGE_FLUSH_MS * 2);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('a page that paints no frames (hidden) still gets the batch after a short while', () => {
    vi.useFakeTimers();
    const callbacks = stubFrames();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => applied.push([...items]));
    batch.push(1);
    vi.advanceTimersByTime(HIDDEN_PAGE_FLUSH_MS - 1);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([[1]]);
    callbacks[0]?.();
    expect(applied).toEqual([[1]]);
  });
});
