// The hostile peers do on the wire what they claim, checked with raw sockets and node:tls, not with src-main.
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { startHostile, TLS_ALERTS, type HostileKind, type HostileOptions } from './hostile';
import { stopAll } from './processes';
import { buildConnectionRequest, probeX224, PROTOCOL } from './x224';

afterAll(() => stopAll());

async function withPeer<T>(kind: HostileKind, run: (port: number) => Promise<T>, options: HostileOptions = {}): Promise<T> {
  const peer = await startHostile(kind, options);
  try {
    return await run(peer.port);
  } finally {
    await peer.stop();
  }
}

/** Sends a CR for SSL, reads the 19-byte confirm, then runs node:tls on the same socket. */
function tlsAfterConfirm(port: number): Promise<{ error?: Error; socket?: tls.TLSSocket }> {
  return new Promise((resolve) => {
    const raw = net.connect({ host: '127.0.0.1', port }, () => raw.write(buildConnectionRequest(PROTOCOL.SSL)));
    raw.on('error', (error) => resolve({ error }));
    raw.once('readable', function read() {
      const confirm = raw.read(19) as Buffer | null;
      if (!confirm) return raw.once('readable', read);
      const secure = tls.connect({ socket: raw, rejectUnauthorized: false, ciphers: 'DEFAULT@SECLEVEL=0' });
      secure.on('error', (error) => resolve({ error }));
      secure.on('secureConnect', () => resolve({ socket: secure }));
      setTimeout(() => resolve({ error: new Error('timeout') }), 3000);
    });
  });
}

describe('hostile peers on the wire', () => {
  it('reset-mid-header sends two TPKT bytes, then a RST', async () => {
    const result = await withPeer('reset-mid-header', (port) => probeX224({ port, requestedProtocols: PROTOCOL.SSL }));
    expect(result.kind).toBe('reset');
    expect([...result.raw]).toEqual([0x03, 0x00]);
  });

  it.each([
    ['tpkt-zero', [0x03, 0x00, 0x00, 0x00]],
    ['tpkt-huge', [0x03, 0x00, 0xff, 0xff, 0x02, 0xd0]],
  ] as const)('%s sends its header and then stays silent', async (kind, bytes) => {
    const result = await withPeer(kind, (port) => probeX224({ port, requestedProtocols: PROTOCOL.SSL, timeoutMs: 600 }));
    expect([...result.raw]).toEqual(bytes);
    // probeX224 only gives up on a TPKT it cannot complete by timing out.
    expect(['timeout', 'not-x224']).toContain(result.kind);
  });

  it('slowloris drips the confirm one byte per second', async () => {
    const result = await withPeer('slowloris', (port) => probeX224({ port, requestedProtocols: PROTOCOL.SSL, timeoutMs: 1500 }));
    expect(result.kind).toBe('timeout');
    expect(result.raw.length).toBe(1);
  });

  it('unasked-protocol and neg-failure-unknown send well-formed confirms with odd values', async () => {
    const unasked = await withPeer('unasked-protocol', (port) => probeX224({ port, requestedProtocols: PROTOCOL.SSL }));
    expect(unasked).toMatchObject({ kind: 'response', selectedProtocol: 0x40 });
    const failure = await withPeer('neg-failure-unknown', (port) => probeX224({ port, requestedProtocols: PROTOCOL.SSL }), { failureCode: 0x99 });
    expect(failure).toMatchObject({ kind: 'failure', failureCode: 0x99 });
  });

  it('tls-alert answers the ClientHello with the chosen alert', async () => {
    const { error } = await withPeer('tls-alert', tlsAfterConfirm, { alert: 'internal_error' });
    expect(error?.message).toContain(`alert number ${TLS_ALERTS.internal_error}`);
  });

  it('malformed-certificate gets past the ServerHello and fails on the certificate', async () => {
    const { error } = await withPeer('malformed-certificate', tlsAfterConfirm);
    expect(error).toBeDefined();
    expect(error?.message).not.toMatch(/alert number|wrong version/i);
  });

  it('giant-certificate presents a leaf over 60 KB', async () => {
    const { socket } = await withPeer('giant-certificate', tlsAfterConfirm);
    expect(socket?.getPeerCertificate().raw.length).toBeGreaterThan(60 * 1024);
    socket?.destroy();
  });

  it('chain-100 presents 100 distinct certificates', async () => {
    const { socket } = await withPeer('chain-100', tlsAfterConfirm);
    const seen = new Set<string>();
    let cert: tls.DetailedPeerCertificate | undefined = socket?.getPeerCertificate(true);
    while (cert && !seen.has(cert.fingerprint256)) {
      seen.add(cert.fingerprint256);
      cert = cert.issuerCertificate;
    }
    socket?.destroy();
    expect(seen.size).toBe(100);
  });
});
