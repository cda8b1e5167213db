import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientEventsCheck } from '../../../src-main/checks/client-events.check';
import { RECORDED_NOW, WINDOWS_FIXTURES, runServerChecks } from '../../../src-main/checks/server-test-kit';
import { makeTestContext } from '../../../src-main/checks/test-context';
import { createReplaySource } from '../../../src-main/windows/replay-source';
import { readEvents } from './evidence-shapes';

// The timeline reads the evidence the real checks build from the recorded machines, not a hand-made shape.
describe('event timeline on recorded machines', () => {
  it('client.events: each connection attempt with its decoded disconnect reason, newest first', async () => {
    const windows = createReplaySource(join(WINDOWS_FIXTURES, 'client-saved-creds-nla-off'));
    const outcome = await clientEventsCheck.run(makeTestContext({ target: '127.0.0.1', windows, now: () => RECORDED_NOW }));
    const events = readEvents(JSON.parse(JSON.stringify(outcome.evidence)));
    expect(events).not.toBeNull();
    expect(events).toHaveLength(2);
    expect(events?.[0]).toMatchObject({ time: '2026-11-22T08:01:15.000Z', source: 'Connection to 127.0.0.1', level: 'Did not connect' });
    expect(events?.[0]?.message).toBe('Ended with reason 2308 (0x904): socket closed (the connection was closed, normally by the other side)');
    expect(events?.[1]?.details[0]).toMatch(/TsSslStateHandshakeStart/);
  });

  it('server.events: the recent host events with their meaning and TLS alert', async () => {
    const results = await runServerChecks({ windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-expired-cert')) });
    const events = readEvents(JSON.parse(JSON.stringify(results.get('server.events')?.evidence)));
    expect(events?.length).toBeGreaterThan(5);
    expect(events?.[0]).toMatchObject({ source: 'Schannel', id: '36870', message: 'fatal error accessing the TLS server credential private key' });
    expect(events?.map((e) => e.message)).toContain('fatal TLS alert received from the remote end (TLS alert 46 certificate_unknown)');
    const times = events?.map((e) => e.time) ?? [];
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('a skipped events check has no timeline', () => {
    expect(readEvents({ reason: 'no-windows' })).toBeNull();
  });
});
