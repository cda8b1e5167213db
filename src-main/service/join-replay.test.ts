import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../e2e/lab';
import type { ProgressEvent } from '../shared/dto';
import { createNodeAppService } from './node-deps';

let silent: StandIn;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-join-'));
  silent = await startStandIn('hang');
});

afterAll(async () => {
  await silent.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('a request that joins a running diagnosis', () => {
  it("gets the task's events so far again, in order, before its reply (a second tab then shows what the first shows)", async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    const events: ProgressEvent[] = [];
    const off = service.onProgress((event) => events.push(event));
    const request = { target: `${silent.host}:${silent.port}`, timeoutMs: 5000 };
    const { taskId } = await service.handlers['diagnosis:start'](request);
    // The silent server holds the run open; wait until some checks have finished.
    await expect.poll(() => events.filter((e) => e.type === 'check-finished').length, { timeout: 5000 }).toBeGreaterThan(2);
    const before = events.filter((e) => e.taskId === taskId);
    const mark = events.length;
    const joined = await service.handlers['diagnosis:start'](request);
    expect(joined.taskId).toBe(taskId);
    const replay = events.slice(mark, mark + before.length);
    expect(replay[0]?.type).toBe('task-started');
    expect(replay).toEqual(before);
    await service.handlers['diagnosis:cancel']({ taskId });
    await expect.poll(() => events.some((e) => e.type === 'task-cancelled'), { timeout: 5000 }).toBe(true);
    off();
    service.shutdown();
  });
});
