import { describe, expect, it } from 'vitest';
import { createMemoTable } from './memo-table';

describe('memo table', () => {
  it('runs a probe once per key and says where it stands without starting it', async () => {
    const table = createMemoTable();
    let runs = 0;
    let finish: (value: string) => void = () => undefined;
    const probe = (): Promise<string> => {
      runs += 1;
      return new Promise((resolve) => (finish = resolve));
    };
    expect(table.peek('net:x')).toBeUndefined();
    expect(runs).toBe(0);
    const first = table.memo('net:x', probe);
    const again = table.memo('net:x', probe);
    expect(again).toBe(first);
    expect(runs).toBe(1);
    expect(table.peek('net:x')).toEqual({ state: 'running' });
    finish('answer');
    await first;
    expect(table.peek('net:x')).toEqual({ state: 'ended', value: 'answer' });
  });

  it('a failed probe reads as failed, and settled() does not wait for it', async () => {
    const table = createMemoTable();
    const failing = table.memo('net:y', () => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    expect(table.peek('net:y')).toEqual({ state: 'failed' });
    await table.settled('net:', 1000);
  });
});
