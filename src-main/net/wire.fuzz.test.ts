// The negotiation and TLS-upgrade state machines fed random server bytes over real loopback sockets.
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../test-support/fuzz';
import { exchangeOnce } from './rdp-socket';
import { attemptTls } from './rdp-tls';

const TIMEOUT = 300;
/** Each run waits on real sockets (up to a timeout), so long fuzz runs stop at 2,000 per property (about two minutes). */
const RUNS = Math.min(fuzzRuns(40), 2000);
/** What the server does with the next connection: bytes to send (each its own write), then how to end. */
interface Script {
  readonly prefix: Uint8Array;
  readonly chunks: Uint8Array[];
  readonly end: 'fin' | 'reset' | 'stay';
}
let script: Script = { prefix: new Uint8Array(), chunks: [], end: 'fin' };
let server: net.Server;
let port = 0;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    const { prefix, chunks, end } = script;
    let sentPrefix = false;
    let sentChunks = false;
    socket.on('data', () => {
      // First the prefix (a confirm, for the TLS cases) in answer to the CR, then the fuzz bytes on the next client data.
      if (!sentPrefix && prefix.length > 0) {
        sentPrefix = true;
        socket.write(prefix);
        return;
      }
      if (sentChunks) return;
      sentChunks = true;
      for (const chunk of chunks) if (!socket.destroyed) socket.write(chunk);
      if (end === 'fin') socket.end();
      else if (end === 'reset') setTimeout(() => !socket.destroyed && socket.resetAndDestroy(), 1);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const bytes = fc.uint8Array({ maxLength: 600 });
/** Bytes that often start like TPKT, so the fuzz gets past the first-byte check. */
const tpktish = fc
  .tuple(fc.constantFrom(0x03, 0x16, 0x15, 0x30, 0x48), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xffff }), bytes)
  .map(([first, second, length, rest]) => Uint8Array.from([first, second, length >> 8, length & 0xff, ...rest]));
const chunks = fc.array(fc.oneof(bytes, tpktish), { maxLength: 4 });
const ends = fc.constantFrom<Script['end']>('fin', 'reset', 'stay');
const CONFIRM_SSL = Uint8Array.from([3, 0, 0, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 1, 0, 0, 0]);

describe('random server replies', () => {
  it('the X.224 exchange always settles within its timeout with a known outcome', async () => {
    await fc.assert(
      fc.asyncProperty(chunks, ends, async (list, end) => {
        script = { prefix: new Uint8Array(), chunks: list, end };
        const begin = performance.now();
        const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 3, timeoutMs: TIMEOUT });
        expect(performance.now() - begin).toBeLessThan(TIMEOUT + 250);
        expect(['selected', 'failure', 'legacy', 'rejected', 'non-rdp', 'closed', 'timeout']).toContain(r.outcome.kind);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
      { numRuns: RUNS },
    );
  });

  it('the TLS upgrade after a valid confirm always settles, never ok, with a one-line error', async () => {
    await fc.assert(
      fc.asyncProperty(chunks, ends, async (list, end) => {
        script = { prefix: CONFIRM_SSL, chunks: list, end };
        const begin = performance.now();
        const r = await attemptTls({ host: '127.0.0.1', port, servername: null, requestedProtocols: 1, timeoutMs: TIMEOUT, version: null });
        expect(performance.now() - begin).toBeLessThan(2 * TIMEOUT + 250);
        expect(r.attempt.ok).toBe(false);
        expect(r.attempt.error ?? '').not.toMatch(/\n/);
      }),
      { numRuns: RUNS },
    );
  });
});
