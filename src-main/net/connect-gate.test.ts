import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectsSince, connectWithRetry, HEDGE_MS, NEAR_SERVER_PLACES } from './connect-gate';
import { answered, awaitingNow, beginConnect, quietFor } from './in-flight';

// A listener with a backlog of 1 whose process stops accepting for a moment: the kernel drops SYNs that find the
// accept queue full and retries them only after one second — what a busy xrdp (backlog 2) does to a burst of probes.
const LISTENER = `
const net = require('node:net');
const server = net.createServer((s) => s.on('error', () => {}));
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('data', () => { const end = Date.now() + 150; while (Date.now() < end); process.stdout.write('free\\n'); });
`;

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

function startListener(): Promise<{ port: number; block: () => void }> {
  const child = spawn(process.execPath, ['-e', LISTENER], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve) => {
    child.stdout!.once('data', (d: Buffer) => resolve({ port: Number(d.toString().trim()), block: () => child.stdin!.write('x') }));
  });
}

const connect = (port: number): Promise<net.Socket> =>
  new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });

describe('the first connect to a server of unknown speed', () => {
  it('sends a second SYN after HEDGE_MS instead of waiting a second for the kernel to retry a dropped one', async () => {
    const { port, block } = await startListener();
    block();
    await new Promise((r) => setTimeout(r, 20));
    // Fill the accept queue (backlog 1 holds two) while the listener is not accepting.
    const fillers = await Promise.all([connect(port), connect(port)]);
    const begin = performance.now();
    const r = await connectWithRetry('127.0.0.1', port, 5000);
    const elapsed = performance.now() - begin;
    expect(r.kind).toBe('connected');
    // The resent SYN is on record, so this connect can never pass for a clean latency sample.
    expect(r.kind === 'connected' ? r.retries : -1).toBe(1);
    expect(connectsSince('127.0.0.1', port, begin).map((c) => c.retries)).toEqual([1]);
    if (r.kind === 'connected') r.socket.destroy();
    fillers.forEach((s) => s.destroy());
    // The dropped first SYN alone would have connected only after about 1000 ms.
    expect(elapsed).toBeGreaterThanOrEqual(HEDGE_MS - 5);
    expect(elapsed).toBeLessThan(800);
  });

  it('a server that answers at once gets a single connect', async () => {
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => accepted.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const begin = performance.now();
    const r = await connectWithRetry('127.0.0.1', port, 2000);
    expect(r.kind).toBe('connected');
    await new Promise((res) => setTimeout(res, HEDGE_MS + 100));
    expect(accepted).toHaveLength(1);
    const again = await connectWithRetry('127.0.0.1', port, 2000);
    if (again.kind === 'connected') again.socket.destroy();
    // Both connects are on record, answered at the first SYN; a later reader sees only the ones after its start.
    const seen = connectsSince('127.0.0.1', port, begin);
    expect(seen.map((c) => c.retries)).toEqual([0, 0]);
    expect(connectsSince('127.0.0.1', port, (seen[0]?.at ?? 0) + 0.001)).toHaveLength(1);
    if (r.kind === 'connected') r.socket.destroy();
    accepted.forEach((s) => s.destroy());
    server.close();
  });
});

describe('a near server', () => {
  it('has at most NEAR_SERVER_PLACES of our connections awaiting its answer; each answer lets the next SYN go', async () => {
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => accepted.push(s.on('error', () => undefined)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    // The first connect makes the server known as near (loopback answers in well under NEAR_SERVER_MS).
    const first = await connectWithRetry('127.0.0.1', port, 2000);
    if (first.kind !== 'connected') throw new Error('not connected');
    first.socket.destroy();
    await new Promise((r) => setTimeout(r, 10));
    const burst = Array.from({ length: 5 }, () => connectWithRetry('127.0.0.1', port, 2000));
    const done: net.Socket[] = [];
    burst.forEach((p) => void p.then((r) => r.kind === 'connected' && done.push(r.socket)));
    await new Promise((r) => setTimeout(r, 15));
    expect(awaitingNow('127.0.0.1', port)).toBe(NEAR_SERVER_PLACES);
    expect(done).toHaveLength(NEAR_SERVER_PLACES);
    // The server answers one: one more of ours goes.
    answered(done[0]!);
    await new Promise((r) => setTimeout(r, 15));
    expect(done).toHaveLength(NEAR_SERVER_PLACES + 1);
    expect(awaitingNow('127.0.0.1', port)).toBe(NEAR_SERVER_PLACES);
    // A server that accepts and never answers holds ours only a moment (a retry's wait), never their time-out.
    const results = await Promise.all(burst);
    expect(results.map((r) => r.kind)).toEqual(Array(5).fill('connected'));
    expect(results.map((r) => (r.kind === 'connected' ? r.retries : -1))).toEqual([0, 0, 0, 0, 0]);
    done.forEach((s) => s.destroy());
    accepted.forEach((s) => s.destroy());
    server.close();
  });
});

describe('quietFor', () => {
  it('waits until no connect to the server started for the given time, and gives up at the deadline', async () => {
    beginConnect('192.0.2.7', 3389).release();
    const begin = performance.now();
    expect(await quietFor('192.0.2.7', 3389, 60, begin + 1000)).toBe(true);
    expect(performance.now() - begin).toBeGreaterThanOrEqual(55);
    beginConnect('192.0.2.7', 3389).release();
    const early = performance.now();
    expect(await quietFor('192.0.2.7', 3389, 500, early + 50)).toBe(false);
    expect(performance.now() - early).toBeLessThan(40);
    // Another server's connects do not count.
    expect(await quietFor('192.0.2.8', 3389, 500, performance.now() + 10)).toBe(true);
  });
});
