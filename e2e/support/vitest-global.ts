import { assertNoLeftovers, markTestRun } from './leftovers';

/** Vitest global setup: names the run; its teardown fails the run if any lab peer or app process outlived the suite. */
export default function setup(): () => Promise<void> {
  const runId = markTestRun();
  return async () => {
    try {
      await assertNoLeftovers(runId, 'the Vitest suite');
    } catch (error) {
      // Vitest reports a teardown error but keeps exit code 0; a leftover process must fail the run.
      process.exitCode = 1;
      throw error;
    }
  };
}
