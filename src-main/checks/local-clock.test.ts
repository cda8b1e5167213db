// Recorded machines are judged as of their recording: the same verdicts on any later day (no date bomb),
// while live evidence and the network checks keep the real clock.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_CHECK_IDS, SERVER_CHECK_IDS } from '../shared/ids';
import { createReplaySource } from '../windows/replay-source';
import { CHECKS } from './registry';
import { atRecordingTime } from './local-clock';
import { WINDOWS_FIXTURES } from './server-test-kit';
import { makeTestContext } from './test-context';

const MACHINES = readdirSync(WINDOWS_FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const TARGETS: Record<string, string> = { 'host-expired-cert': 'RDP-HOST01', 'host-nla-firewall-off': 'localhost' };

async function verdicts(machine: string, now: Date) {
  const windows = createReplaySource(join(WINDOWS_FIXTURES, machine));
  const ctx = makeTestContext({ target: TARGETS[machine] ?? '127.0.0.1', windows, now: () => now });
  const out: Record<string, string> = {};
  for (const id of [...CLIENT_CHECK_IDS, ...SERVER_CHECK_IDS]) {
    const r = await CHECKS[id].run(ctx);
    out[id] = `${r.status}: ${r.summary}`;
  }
  return out;
}

describe('recorded machines keep their verdicts on any later day', () => {
  it('every recorded machine says when it was recorded', () => {
    expect(MACHINES.length).toBeGreaterThanOrEqual(5);
    for (const m of MACHINES) expect(createReplaySource(join(WINDOWS_FIXTURES, m)).recordedAt, m).toBeInstanceOf(Date);
  });

  for (const machine of MACHINES) {
    it(`${machine}: the same statuses and summaries at the recording, in 2027-04, 2031 and 2045`, async () => {
      const recordedAt = createReplaySource(join(WINDOWS_FIXTURES, machine)).recordedAt as Date;
      const then = await verdicts(machine, recordedAt);
      for (const later of ['2027-04-01T00:00:00Z', '2031-01-01T00:00:00Z', '2045-06-01T00:00:00Z']) {
        expect(await verdicts(machine, new Date(later)), later).toEqual(then);
      }
    });
  }

  it('host-nla-firewall-off: its certificate (valid until 2027-03-16) reads valid years later', async () => {
    const out = await verdicts('host-nla-firewall-off', new Date('2030-01-01T00:00:00Z'));
    expect(out['server.certificate']).toMatch(/^pass: .*valid until 2027-03-16/);
  });

  it('live sources and sources without recordedAt keep the real clock', () => {
    const real = new Date('2031-05-05T00:00:00Z');
    const ctx = makeTestContext({ now: () => real });
    expect(atRecordingTime(ctx).now()).toBe(real);
    const live = makeTestContext({ now: () => real, windows: { origin: 'powershell', replayDir: null, machineRole: 'unknown', recordedAt: null, collect: async () => '' } });
    expect(atRecordingTime(live).now()).toBe(real);
    const replay = makeTestContext({ now: () => real, windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-nla-firewall-off')) });
    expect(atRecordingTime(replay).now().toISOString()).toBe('2026-11-21T12:00:00.000Z');
  });
});
