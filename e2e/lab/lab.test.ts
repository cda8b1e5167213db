import { existsSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildConnectionRequest,
  completeTpktLength,
  listOurProcesses,
  parseConnectionConfirm,
  probeX224,
  PROTOCOL,
  runXfreerdp,
  startShadow,
  startStandIn,
  startXrdp,
  stopAll,
  XFREERDP_EXIT,
  type LabShadow,
  type LabXrdp,
  type StandIn,
  type StandInKind,
} from './index';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const SSL_HYBRID = PROTOCOL.SSL | PROTOCOL.HYBRID;
const NTLM_SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

// Sends a Connection Request, reads the confirm, then upgrades the same socket to TLS (MS-RDPBCGR 5.4.5.1, docs/protocol.md#tls).
function tlsAfterConfirm(port: number, tlsOptions: tls.ConnectionOptions = {}, requested: number = PROTOCOL.SSL): Promise<{ confirm: Buffer; socket: tls.TLSSocket }> {
  return new Promise((resolve, reject) => {
    const raw = net.connect({ host: '127.0.0.1', port });
    raw.setTimeout(3000, () => raw.destroy(new Error('timeout')));
    let buf = Buffer.alloc(0);
    raw.on('error', reject);
    raw.on('connect', () => raw.write(buildConnectionRequest(requested)));
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const len = completeTpktLength(buf);
      if (!len) return;
      raw.off('data', onData);
      raw.setTimeout(0);
      const socket = tls.connect({ socket: raw, rejectUnauthorized: false, ...tlsOptions });
      socket.once('secureConnect', () => resolve({ confirm: buf.subarray(0, len), socket }));
      socket.once('error', reject);
    };
    raw.on('data', onData);
  });
}

let xrdpTls: LabXrdp;
let xrdpRdp: LabXrdp;
let xrdpNegotiate: LabXrdp;
let shadow: LabShadow;
const standIns = {} as Record<StandInKind, StandIn>;

beforeAll(async () => {
  const kinds: StandInKind[] = ['hang', 'drop', 'http', 'neg-failure', 'tls10-only', 'reset'];
  [xrdpTls, xrdpRdp, shadow, xrdpNegotiate] = (await Promise.all([
    startXrdp({ securityLayer: 'tls', cert: 'expired' }),
    startXrdp({ securityLayer: 'rdp' }),
    startShadow(),
    startXrdp({ securityLayer: 'negotiate', cert: 'wrong-name' }),
    ...kinds.map(async (kind) => {
      standIns[kind] = await startStandIn(kind, kind === 'neg-failure' ? { code: 3 } : {});
    }),
  ])) as [LabXrdp, LabXrdp, LabShadow, LabXrdp];
});

afterAll(() => stopAll());

describe('X.224 bytes', () => {
  it('builds the requests of MS-RDPBCGR 2.2.1.1 and parses their confirms', () => {
    expect(buildConnectionRequest(0x0b)).toEqual(hex('03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 0b 00 00 00'));
    expect(buildConnectionRequest(0x0b, 'user1')).toEqual(
      hex('03 00 00 2b 26 e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 75 73 65 72 31 0d 0a 01 00 08 00 0b 00 00 00'),
    );
    expect(buildConnectionRequest(0, 'eltons').subarray(0, 5)).toEqual(hex('03 00 00 2c 27'));
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 08 00 00 00'))).toMatchObject({ kind: 'response', flags: 0x1f, selectedProtocol: 8 });
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00'))).toMatchObject({ kind: 'failure', failureCode: 5 });
    expect(parseConnectionConfirm(hex('03 00 00 0b 06 d0 00 00 00 00 00'))).toMatchObject({ kind: 'legacy' });
    expect(parseConnectionConfirm(hex('03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 0b 00 00 00'))).toBeUndefined();
  });
});

describe('real peers', () => {
  it('xrdp (security_layer tls) selects SSL and presents the expired certificate we gave it', async () => {
    const reply = await probeX224({ port: xrdpTls.port, requestedProtocols: SSL_HYBRID });
    expect(reply).toMatchObject({ kind: 'response', selectedProtocol: PROTOCOL.SSL });
    expect(await probeX224({ port: xrdpTls.port, requestedProtocols: PROTOCOL.RDP })).toMatchObject({ kind: 'failure', failureCode: 1 });
    const { socket } = await tlsAfterConfirm(xrdpTls.port);
    const peer = socket.getPeerCertificate();
    socket.destroy();
    expect(peer.fingerprint256).toBe(xrdpTls.sha256);
    expect(new Date(peer.valid_to).getTime()).toBeLessThan(Date.now());
  });

  it('freerdp-shadow (/sec:nla) selects HYBRID, and refuses TLS-only clients with HYBRID_REQUIRED_BY_SERVER', async () => {
    expect(await probeX224({ port: shadow.port, requestedProtocols: SSL_HYBRID })).toMatchObject({ kind: 'response', selectedProtocol: PROTOCOL.HYBRID });
    expect(await probeX224({ port: shadow.port, requestedProtocols: PROTOCOL.SSL })).toMatchObject({ kind: 'failure', failureCode: 5 });
  });

  it('freerdp-shadow answers an NTLM NEGOTIATE inside CredSSP with a CHALLENGE (no SAM file needed)', async () => {
    const { socket } = await tlsAfterConfirm(shadow.port, {}, SSL_HYBRID);
    expect(socket.getPeerCertificate().fingerprint256).toBe(shadow.sha256);
    // MS-CSSP 2.2.1: TSRequest v6 carrying a 40-byte NTLM NEGOTIATE, as a Windows 10 client sends it.
    const negotiate = hex('4e544c4d5353500001000000b78208e2' + '00'.repeat(16) + '0a00614a0000000f');
    socket.write(Buffer.concat([hex('30 37 a0 03 02 01 06 a1 30 30 2e 30 2c a0 2a 04 28'), negotiate]));
    const reply = await new Promise<Buffer>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new Error(`no CHALLENGE, got ${buf.toString('hex')}`)), 3000);
      socket.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        const at = buf.indexOf(NTLM_SIGNATURE);
        if (at >= 0 && buf.length >= at + 12) {
          clearTimeout(timer);
          resolve(buf);
        }
      });
      socket.on('error', reject);
    });
    socket.destroy();
    const at = reply.indexOf(NTLM_SIGNATURE);
    expect(reply[0]).toBe(0x30);
    expect(reply.readUInt32LE(at + 8)).toBe(2);
  });

  it('xrdp (security_layer rdp) selects Standard RDP Security even when SSL|HYBRID is offered', async () => {
    expect(await probeX224({ port: xrdpRdp.port, requestedProtocols: SSL_HYBRID })).toMatchObject({ kind: 'response', selectedProtocol: PROTOCOL.RDP });
  });

  it('xrdp (security_layer negotiate) gives TLS to clients that ask and Standard RDP Security to those that do not', async () => {
    expect(await probeX224({ port: xrdpNegotiate.port, requestedProtocols: SSL_HYBRID })).toMatchObject({ kind: 'response', selectedProtocol: PROTOCOL.SSL });
    expect(await probeX224({ port: xrdpNegotiate.port, requestedProtocols: PROTOCOL.RDP })).toMatchObject({ kind: 'response', selectedProtocol: PROTOCOL.RDP });
    const { socket } = await tlsAfterConfirm(xrdpNegotiate.port);
    expect(socket.getPeerCertificate().subject.CN).toBe('wrong-name.rdp-doctor.invalid');
    socket.destroy();
  });

  it('xfreerdp exit codes: 0 against xrdp, 133 with CredSSP disabled against the NLA shadow, 143 on TLS 1.0, null on timeout', async () => {
    const [ok, nego, tls10, hung] = await Promise.all([
      runXfreerdp({ rdpText: `full address:s:127.0.0.1:${xrdpTls.port}\nusername:s:lab\n`, user: 'lab', password: 'lab', timeoutMs: 15_000 }),
      runXfreerdp({
        rdpText: `full address:s:127.0.0.1:${shadow.port}\nusername:s:lab\nenablecredsspsupport:i:0\n`,
        user: 'lab',
        password: 'lab',
        timeoutMs: 15_000,
      }),
      runXfreerdp({ host: '127.0.0.1', port: standIns['tls10-only'].port, user: 'lab', password: 'lab', timeoutMs: 15_000 }),
      runXfreerdp({ host: '127.0.0.1', port: standIns.hang.port, user: 'lab', password: 'lab', timeoutMs: 1500 }),
    ]);
    expect(ok.exitCode, ok.stderr + ok.stdout).toBe(XFREERDP_EXIT.SUCCESS);
    expect(nego.exitCode, nego.stderr + nego.stdout).toBe(XFREERDP_EXIT.NEGO_FAILURE);
    expect(nego.stdout + nego.stderr).toContain('HYBRID_REQUIRED_BY_SERVER');
    expect(tls10.exitCode, tls10.stderr + tls10.stdout).toBe(XFREERDP_EXIT.TLS_CONNECT_FAILED);
    expect(hung).toMatchObject({ exitCode: null, timedOut: true });
    expect(hung.ms).toBeLessThan(5000);
  });

  it("startXrdp rejects with xrdp's own log when xrdp cannot listen", async () => {
    await expect(startXrdp({ securityLayer: 'tls', globals: { port: 'tcp://192.0.2.1:3389' } })).rejects.toThrow(/exited before listening[\s\S]*trans_listen_address failed/);
  });
});

describe('stand-ins', () => {
  it('hang accepts and reads but never answers', async () => {
    const before = standIns.hang.connections;
    expect(await probeX224({ port: standIns.hang.port, requestedProtocols: SSL_HYBRID, timeoutMs: 400 })).toMatchObject({ kind: 'timeout', raw: Buffer.alloc(0) });
    expect(standIns.hang.connections).toBe(before + 1);
  });

  it('drop closes without a byte after the request', async () => {
    expect(await probeX224({ port: standIns.drop.port, requestedProtocols: SSL_HYBRID })).toMatchObject({ kind: 'closed', raw: Buffer.alloc(0) });
  });

  it('http answers 400 Bad Request like a web server', async () => {
    const reply = await probeX224({ port: standIns.http.port, requestedProtocols: SSL_HYBRID });
    expect(reply.kind).toBe('not-x224');
    expect(reply.raw.toString('latin1')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('neg-failure sends a proper confirm with RDP_NEG_FAILURE code 3', async () => {
    const reply = await probeX224({ port: standIns['neg-failure'].port, requestedProtocols: SSL_HYBRID });
    expect(reply).toMatchObject({ kind: 'failure', failureCode: 3 });
    expect(reply.raw).toEqual(hex('03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 03 00 00 00'));
  });

  it('tls10-only selects SSL, refuses a TLS 1.2 client and completes TLS 1.0', async () => {
    const port = standIns['tls10-only'].port;
    expect(await probeX224({ port, requestedProtocols: SSL_HYBRID })).toMatchObject({ kind: 'response', selectedProtocol: PROTOCOL.SSL });
    await expect(tlsAfterConfirm(port)).rejects.toThrow(/protocol|version|alert/i);
    const { socket } = await tlsAfterConfirm(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    expect(socket.getProtocol()).toBe('TLSv1');
    expect(socket.getPeerCertificate().fingerprint256).toBe(standIns['tls10-only'].sha256);
    socket.destroy();
  });

  it('reset breaks off mid-header with a RST', async () => {
    const reply = await probeX224({ port: standIns.reset.port, requestedProtocols: SSL_HYBRID });
    expect(reply.kind).toBe('reset');
    expect(reply.raw.length).toBeLessThan(4);
  });
});

describe('teardown', () => {
  it('stopAll leaves no process of ours behind', async () => {
    const ours = listOurProcesses();
    const names = new Set(ours.map((p) => p.name));
    for (const name of ['xrdp', 'Xvfb', 'freerdp-shadow-']) expect(names).toContain(name);
    const xrdpDirs = [...new Set(ours.flatMap((p) => /--config (\S+)\/xrdp\.ini/.exec(p.cmdline)?.[1] ?? []))];
    expect(xrdpDirs).toHaveLength(3);
    await stopAll();
    expect(listOurProcesses()).toEqual([]);
    for (const dir of xrdpDirs) expect(existsSync(dir)).toBe(false);
    expect(await probeX224({ port: xrdpTls.port, requestedProtocols: SSL_HYBRID, timeoutMs: 500 })).toMatchObject({ kind: 'closed' });
    expect(await probeX224({ port: standIns.hang.port, requestedProtocols: SSL_HYBRID, timeoutMs: 500 })).toMatchObject({ kind: 'closed' });
  });
});
