// Regressions found by the hostile-peer suite: bytes glued after the confirm, and confirms nobody asked for.
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openExchange, exchangeOnce } from './rdp-socket';
import { describeTlsError } from './rdp-tls';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

async function serve(reply: Buffer): Promise<number> {
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.once('data', () => s.write(reply));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as net.AddressInfo).port;
}

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const confirm = (value: number): Buffer => Buffer.from([3, 0, 0, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, value, 0, 0, 0]);

describe('openExchange against hostile confirms', () => {
  it('bytes glued after a confirm selecting SSL end the exchange once, not in a re-read loop', async () => {
    const port = await serve(Buffer.concat([confirm(1), Buffer.from('garbage after the confirm')]));
    const before = process.memoryUsage().rss;
    const begin = performance.now();
    const { result, socket, earlyBytes } = await openExchange({ host: '127.0.0.1', port, requestedProtocols: 1, timeoutMs: 1000 });
    socket?.destroy();
    expect(performance.now() - begin).toBeLessThan(500);
    expect(result.outcome).toMatchObject({ kind: 'selected', protocol: 1 });
    expect(socket).not.toBeNull();
    expect(earlyBytes).toBe('garbage after the confirm'.length);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it.each([
    [0x40, 1, 'UNKNOWN_0x40'],
    [2, 1, 'HYBRID'],
    [8, 3, 'HYBRID_EX'],
  ])('a confirm selecting 0x%s when 0x%s was asked is not RDP', async (selected, requested, name) => {
    const port = await serve(confirm(selected));
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: requested, timeoutMs: 1000 });
    expect(r.outcome).toMatchObject({ kind: 'non-rdp', reason: `the server selected ${name}, which was not requested` });
  });

  it('PROTOCOL_RDP is always an acceptable answer (xrdp security_layer=rdp selects it for TLS requests)', async () => {
    const port = await serve(confirm(0));
    const r = await exchangeOnce({ host: '127.0.0.1', port, requestedProtocols: 3, timeoutMs: 1000 });
    expect(r.outcome).toMatchObject({ kind: 'selected', protocol: 0 });
  });
});

describe('describeTlsError on DER OpenSSL cannot parse', () => {
  it('says the server sent malformed DER (message as node 20 reports the malformed-certificate peer)', () => {
    const error = Object.assign(new Error('802C63B62B7F0000:error:0680009B:asn1 encoding routines:ASN1_get_object:too long:../deps/openssl/openssl/crypto/asn1/asn1_lib.c:95:\n'), {
      code: 'ERR_SSL_TOO_LONG',
    });
    expect(describeTlsError(error)).toEqual({ ok: false, error: 'too long (malformed DER from the server, usually its certificate)', errorCode: 'ERR_SSL_TOO_LONG' });
  });
});
