import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTaskBatch, type BatchScheduler } from './task-batch';

/** A scheduler whose turn comes when the test says so. */
function manualTurns(): BatchScheduler & { turn(): void; pending(): number } {
  let waiting: (() => void)[] = [];
  return {
    request(run) {
      waiting.push(run);
      return () => {
        waiting = waiting.filter((r) => r !== run);
      };
    },
    turn() {
      const due = waiting;
      waiting = [];
      for (const run of due) run();
    },
    pending: () => waiting.length,
  };
}

describe('task batch', () => {
  it('applies everything pushed before its turn in one call, in arrival order, and asks for one turn per batch', () => {
    const turns = manualTurns();
    const applied: number[][] = [];
    const batch = createTaskBatch<number>((items) => applied.push([...items]), turns);
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(applied).toEqual([]);
    expect(turns.pending()).toBe(1);
    turns.turn();
    expect(applied).toEqual([[1, 2, 3]]);
    batch.push(4);
    turns.turn();
    expect(applied).toEqual([[1, 2, 3], [4]]);
    turns.turn();
    expect(applied).toHaveLength(2);
  });

  it('flush applies the queue at once and cancels its turn; dispose drops the queue', () => {
    const turns = manualTurns();
    const applied: string[][] = [];
    const batch = createTaskBatch<string>((items) => applied.push([...items]), turns);
    batch.push('a');
    batch.flush();
    expect(applied).toEqual([['a']]);
    expect(turns.pending()).toBe(0);
    batch.push('b');
    batch.dispose();
    turns.turn();
    expect(applied).toEqual([['a']]);
  });

  it('an item pushed while a batch is being applied waits for the next turn', () => {
    const turns = manualTurns();
    const applied: number[][] = [];
    const batch = createTaskBatch<number>((items) => {
      applied.push([...items]);
      if (items[0] === 1) batch.push(2);
    }, turns);
    batch.push(1);
    turns.turn();
    expect(applied).toEqual([[1]]);
    turns.turn();
    expect(applied).toEqual([[1], [2]]);
  });
});

describe('the next-task scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('applies a burst pushed within one task at the next task, once', () => {
    vi.useFakeTimers();
    const applied: number[][] = [];
    const batch = createTaskBatch<number>((items) => applied.push([...items]));
    batch.push(1);
    batch.push(2);
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(applied).toEqual([[1, 2]]);
    vi.advanceTimersByTime(1000);
    expect(applied).toHaveLength(1);
  });
});
