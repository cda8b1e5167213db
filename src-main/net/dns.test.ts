import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupSystem, queryDirect, resolveTarget, reverseDirect, reverseSystem } from './dns';
import { startTestDnsServer, type TestDnsServer } from './test-dns-server';

describe('system resolver (real lookups)', () => {
  it('resolves localhost to a loopback address, with a timing', async () => {
    const r = await lookupSystem('localhost', { timeoutMs: 5000 });
    expect(r.ok).toBe(true);
    expect(r.addresses.some((a) => a.address === '127.0.0.1' || a.address === '::1')).toBe(true);
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(r.error).toBeNull();
  });

  it('reports a .invalid name as not found, never as an address', async () => {
    const r = await lookupSystem('no-such-host.invalid', { timeoutMs: 5000 });
    expect(r.ok).toBe(false);
    expect(r.addresses).toEqual([]);
    expect(['nxdomain', 'temporary', 'no-data']).toContain(r.error?.kind);
  });

  it('gives the system name of 127.0.0.1', async () => {
    const r = await reverseSystem('127.0.0.1', { timeoutMs: 5000 });
    expect(r.ok).toBe(true);
    expect(r.names[0]).toMatch(/localhost/);
  });

  it('stops waiting when the signal is already aborted', async () => {
    const r = await lookupSystem('localhost', { timeoutMs: 5000, signal: AbortSignal.abort() });
    expect(r.error?.kind).toBe('cancelled');
  });
});

describe('direct DNS queries against a local DNS server', () => {
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startTestDnsServer({
      'srv.lab.test': { a: ['10.1.2.3', '10.1.2.4'], aaaa: ['2001:db8::7'] },
      'v4only.lab.test': { a: ['10.9.9.9'] },
      'broken.lab.test': { rcode: 2 },
      'refusing.lab.test': { rcode: 5 },
      'slow.lab.test': { silent: true },
      '3.2.1.10.in-addr.arpa': { ptr: ['srv.lab.test'] },
    });
  });
  afterAll(async () => {
    await dns.close();
  });
  const opts = (timeoutMs = 3000) => ({ timeoutMs, servers: [dns.server] });

  it('returns A and AAAA records with timings', async () => {
    const a = await queryDirect('srv.lab.test', 4, opts());
    const aaaa = await queryDirect('srv.lab.test', 6, opts());
    expect(a.addresses.map((x) => x.address).sort()).toEqual(['10.1.2.3', '10.1.2.4']);
    expect(aaaa.addresses).toEqual([{ address: '2001:db8::7', family: 6 }]);
    expect(a.ms).toBeGreaterThanOrEqual(0);
  });

  it('tells NXDOMAIN, no data, SERVFAIL, REFUSED and time-out apart', async () => {
    expect((await queryDirect('missing.lab.test', 4, opts())).error?.kind).toBe('nxdomain');
    expect((await queryDirect('v4only.lab.test', 6, opts())).error?.kind).toBe('no-data');
    expect((await queryDirect('broken.lab.test', 4, opts())).error?.kind).toBe('servfail');
    expect((await queryDirect('refusing.lab.test', 4, opts())).error?.kind).toBe('refused');
    const started = Date.now();
    const slow = await queryDirect('slow.lab.test', 4, opts(600));
    expect(slow.error?.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('honours an abort while a query is outstanding', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const r = await queryDirect('slow.lab.test', 4, { timeoutMs: 5000, servers: [dns.server], signal: ctl.signal });
    expect(r.error?.kind).toBe('cancelled');
    expect(r.ms).toBeLessThan(2000);
  });

  it('finds PTR names', async () => {
    const r = await reverseDirect('10.1.2.3', opts());
    expect(r.names).toEqual(['srv.lab.test']);
    expect((await reverseDirect('10.1.2.4', opts())).error?.kind).toBe('nxdomain');
  });

  it('resolveTarget merges both resolvers, skips literals and never queries .invalid', async () => {
    const r = await resolveTarget('srv.lab.test', false, opts());
    expect(r.directA?.ok).toBe(true);
    expect(r.addresses.map((a) => a.address)).toEqual(expect.arrayContaining(['10.1.2.3', '10.1.2.4', '2001:db8::7']));
    const literal = await resolveTarget('192.0.2.1', true, opts());
    expect(literal.system).toBeNull();
    expect(literal.addresses).toEqual([{ address: '192.0.2.1', family: 4 }]);
    const before = dns.queries.length;
    const reserved = await resolveTarget('host.invalid', false, opts());
    expect(reserved.reserved?.kind).toBe('reserved-name');
    expect(dns.queries.length).toBe(before);
  });
});
