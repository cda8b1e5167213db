import { randomUUID } from 'node:crypto';
import { LAB_OWNER_ENV } from '../lab/processes';
import { envOf, scanProcesses, type OurProcess } from '../lab/proc-table';

/** Environment variable naming one whole test run; every worker, lab peer and app process of the run inherits it. */
export const TEST_RUN_ENV = 'RDP_DOCTOR_TEST_RUN';

// Processes of ours a finished run must not leave: lab peers (stamped with the owner variable), the app's own entry
// points and the simulated Windows' pwsh driver.
const APP_PROCESS = /rdp-doctor\.cjs|scripts\/start\.mjs|dist\/main\/main\.cjs|windows-sim\/driver\.ps1/;

/** Names this test run (once) so that its processes can be found again at the end. */
export function markTestRun(): string {
  const id = process.env[TEST_RUN_ENV] ?? randomUUID();
  process.env[TEST_RUN_ENV] = id;
  return id;
}

/** Live lab peers and app processes started by the run `runId`. */
export function leftoversOf(runId: string): OurProcess[] {
  return scanProcesses((pid) => envOf(pid, TEST_RUN_ENV) === runId).filter((row) => envOf(row.pid, LAB_OWNER_ENV) !== undefined || APP_PROCESS.test(row.cmdline));
}

/** Waits up to graceMs for the run's processes to end; then kills the rest and throws, naming them. */
export async function assertNoLeftovers(runId: string, suite: string, graceMs = 5000): Promise<void> {
  const deadline = Date.now() + graceMs;
  let rows = leftoversOf(runId);
  while (rows.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = leftoversOf(runId);
  }
  if (rows.length === 0) return;
  for (const row of rows) {
    try {
      process.kill(row.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  throw new Error(`${suite} left ${rows.length} process(es) behind: ${rows.map((r) => `${r.pid} ${r.cmdline.slice(0, 120)}`).join('; ')}`);
}
