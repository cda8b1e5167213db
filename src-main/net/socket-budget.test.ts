import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWithRetry } from './connect-gate';
import { openSockets, setSocketBudget, socketSlot } from './socket-budget';

afterEach(() => setSocketBudget(Infinity));

describe('the process-wide socket budget', () => {
  it('lets a connect wait for one of ours to close instead of exceeding the budget', async () => {
    const server = net.createServer((s) => s.on('error', () => undefined));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const before = openSockets();
    setSocketBudget(before + 2);
    const [a, b] = await Promise.all([connectWithRetry('127.0.0.1', port, 2000), connectWithRetry('127.0.0.1', port, 2000)]);
    if (a.kind !== 'connected' || b?.kind !== 'connected') throw new Error('not connected');
    expect(openSockets()).toBe(before + 2);
    let settled = false;
    const pending = connectWithRetry('127.0.0.1', port, 2000).then((r) => {
      settled = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    a.socket.destroy();
    const third = await pending;
    if (third.kind !== 'connected') throw new Error('not connected');
    expect(openSockets()).toBe(before + 2);
    b.socket.destroy();
    third.socket.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(openSockets()).toBe(before);
    server.close();
  });

  it('a wait ends with null when the signal aborts, and a release counts once', async () => {
    setSocketBudget(openSockets() + 1);
    const held = await socketSlot();
    const controller = new AbortController();
    const waiting = socketSlot(controller.signal);
    controller.abort();
    expect(await waiting).toBeNull();
    held!();
    held!();
    const next = await socketSlot();
    expect(next).not.toBeNull();
    next!();
  });
});
