import { describe, expect, it } from 'vitest';
import { TaskRunner, createThrottle } from './task-runner';

describe('TaskRunner', () => {
  it('joins a repeated request with the same key while it runs', async () => {
    const runner = new TaskRunner<number>();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      calls += 1;
      await gate;
      return 42;
    };
    const a = runner.start('k', work);
    const b = runner.start('k', work);
    const c = runner.start('other', work);
    expect(b).toEqual({ taskId: a.taskId, joined: true });
    expect(c.taskId).not.toBe(a.taskId);
    release();
    await expect(runner.get(a.taskId)!.done).resolves.toBe(42);
    // Each task's work starts on the next turn of the event loop; the joined request started none of its own.
    await runner.get(c.taskId)!.done;
    expect(calls).toBe(2);
    const d = runner.start('k', work);
    expect(d.joined).toBe(false);
    await runner.get(d.taskId)!.done;
  });

  it('cancels through the signal and reports the state', async () => {
    const runner = new TaskRunner<string>();
    const { taskId } = runner.start(
      'x',
      ({ signal }) =>
        new Promise((resolve) => {
          if (signal.aborted) resolve('stopped');
          signal.addEventListener('abort', () => resolve('stopped'));
        }),
    );
    expect(runner.cancel(taskId)).toBe(true);
    await runner.get(taskId)!.done;
    expect(runner.get(taskId)!.state).toBe('cancelled');
    expect(runner.cancel(taskId)).toBe(false);
    expect(runner.cancel('nope')).toBe(false);
  });

  it('keeps a failed task as failed', async () => {
    const runner = new TaskRunner<string>();
    const { taskId } = runner.start('f', async () => {
      throw new Error('boom');
    });
    await expect(runner.get(taskId)!.done).rejects.toThrow('boom');
    expect(runner.get(taskId)!.state).toBe('failed');
  });

  it('forgets the oldest finished tasks beyond its limit', async () => {
    const runner = new TaskRunner<number>(2);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { taskId } = runner.start(`t${i}`, async () => i);
      ids.push(taskId);
      await runner.get(taskId)!.done;
    }
    expect(runner.get(ids[0]!)).toBeUndefined();
    expect(runner.get(ids[3]!)?.result).toBe(3);
  });
});

describe('createThrottle', () => {
  it('emits the first value at once and the latest value at the end of the interval', async () => {
    const seen: number[] = [];
    const t = createThrottle<number>(50, (v) => seen.push(v));
    t.push('a', 1);
    t.push('a', 2);
    t.push('a', 3);
    t.push('b', 10);
    expect(seen).toEqual([1, 10]);
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toEqual([1, 10, 3]);
  });

  it('flush delivers pending values immediately', () => {
    const seen: number[] = [];
    const t = createThrottle<number>(10_000, (v) => seen.push(v));
    t.push('a', 1);
    t.push('a', 2);
    t.flush();
    expect(seen).toEqual([1, 2]);
  });
});
