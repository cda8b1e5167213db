import { afterAll, describe, expect, it } from 'vitest';
import { listOurProcesses, spawnLab, stopAll } from './processes';

afterAll(() => stopAll());

describe('lab processes', () => {
  it('stop() takes down the whole group, grandchildren included', async () => {
    const p = spawnLab('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { name: 'sleepers' });
    await new Promise((r) => setTimeout(r, 200));
    const before = listOurProcesses().filter((r) => r.pgid === p.pid);
    expect(before.map((r) => r.name).filter((n) => n === 'sleep')).toHaveLength(2);
    await p.stop();
    expect(p.hasExited()).toBe(true);
    expect(listOurProcesses().filter((r) => r.pgid === p.pid)).toEqual([]);
  });

  it('a child that ignores SIGTERM is killed after the grace period', async () => {
    const p = spawnLab('sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 0.1; done']);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await p.stop(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await p.exited).signal).toBe('SIGKILL');
    expect(p.output()).toContain('ready');
  });

  it('stopAll leaves nothing behind, and a missing binary is a clear error', async () => {
    spawnLab('sleep', ['30']);
    spawnLab('sh', ['-c', 'sleep 30']);
    expect(listOurProcesses().length).toBeGreaterThanOrEqual(2);
    await stopAll();
    expect(listOurProcesses()).toEqual([]);
    expect(() => spawnLab('/nonexistent/rdp-doctor-binary', [])).toThrow(/cannot start/);
  });
});
