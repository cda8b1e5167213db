import { afterAll, describe, expect, it } from 'vitest';
import { startXrdp, stopAll } from '../../e2e/lab';
import { connectsSince } from './connect-gate';
import { PROTOCOL } from '../shared/protocol';
import { probeTlsVersions } from './tls-probe';

afterAll(() => stopAll());

describe('probeTlsVersions on a real xrdp', () => {
  it('takes the newest version from the full-range handshake that chose it, and pins the older ones', async () => {
    const xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    const begin = performance.now();
    const r = await probeTlsVersions({ host: '127.0.0.1', port: xrdp.port, servername: null, requestedProtocols: PROTOCOL.SSL, timeoutMs: 5000 });
    expect(r.negotiated?.version).toBe('TLSv1.3');
    expect(r.versions['TLSv1.3'].ok).toBe(true);
    expect(r.versions['TLSv1.2'].ok).toBe(true);
    expect(r.chain.length).toBeGreaterThan(0);
    // The full range, TLSv1, TLSv1.1 and TLSv1.2: four connections, no fifth for TLSv1.3.
    expect(connectsSince('127.0.0.1', xrdp.port, begin)).toHaveLength(4);
    await xrdp.stop();
  });
});
