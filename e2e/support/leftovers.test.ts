import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LAB_OWNER_ENV } from '../lab/processes';
import { assertNoLeftovers, leftoversOf, TEST_RUN_ENV } from './leftovers';

// The end-of-suite check: a lab peer that escaped its test is found by the run's name and fails the run.
describe('leftover processes of a test run', () => {
  it('finds a stray lab peer of the run, kills it and names it', async () => {
    const runId = randomUUID();
    const stray = spawn('sleep', ['30'], { detached: true, stdio: 'ignore', env: { ...process.env, [TEST_RUN_ENV]: runId, [LAB_OWNER_ENV]: '1' } });
    stray.unref();
    const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore', env: { ...process.env, [TEST_RUN_ENV]: randomUUID(), [LAB_OWNER_ENV]: '1' } });
    other.unref();
    try {
      await expect.poll(() => leftoversOf(runId).map((row) => row.pid)).toEqual([stray.pid]);
      await expect(assertNoLeftovers(runId, 'this run', 200)).rejects.toThrow(new RegExp(`left 1 process\\(es\\) behind: ${stray.pid} sleep 30`));
      await expect.poll(() => leftoversOf(runId)).toEqual([]);
    } finally {
      stray.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });

  it('passes when the run left nothing', async () => {
    await expect(assertNoLeftovers(randomUUID(), 'an empty run', 100)).resolves.toBeUndefined();
  });
});
