import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayStandin, type GatewayStandin } from '../../e2e/lab/gateway-standin';
import { closedPort } from '../../e2e/lab/ports';
import { makeTestCert } from '../net/test-certs';
import type { CheckResult } from '../shared/schema';
import { altIpVsNameCheck, judgeIpVsName } from './alt-ip-vs-name.check';
import { dnsResolveCheck, judgeResolution } from './dns-resolve.check';
import { dnsReverseCheck, judgeReverse, sameComputer } from './dns-reverse.check';
import { gatewayProbeCheck } from './gateway-probe.check';
import { netTcpCheck } from './net-tcp.check';
import { makeTestContext } from './test-context';
import { readChain, tlsCertificateCheck } from './tls-certificate.check';
import { MAX_CERTIFICATE_BYTES } from '../shared/limits';

let server: net.Server;
let openPort: number;
beforeAll(async () => {
  server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  openPort = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function handshake(chain: unknown, status: CheckResult['status'] = 'pass'): CheckResult {
  return { id: 'tls.handshake', section: 'auth', status, title: 'TLS', summary: 'done', durationMs: 1, evidence: chain === undefined ? {} : { chain } };
}

describe('dns.resolve', () => {
  it('passes an address target without a lookup', async () => {
    const out = await dnsResolveCheck.run(makeTestContext({ target: '192.0.2.10' }));
    expect(out.status).toBe('pass');
    expect(out.evidence['addresses']).toEqual(['192.0.2.10']);
    expect(out.evidence['system']).toBeNull();
  });

  it('resolves localhost for real', async () => {
    const out = await dnsResolveCheck.run(makeTestContext({ target: 'localhost' }));
    expect(['pass', 'warn']).toContain(out.status);
    expect(out.evidence['addresses']).toEqual(expect.arrayContaining(['127.0.0.1']));
  });

  it('fails a .invalid name, saying it can never resolve', async () => {
    const out = await dnsResolveCheck.run(makeTestContext({ target: 'server.invalid' }));
    expect(out.status).toBe('fail');
    expect((out.evidence['failure'] as { kind: string }).kind).toBe('reserved-name');
  });

  it('warns when this computer and DNS disagree', () => {
    const lookup = (addresses: string[]) => ({ ok: addresses.length > 0, addresses: addresses.map((address) => ({ address, family: 4 as const })), ms: 3, error: null });
    const out = judgeResolution({
      host: 'srv.corp.example',
      isAddress: false,
      system: lookup(['10.0.0.9']),
      directA: lookup(['10.0.0.5']),
      directAaaa: lookup([]),
      dnsServers: ['10.0.0.1'],
      addresses: [
        { address: '10.0.0.9', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
      reserved: null,
    });
    expect(out.status).toBe('warn');
    expect(out.evidence['onlySystem']).toEqual(['10.0.0.9']);
    expect(out.summary).toContain('10.0.0.5');
  });

  it('fails with NXDOMAIN when the system resolver cannot find the name', () => {
    const fail = { ok: false, addresses: [], ms: 5, error: { kind: 'nxdomain' as const, code: 'ENOTFOUND', message: 'no such name (NXDOMAIN)' } };
    const out = judgeResolution({ host: 'gone.corp.example', isAddress: false, system: fail, directA: fail, directAaaa: fail, dnsServers: [], addresses: [], reserved: null });
    expect(out.status).toBe('fail');
    expect(out.summary).toContain('NXDOMAIN');
  });
});

describe('dns.reverse', () => {
  it('matches short and full names but not two different full names', () => {
    expect(sameComputer('srv01.corp.example', 'srv01')).toBe(true);
    expect(sameComputer('srv01.corp.example', 'SRV01.corp.example.')).toBe(true);
    expect(sameComputer('srv01.other.example', 'srv01.corp.example')).toBe(false);
    expect(sameComputer('srv02', 'srv01')).toBe(false);
  });

  it('warns when an address maps back to another computer', () => {
    const found = (names: string[]) => ({ ok: names.length > 0, names, ms: 1, error: null });
    const out = judgeReverse('srv01.corp.example', false, [{ address: '10.0.0.5', ptr: found(['oldbox.corp.example']), system: found([]) }]);
    expect(out.status).toBe('warn');
    expect(out.evidence['otherNames']).toEqual(['oldbox.corp.example']);
  });

  it('looks up 127.0.0.1 for real', async () => {
    const out = await dnsReverseCheck.run(makeTestContext({ target: '127.0.0.1' }));
    expect(out.status).toBe('pass');
    expect(out.summary).toMatch(/localhost/);
  });
});

describe('net.tcp', () => {
  it('passes an open port and measures latency', async () => {
    const out = await netTcpCheck.run(makeTestContext({ target: `127.0.0.1:${openPort}`, options: { timeoutMs: 1000 } }));
    expect(out.status).toBe('pass');
    expect(out.evidence['verdict']).toBe('open');
    expect((out.evidence['latency'] as { answered: number }).answered).toBeGreaterThan(0);
  });

  it('fails a closed port as refused', async () => {
    const port = await closedPort();
    const out = await netTcpCheck.run(makeTestContext({ target: `127.0.0.1:${port}`, options: { timeoutMs: 1000 } }));
    expect(out.status).toBe('fail');
    expect(out.evidence['verdict']).toBe('refused');
    expect(out.evidence['latency']).toBeNull();
  });

  it('skips when the name did not resolve', async () => {
    const out = await netTcpCheck.run(makeTestContext({ target: 'x.invalid' }));
    expect(out.status).toBe('skip');
  });
});

describe('tls.certificate', () => {
  const cert = makeTestCert({ commonName: 'localhost' });
  const other = makeTestCert({ commonName: 'localhost', serial: '77' });

  it('skips with a reason when tls.handshake gave no chain', async () => {
    const out = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', results: [handshake(undefined, 'fail')] }));
    expect(out.status).toBe('skip');
    expect(out.summary).toContain('fail');
  });

  it('passes a self-signed certificate, remembers it, then reports a change once', async () => {
    const ctx1 = makeTestContext({ target: 'localhost', results: [handshake([cert.der.toString('base64')])] });
    const first = await tlsCertificateCheck.run(ctx1);
    expect(first.status).toBe('pass');
    expect(first.evidence).toMatchObject({ selfSigned: true, knownHost: { status: 'first-seen' }, sha256: expect.stringMatching(/^[0-9A-F]{64}$/) });

    const same = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', knownHosts: ctx1.knownHosts, results: [handshake([cert.der.toString('base64')])] }));
    expect(same.evidence).toMatchObject({ knownHost: { status: 'unchanged' } });

    const changed = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', knownHosts: ctx1.knownHosts, results: [handshake([other.der.toString('base64')])] }));
    expect(changed.status).toBe('warn');
    expect(changed.evidence).toMatchObject({ problems: expect.arrayContaining([expect.objectContaining({ code: 'changed' })]) });
  });

  it('fails an expired certificate and a garbage chain', async () => {
    const expired = makeTestCert({ commonName: 'localhost', notBefore: new Date(Date.now() - 100 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const out = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', results: [handshake([expired.der.toString('base64')])] }));
    expect(out.status).toBe('fail');
    const junk = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', results: [handshake(['bm90IGEgY2VydA=='])] }));
    expect(junk.status).toBe('fail');
    expect(junk.evidence).toMatchObject({ ok: false });
  });

  it('an oversized leaf is judged too large, never skipped for its issuer; a padded one under the limit is read', async () => {
    const huge = Buffer.alloc(MAX_CERTIFICATE_BYTES + 5_000, 0x30).toString('base64');
    const out = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', results: [handshake([huge, cert.der.toString('base64')])] }));
    expect(out.status).toBe('fail');
    expect(out.evidence).toMatchObject({ ok: false, error: expect.stringContaining('larger than 100 KiB') });
    const chain = readChain([huge, cert.der.toString('base64')]);
    expect(chain.map((b) => b.length)).toEqual([MAX_CERTIFICATE_BYTES + 1]);
    const padded = makeTestCert({ commonName: 'localhost', padBytes: 92_000 });
    const read = await tlsCertificateCheck.run(makeTestContext({ target: 'localhost', results: [handshake([padded.der.toString('base64')])] }));
    expect(read.evidence).toMatchObject({ ok: true, selfSigned: true });
  });
});

describe('gateway.probe', () => {
  let gw: GatewayStandin;
  beforeAll(async () => {
    gw = await startGatewayStandin({ mode: 'gateway' });
  });
  afterAll(async () => {
    await gw.stop();
  });

  it('skips without a gateway', async () => {
    expect((await gatewayProbeCheck.run(makeTestContext())).status).toBe('skip');
  });

  it('warns on a live gateway whose certificate is self-signed', async () => {
    const out = await gatewayProbeCheck.run(makeTestContext({ options: { gateway: `localhost:${gw.port}`, timeoutMs: 2000 } }));
    expect(out.status).toBe('warn');
    expect(out.evidence).toMatchObject({ answer: 'auth-required' });
    expect(out.summary).toMatch(/not trusted/);
  });

  it('takes the gateway from the .rdp settings and reports bad text clearly', async () => {
    const settings = { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, address: null, fileName: 'a.rdp', gateway: 'bad host!' };
    const out = await gatewayProbeCheck.run(makeTestContext({ options: { clientSettings: settings } }));
    expect(out.status).toBe('fail');
    expect(out.evidence['source']).toBe('rdp-file');
  });
});

describe('alt.ip-vs-name', () => {
  it('skips address targets', async () => {
    expect((await altIpVsNameCheck.run(makeTestContext({ target: '127.0.0.1' }))).status).toBe('skip');
  });

  it('reaches localhost both by name and by address', async () => {
    const out = await altIpVsNameCheck.run(makeTestContext({ target: `localhost:${openPort}`, options: { timeoutMs: 1000 } }));
    expect(out.evidence['verdict']).toBe('both-work');
    expect(out.evidence['workingAddresses']).toContain('127.0.0.1');
  });

  it('says "works by IP, not by name" when the name fails', () => {
    const byName = { address: 'srv', port: 3389, family: 4 as const, kind: 'error' as const, ms: 2, code: 'ENOTFOUND', message: 'lookup failed' };
    const out = judgeIpVsName('srv', 3389, byName, [{ address: '10.0.0.5', source: 'dns', kind: 'open', ms: 3 }], []);
    expect(out.status).toBe('warn');
    expect(out.evidence['verdict']).toBe('ip-only');
    expect(out.summary).toMatch(/^Works by IP \(10\.0\.0\.5\), not by name/);
  });
});

describe('small helpers', () => {
  it('normalizes pasted gateway addresses', async () => {
    const { normalizeGateway } = await import('./gateway-probe.check');
    expect(normalizeGateway('https://RDG.example.com/RDWeb')).toBe('RDG.example.com');
    expect(normalizeGateway('rdg.example.com:8443/')).toBe('rdg.example.com:8443');
    expect(normalizeGateway('  ')).toBeNull();
  });

  it('does not warn about a short name that only this computer can resolve', () => {
    const ok = { ok: true, addresses: [{ address: '10.0.0.5', family: 4 as const }], ms: 2, error: null };
    const nx = { ok: false, addresses: [], ms: 2, error: { kind: 'nxdomain' as const, code: 'ENOTFOUND', message: 'no such name (NXDOMAIN)' } };
    const base = { isAddress: false, system: ok, directA: nx, directAaaa: nx, dnsServers: [], addresses: ok.addresses, reserved: null };
    expect(judgeResolution({ ...base, host: 'server01' }).status).toBe('pass');
    expect(judgeResolution({ ...base, host: 'server01.corp.example' }).status).toBe('warn');
  });
});
