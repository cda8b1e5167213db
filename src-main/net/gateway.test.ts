import { afterEach, describe, expect, it } from 'vitest';
import { expiredCert } from '../../e2e/lab/certs';
import { startGatewayStandin, type GatewayStandin } from '../../e2e/lab/gateway-standin';
import { closedPort } from '../../e2e/lab/ports';
import { judgeGateway } from '../checks/gateway-probe.check';
import { probeGateway } from './gateway';
import { buildGatewayRequest, parseAuthSchemes, parseResponseHead } from './gateway-http';

const running: GatewayStandin[] = [];
async function standin(...args: Parameters<typeof startGatewayStandin>): Promise<GatewayStandin> {
  const s = await startGatewayStandin(...args);
  running.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

const probe = (port: number, timeoutMs = 2000, host = 'localhost') => probeGateway({ host, port, isAddress: host === '127.0.0.1', timeoutMs, now: new Date() });

describe('probeGateway against the stand-in', () => {
  it('sends one RDG_OUT_DATA request and reads 401 with Negotiate and NTLM', async () => {
    const gw = await standin({ mode: 'gateway', basic: true });
    const r = await probe(gw.port);
    expect(r.ok).toBe(true);
    expect(r.answer).toBe('auth-required');
    expect(r.http?.statusCode).toBe(401);
    expect(r.http?.authSchemes).toEqual(['Negotiate', 'NTLM', 'Basic']);
    expect(r.http?.server).toBe('Microsoft-IIS/10.0');
    expect(gw.requests).toHaveLength(1);
    expect(gw.requests[0]?.method).toBe('RDG_OUT_DATA');
    expect(gw.requests[0]?.path).toBe('/remoteDesktopGateway/');
    expect(gw.requests[0]?.headers['rdg-connection-id']).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(gw.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('judges the gateway certificate and reports it untrusted by the CA store', async () => {
    const gw = await standin({ mode: 'gateway' });
    const r = await probe(gw.port);
    expect(r.tls?.authorized).toBe(false);
    expect(r.tls?.authorizationError).toMatch(/SELF_SIGNED|self.signed/i);
    expect(r.chain.length).toBeGreaterThanOrEqual(1);
    expect(r.certificate?.ok).toBe(true);
    if (r.certificate?.ok) {
      expect(r.certificate.selfSigned).toBe(true);
      expect(r.certificate.nameMatch.matches).toBe(true);
    }
  });

  it('trusts a certificate from a CA it is given, and the check then passes', async () => {
    const gw = await standin({ mode: 'gateway' });
    const r = await probeGateway({ host: 'localhost', port: gw.port, isAddress: false, timeoutMs: 2000, now: new Date(), ca: [gw.certificate.certPem] });
    expect(r.tls?.authorized).toBe(true);
    expect(judgeGateway('localhost', 'option', r).status).toBe('pass');
  });

  it('reports an expired gateway certificate', async () => {
    const gw = await standin({ mode: 'gateway', certificate: expiredCert('localhost') });
    const r = await probe(gw.port);
    expect(r.certificate?.ok && r.certificate.validity).toBe('expired');
  });

  it('flags 200 with an HTML page as not a gateway', async () => {
    const gw = await standin({ mode: 'ok-garbage' });
    const r = await probe(gw.port);
    expect(r.ok).toBe(false);
    expect(r.answer).toBe('accepted-without-auth');
    expect(r.http?.statusCode).toBe(200);
  });

  it('flags a reply that is not HTTP, with a preview', async () => {
    const gw = await standin({ mode: 'not-http' });
    const r = await probe(gw.port);
    expect(r.answer).toBe('not-http');
    expect(r.rawPreview).toContain('garbage-not-http');
  });

  it('flags 404 as a missing gateway role', async () => {
    const gw = await standin({ mode: 'not-found' });
    expect((await probe(gw.port)).answer).toBe('not-found');
  });

  it('times out on a gateway that never answers', async () => {
    const gw = await standin({ mode: 'hang' });
    const started = Date.now();
    const r = await probe(gw.port, 400);
    expect(r.failure).toMatchObject({ stage: 'http', kind: 'timeout' });
    expect(r.tls).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('reports a connection dropped right after TLS', async () => {
    const gw = await standin({ mode: 'drop' });
    const r = await probe(gw.port);
    expect(r.ok).toBe(false);
    expect(['tls', 'http']).toContain(r.failure?.stage);
    expect(r.failure?.kind).toMatch(/closed|tls/);
  });

  it('reports a refused port and an unresolvable name at the connect stage', async () => {
    const r = await probe(await closedPort(), 1000, '127.0.0.1');
    expect(r.failure).toMatchObject({ stage: 'connect', kind: 'refused' });
    const d = await probe(443, 2000, 'gateway.invalid');
    expect(d.failure).toMatchObject({ stage: 'connect', kind: 'dns' });
  });
});

describe('gateway HTTP helpers', () => {
  it('builds the request of MS-TSGU 4.2.1 (docs/protocol.md#rd-gateway)', () => {
    const text = buildGatewayRequest('rdg.example.com', 443, '0b5b0d0e-0000-4000-8000-000000000001');
    expect(text.startsWith('RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1\r\nHost: rdg.example.com\r\n')).toBe(true);
    expect(text).toContain('RDG-Connection-Id: {0B5B0D0E-0000-4000-8000-000000000001}');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    expect(buildGatewayRequest('::1', 8443)).toContain('Host: [::1]:8443');
  });

  it('separates challenges from parameters in WWW-Authenticate', () => {
    const head = parseResponseHead(
      Buffer.from('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate, NTLM\r\nWWW-Authenticate: Digest realm="a", nonce="b=="\r\nRDG-Auth-Scheme: PAA\r\n\r\n'),
    );
    expect(head).not.toBeNull();
    if (head) expect(parseAuthSchemes(head)).toEqual(['Negotiate', 'NTLM', 'Digest', 'PAA']);
    expect(parseResponseHead(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toBeNull();
  });
});

describe('probeGateway time budget', () => {
  it('keeps the whole probe within budgetMs even when every step would use its full time-out', async () => {
    const gw = await standin({ mode: 'hang' });
    const started = Date.now();
    const r = await probeGateway({ host: '127.0.0.1', port: gw.port, isAddress: true, timeoutMs: 2000, budgetMs: 600, now: new Date() });
    expect(r.failure?.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('honours an abort during the request', async () => {
    const gw = await standin({ mode: 'hang' });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 200);
    const r = await probeGateway({ host: '127.0.0.1', port: gw.port, isAddress: true, timeoutMs: 5000, signal: ctl.signal, now: new Date() });
    expect(r.failure?.kind).toBe('aborted');
    expect(r.totalMs).toBeLessThan(2000);
  });
});
