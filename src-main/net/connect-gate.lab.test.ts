import { afterAll, describe, expect, it } from 'vitest';
import { closedPort, startXrdp, stopAll } from '../../e2e/lab';
import { connectWithRetry } from './connect-gate';

afterAll(() => stopAll());

describe('connectWithRetry', () => {
  it('does not stall on xrdp, whose listen backlog of 2 drops a burst of SYNs (the kernel would wait 1 s)', async () => {
    const xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    const begin = performance.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => connectWithRetry('127.0.0.1', xrdp.port, 5000)));
    const elapsed = performance.now() - begin;
    for (const r of results) {
      expect(r.kind).toBe('connected');
      if (r.kind === 'connected') r.socket.destroy();
    }
    expect(elapsed).toBeLessThan(900);
    await xrdp.stop();
  });

  it('reports a refused port at once and honours the deadline and the signal', async () => {
    const port = await closedPort();
    const refused = await connectWithRetry('127.0.0.1', port, 2000);
    expect(refused.kind).toBe('error');
    if (refused.kind === 'error') expect(refused.error.code).toBe('ECONNREFUSED');
    const controller = new AbortController();
    controller.abort();
    expect((await connectWithRetry('127.0.0.1', port, 2000, controller.signal)).kind).toBe('aborted');
  });
});
