import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLossyListener } from '../../e2e/lab/lossy-listener';
import { closedPort } from '../../e2e/lab/ports';
import { stopAll } from '../../e2e/lab/processes';
import { connectOnce, sampleLatency } from './tcp';
import { startSilentPort, type SilentPort } from './test-silent-port';

describe('tcp probes', () => {
  let server: net.Server;
  let port: number;
  let accepted = 0;
  let silent: SilentPort;
  beforeAll(async () => {
    silent = await startSilentPort();
    server = net.createServer((socket) => {
      accepted++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await silent.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports an open port with a connect time', async () => {
    const r = await connectOnce('127.0.0.1', port, { timeoutMs: 2000 });
    expect(r).toMatchObject({ kind: 'open', address: '127.0.0.1', port, family: 4, code: null });
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.ms).toBeLessThan(2000);
  });

  it('reports a closed port as refused, not as a time-out', async () => {
    const closed = await closedPort();
    const r = await connectOnce('127.0.0.1', closed, { timeoutMs: 2000 });
    expect(r.kind).toBe('refused');
    expect(r.code).toBe('ECONNREFUSED');
  });

  it('gives up on a silent address within the time-out', async () => {
    const started = Date.now();
    const r = await connectOnce('127.0.0.1', silent.port, { timeoutMs: 300 });
    expect(r.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops at once when aborted', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 30);
    const r = await connectOnce('127.0.0.1', silent.port, { timeoutMs: 5000, signal: ctl.signal });
    expect(r.kind).toBe('aborted');
    expect(r.ms).toBeLessThan(1000);
  });

  it('rejects a non-address without touching the network', async () => {
    expect((await connectOnce('not-an-ip', 3389, { timeoutMs: 500 })).kind).toBe('error');
  });

  it('samples latency with no loss on a working port', async () => {
    const before = accepted;
    const s = await sampleLatency('127.0.0.1', port, { timeoutMs: 1000, count: 4 });
    expect(s.attempts).toBe(4);
    expect(s.answered).toBe(4);
    expect(s.lossRatio).toBe(0);
    expect(s.medianMs).not.toBeNull();
    expect(s.maxMs).toBeGreaterThanOrEqual(s.medianMs ?? 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(accepted - before).toBe(4);
  });

  it('counts connects already made as its first and makes only the rest', async () => {
    const before = accepted;
    const s = await sampleLatency('127.0.0.1', port, { timeoutMs: 1000, count: 4, prior: [{ ms: 3.14, busyMs: 1.04 }] });
    expect(s.attempts).toBe(4);
    expect(s.samplesMs[0]).toBe(3.1);
    expect(s.connects[0]).toEqual({ kind: 'open', ms: 3.1, busyMs: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(accepted - before).toBe(3);
  });

  it('counts silence as loss and keeps to its time budget', async () => {
    const started = Date.now();
    const s = await sampleLatency('127.0.0.1', silent.port, { timeoutMs: 200, count: 10, budgetMs: 700 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(s.attempts).toBeGreaterThanOrEqual(3);
    expect(s.attempts).toBeLessThan(10);
    expect(s.lossRatio).toBe(1);
    expect(s.medianMs).toBeNull();
  });
});

describe('latency sample against a path that loses connects', () => {
  afterAll(() => stopAll());

  it('counts the connects that got no answer instead of retrying them, and records each connect', async () => {
    const lossy = await startLossyListener({ holdMs: 300 });
    const s = await sampleLatency('127.0.0.1', lossy.port, { timeoutMs: 900, count: 5, budgetMs: 5000 });
    expect(s.attempts).toBe(5);
    expect(s.retries).toBe(0);
    expect(s.connectTimeoutMs).toBe(900);
    expect(s.connects.map((c) => c.kind)).toEqual(['open', 'timeout', 'open', 'timeout', 'open']);
    expect(s.lost).toBe(2);
    expect(s.lossRatio).toBe(0.4);
    expect(s.samplesMs.map((v) => v === null)).toEqual([false, true, false, true, false]);
    // A lost connect took its whole bound; an answered one took a loopback round trip.
    for (const c of s.connects) expect(c.ms).toBeGreaterThanOrEqual(c.kind === 'timeout' ? 895 : 0);
    expect(s.maxMs).toBeLessThan(100);
  });
});
