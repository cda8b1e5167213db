import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../e2e/lab';
import { createNodeAppService } from '../service/node-deps';
import { MAX_RUNNING_DIAGNOSES, startWebServer, type WebServer } from './server';

// Browser mode's limits as a page (or any local client holding the token) meets them: a diagnosis past the limit is a
// clear 429, and a task the service no longer keeps answers 410 "gone" instead of null, which reads as still running.
let server: WebServer;
let home: string;
let silent: StandIn;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-limits-'));
  const staticDir = join(home, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  const service = createNodeAppService({ door: 'browser', dataDir: home, env: {}, maxRunningDiagnoses: MAX_RUNNING_DIAGNOSES });
  server = await startWebServer({ port: 0, staticDir, service });
  silent = await startStandIn('hang');
});

afterAll(async () => {
  await server.close();
  await silent.stop();
  rmSync(home, { recursive: true, force: true });
});

async function invoke(channel: string, args: unknown): Promise<{ status: number; body: { ok: boolean; value?: { taskId?: string }; error?: { code: string; message: string } } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as never };
}

describe('browser-mode limits', () => {
  it(`runs at most ${MAX_RUNNING_DIAGNOSES} diagnoses at once: the next is a 429 that says why, the same request joins its run`, async () => {
    const target = `${silent.host}:${silent.port}`;
    const ids: string[] = [];
    for (let i = 0; i < MAX_RUNNING_DIAGNOSES; i += 1) {
      const started = await invoke('diagnosis:start', { target, timeoutMs: 5000 + i });
      expect(started.status).toBe(200);
      ids.push(started.body.value?.taskId ?? '');
    }
    const refused = await invoke('diagnosis:start', { target, timeoutMs: 6000 });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('busy');
    expect(refused.body.error?.message).toMatch(new RegExp(`^${MAX_RUNNING_DIAGNOSES} diagnoses are running already`));
    // Asking again for a run that is going joins it: no new run, no refusal.
    const joined = await invoke('diagnosis:start', { target, timeoutMs: 5000 });
    expect(joined.status).toBe(200);
    expect(joined.body.value?.taskId).toBe(ids[0]);
    // Still running reads null, not gone.
    expect((await invoke('diagnosis:get', { taskId: ids[0] })).body).toEqual({ ok: true, value: null });

    for (const taskId of ids) await invoke('diagnosis:cancel', { taskId });
    await expect.poll(async () => (await invoke('diagnosis:start', { target, timeoutMs: 6000 })).status, { timeout: 10_000, interval: 100 }).toBe(200);
    const last = await invoke('diagnosis:start', { target, timeoutMs: 6000 });
    await invoke('diagnosis:cancel', { taskId: last.body.value?.taskId });
  }, 30_000);

  it('a task that is not kept answers 410 "gone", so a polling page stops waiting', async () => {
    const gone = await invoke('diagnosis:get', { taskId: 'c0ffee00-0000-4000-8000-000000000000' });
    expect(gone.status).toBe(410);
    expect(gone.body.error?.code).toBe('gone');
    expect(gone.body.error?.message).toMatch(/no longer kept .* run it again/);
  });
});
