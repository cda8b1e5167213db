import { markTestRun } from './leftovers';

/** Playwright global setup: names the run so the global teardown can find what it started. */
export default function globalSetup(): void {
  markTestRun();
}
