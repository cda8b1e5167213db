import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { exchangeOnce, openExchange } from './rdp-socket';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

/** A loopback server that answers each connection with `behave`. */
async function serve(behave: (s: net.Socket) => void): Promise<number> {
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    behave(s);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as net.AddressInfo).port;
}

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const confirm = (type: number, value: number): Buffer => Buffer.from([3, 0, 0, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0, type, 0, 8, 0, value, 0, 0, 0]);

describe('exchangeOnce over loopback sockets', () => {
  it('sends the CR it was asked for and reads a selected protocol split over two writes', async () => {
    let got: Buffer | null = null;
    const port = await serve((s) =>
      s.once('data', (d) => {
        got = d;
        const c = confirm(2, 1);
        s.write(c.subarray(0, 3));
        setTimeout(() => s.write(c.subarray(3)), 20);
      }),
    );
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 3, timeoutMs: 2000 });
    expect(r.outcome).toEqual({ kind: 'selected', protocol: 1, protocolName: 'SSL', flags: 0 });
    expect(got![got!.length - 4]).toBe(3);
    expect(r.connectMs).not.toBeNull();
    expect(r.replyMs).toBeGreaterThanOrEqual(15);
  });
  it('hands back an open socket after a selection', async () => {
    const port = await serve((s) => s.once('data', () => s.write(confirm(2, 2))));
    const { result, socket } = await openExchange({ host: '127.0.0.1', port, requestedProtocols: 3, timeoutMs: 2000 });
    expect(result.outcome.kind).toBe('selected');
    expect(socket?.destroyed).toBe(false);
    socket?.destroy();
  });
  it('times out on a silent server within the timeout', async () => {
    const port = await serve(() => undefined);
    const t = Date.now();
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 0, timeoutMs: 300 });
    expect(r.outcome).toEqual({ kind: 'timeout', phase: 'reply' });
    expect(Date.now() - t).toBeLessThan(1500);
  });
  it('reports a close without reply as closed', async () => {
    const port = await serve((s) => s.once('data', () => s.end()));
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 0, timeoutMs: 2000 });
    expect(r.outcome).toMatchObject({ kind: 'closed', bytesReceived: 0 });
  });
  it('reports an HTTP answer as non-RDP with a preview', async () => {
    const port = await serve((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 0, timeoutMs: 2000 });
    expect(r.outcome).toMatchObject({ kind: 'non-rdp', preview: expect.stringContaining('HTTP/1.1 400') });
  });
  it('stops reading an endless TPKT at the size cap', async () => {
    const port = await serve((s) => s.once('data', () => s.write(Buffer.from([3, 0, 0xff, 0xff, 0, 0, 0, 0]))));
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 0, timeoutMs: 2000 });
    expect(r.outcome).toMatchObject({ kind: 'non-rdp', reason: expect.stringContaining('65535') });
  });
  it('reports refused on a closed port', async () => {
    const port = await serve(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 0, timeoutMs: 2000 });
    expect(r.outcome).toEqual({ kind: 'refused' });
  });
  it('honours the abort signal', async () => {
    const port = await serve(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 0, timeoutMs: 5000, signal: ac.signal });
    expect(r.outcome).toEqual({ kind: 'aborted' });
    expect(r.totalMs).toBeLessThan(1000);
  });
});
