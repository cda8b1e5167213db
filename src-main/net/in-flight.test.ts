import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectsSince, connectWithRetry } from './connect-gate';
import { answered, awaitingNow, beginConnect, busyMark, busySince, quietFor, roomFor } from './in-flight';

let server: net.Server;
let port: number;
const accepted: net.Socket[] = [];

beforeAll(async () => {
  // Accepts and never speaks, so a connection stays "awaiting" until we say the server answered or we close it.
  server = net.createServer((s) => accepted.push(s.on('error', () => undefined)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => {
  accepted.forEach((s) => s.destroy());
  server.close();
});

describe('connections in flight to one server', () => {
  it('counts each connection from its SYN until the server answers or it closes, and tells each connect its crowd', async () => {
    const begin = performance.now();
    const first = await connectWithRetry('127.0.0.1', port, 2000);
    const [second, third] = await Promise.all([connectWithRetry('127.0.0.1', port, 2000), connectWithRetry('127.0.0.1', port, 2000)]);
    if (first.kind !== 'connected' || second?.kind !== 'connected' || third?.kind !== 'connected') throw new Error('not connected');
    expect(first.crowd).toBe(0);
    expect([second.crowd, third.crowd].sort()).toEqual([1, 2]);
    expect(connectsSince('127.0.0.1', port, begin).map((c) => c.crowd)).toEqual([0, 1, 2]);
    expect(awaitingNow('127.0.0.1', port)).toBe(3);
    answered(first.socket);
    answered(first.socket);
    expect(awaitingNow('127.0.0.1', port)).toBe(2);
    second.socket.destroy();
    third.socket.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(awaitingNow('127.0.0.1', port)).toBe(0);
    first.socket.destroy();
  });

  it('quietFor waits while a connection of ours still awaits the server, and gives up at the deadline', async () => {
    const pending = beginConnect('192.0.2.9', 3389);
    const begin = performance.now();
    expect(await quietFor('192.0.2.9', 3389, 10, begin + 60)).toBe(false);
    setTimeout(() => pending.release(), 30);
    expect(await quietFor('192.0.2.9', 3389, 10, performance.now() + 1000)).toBe(true);
    expect(performance.now() - begin).toBeGreaterThanOrEqual(30);
  });
});

describe('taking turns at a near server', () => {
  it('roomFor goes at once when there is room, and otherwise lets one waiter go per answered connection', async () => {
    const host = '192.0.2.10';
    const held = [beginConnect(host, 3389), beginConnect(host, 3389)];
    const start = performance.now();
    await roomFor(host, 3389, 3, 1000);
    expect(performance.now() - start).toBeLessThan(20);
    held.push(beginConnect(host, 3389));
    const order: string[] = [];
    const a = roomFor(host, 3389, 3, 1000).then(() => order.push('a'));
    const b = roomFor(host, 3389, 3, 1000).then(() => order.push('b'));
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual([]);
    held[0]!.release();
    held[0]!.release();
    await a;
    await new Promise((r) => setTimeout(r, 30));
    // One answered connection is one place: the second waiter still waits (the first one's SYN takes that place).
    expect(order).toEqual(['a']);
    held[1]!.release();
    await b;
    expect(order).toEqual(['a', 'b']);
    held[2]!.release();
  });

  it('roomFor waits no longer than its limit or the signal: a server that accepts and stays silent costs a moment', async () => {
    const host = '192.0.2.11';
    const held = [beginConnect(host, 3389), beginConnect(host, 3389), beginConnect(host, 3389)];
    const start = performance.now();
    await roomFor(host, 3389, 3, 40);
    expect(performance.now() - start).toBeGreaterThanOrEqual(35);
    const controller = new AbortController();
    const aborted = roomFor(host, 3389, 3, 5000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await aborted;
    expect(performance.now() - start).toBeLessThan(1000);
    held.forEach((h) => h.release());
  });
});

describe('our own busy time', () => {
  it('covers a stretch in which the loop could not have noticed a reply', async () => {
    const mark = busyMark();
    const end = performance.now() + 120;
    while (performance.now() < end);
    const busy = busySince(mark);
    // A wait in which the loop sleeps is not counted (a slow path must still show as slow).
    await new Promise((r) => setTimeout(r, 20));
    const idle = busyMark();
    const before = performance.now();
    await new Promise((r) => setTimeout(r, 300));
    const slept = busySince(idle);
    const elapsed = performance.now() - before;
    expect(busy).toBeGreaterThanOrEqual(115);
    // Whatever else this (test) process does meanwhile, most of a sleep is idle.
    expect(slept).toBeLessThan(elapsed * 0.6);
  });

  it('is part of a gated connect held up by our own work, so the path time stays small', async () => {
    const pending = connectWithRetry('127.0.0.1', port, 2000);
    // Work of ours right after the SYN (queued behind the connect's own next-tick), before the loop can see the reply.
    queueMicrotask(() =>
      process.nextTick(() => {
        const end = performance.now() + 200;
        while (performance.now() < end);
      }),
    );
    const r = await pending;
    if (r.kind !== 'connected') throw new Error('not connected');
    expect(r.ms).toBeGreaterThanOrEqual(195);
    expect(r.ms - r.busyMs).toBeLessThan(30);
    r.socket.destroy();
  });
});
