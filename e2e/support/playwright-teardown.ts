import { assertNoLeftovers, TEST_RUN_ENV } from './leftovers';

/** Playwright global teardown: fails the run if any lab peer or app process outlived the specs. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env[TEST_RUN_ENV];
  if (runId) await assertNoLeftovers(runId, 'the Playwright suite');
}
