import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, startXrdp, stopAll } from '../../e2e/lab';
import { openSockets, setSocketBudget } from '../net/socket-budget';
import { runDiagnosis } from './diagnosis';
import { createNodeDeps } from './node-deps';

// Every socket a diagnosis opens gives its slot in the process's socket budget back once it has closed. A slot kept
// after the socket is gone shrinks the budget for good: in a batch, after a few hundred targets every connect waits
// for a slot that never comes, and silent servers read "nothing found" when the diagnosis runs out of time.
const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-slots-'));
const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });

afterAll(async () => {
  setSocketBudget(Infinity);
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

async function diagnose(target: string): Promise<string[]> {
  const report = await runDiagnosis('slots', { target, timeoutMs: 1500 }, deps, () => undefined, new AbortController().signal);
  return report.findings.map((f) => f.id);
}

describe('socket slots', () => {
  it('are all given back after diagnoses of a silent server and a real xrdp', async () => {
    setSocketBudget(1000);
    const silent = await startStandIn('hang');
    const xrdp = await startXrdp({ securityLayer: 'tls' });
    expect(await diagnose(`${silent.host}:${silent.port}`)).toContain('negotiation-timeout');
    await diagnose(`${xrdp.host}:${xrdp.port}`);
    await expect.poll(() => openSockets(), { timeout: 3000, interval: 50 }).toBe(0);
  }, 30_000);
});
