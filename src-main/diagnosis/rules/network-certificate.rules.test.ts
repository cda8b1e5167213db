import { describe, expect, it } from 'vitest';
import { judgeGateway } from '../../checks/gateway-probe.check';
import { judgeResolution } from '../../checks/dns-resolve.check';
import { judgeIpVsName } from '../../checks/alt-ip-vs-name.check';
import { judgeTcp } from '../../checks/net-tcp.check';
import { judgeFacts, type KnownHostVerdict } from '../../checks/tls-certificate.check';
import type { CheckOutcome } from '../../checks/types';
import type { ClientSettings } from '../../shared/target';
import { judgeCertificate, type CertificateFacts } from '../../net/certificate';
import type { GatewayProbeResult } from '../../net/gateway';
import type { LookupOutcome } from '../../net/dns';
import type { TcpAttempt } from '../../net/tcp';
import { parseTarget } from '../../net/target';
import { makeTestCert } from '../../net/test-certs';
import { CHECK_META } from '../../shared/catalog';
import { MAX_CERTIFICATE_BYTES } from '../../shared/limits';
import type { CheckId } from '../../shared/ids';
import type { CheckResult } from '../../shared/schema';
import { diagnose } from '../index';
import type { Evidence } from '../types';
import { runCertificateRules } from './certificate.rules';
import { runDnsNetworkRules } from './dns-network.rules';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const result = (id: CheckId, o: CheckOutcome): CheckResult => ({ id, section: CHECK_META[id].section, title: id, durationMs: 1, ...o });
function evidence(results: CheckResult[], target = 'server01.corp.example', settings?: Partial<ClientSettings>): Evidence {
  const clientSettings = settings
    ? { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, gateway: null, address: null, fileName: 'work.rdp', ...settings }
    : null;
  return { target: parseTarget(target), checks: new Map(results.map((r) => [r.id, r])), errorHint: null, clientSettings, now: NOW };
}
const lookup = (addresses: string[], error: LookupOutcome['error'] = null): LookupOutcome => ({
  ok: addresses.length > 0,
  addresses: addresses.map((address) => ({ address, family: 4 as const })),
  ms: 4,
  error,
});
const attempt = (address: string, kind: TcpAttempt['kind'], ms = 5): TcpAttempt => ({ address, port: 3389, family: 4, kind, ms, code: null, message: kind });
const sample = (samplesMs: (number | null)[]) => {
  const ok = samplesMs.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return {
    address: '10.0.0.5',
    port: 3389,
    attempts: samplesMs.length,
    answered: ok.length,
    lossRatio: (samplesMs.length - ok.length) / samplesMs.length,
    medianMs: ok[Math.floor(ok.length / 2)] ?? null,
    maxMs: ok.at(-1) ?? null,
    minMs: ok[0] ?? null,
    samplesMs,
    budgetMs: 5000,
  };
};
const ids = (drafts: { id: string }[]) => drafts.map((d) => d.id).sort();

describe('dns-network rules', () => {
  const nx = { kind: 'nxdomain' as const, code: 'ENOTFOUND', message: 'no such name (NXDOMAIN)' };

  it('dns-unresolvable with flush and use-ip when DNS knows a working address', () => {
    const dns = result(
      'dns.resolve',
      judgeResolution({
        host: 'server01.corp.example',
        isAddress: false,
        system: lookup([], nx),
        directA: lookup(['10.0.0.5']),
        directAaaa: lookup([]),
        dnsServers: ['10.0.0.1'],
        addresses: [{ address: '10.0.0.5', family: 4 }],
        reserved: null,
      }),
    );
    const alt = result(
      'alt.ip-vs-name',
      judgeIpVsName(
        'server01.corp.example',
        3389,
        { ...attempt('server01.corp.example', 'error'), code: 'ENOTFOUND' },
        [{ address: '10.0.0.5', source: 'dns', kind: 'open', ms: 3 }],
        [],
      ),
    );
    const [d] = runDnsNetworkRules(evidence([dns, alt]));
    expect(d?.id).toBe('dns-unresolvable');
    expect(d?.fixes).toEqual(['dns.flush', 'rdpfile.use-ip']);
    expect(d?.explanation).toContain('10.0.0.5');
    expect(d?.evidence).toMatchObject({ failureKind: 'nxdomain' });
  });

  it('dns-unresolvable without use-ip when no address is known, and no fix for .invalid', () => {
    const dns = result(
      'dns.resolve',
      judgeResolution({
        host: 'gone.corp.example',
        isAddress: false,
        system: lookup([], nx),
        directA: lookup([], nx),
        directAaaa: lookup([], nx),
        dnsServers: [],
        addresses: [],
        reserved: null,
      }),
    );
    expect(runDnsNetworkRules(evidence([dns], 'gone.corp.example'))[0]?.fixes).toEqual(['dns.flush']);
    const reserved = result(
      'dns.resolve',
      judgeResolution({
        host: 'pc.invalid',
        isAddress: false,
        system: null,
        directA: null,
        directAaaa: null,
        dnsServers: [],
        addresses: [],
        reserved: { kind: 'reserved-name', code: null, message: 'never resolves' },
      }),
    );
    const [d] = runDnsNetworkRules(evidence([reserved], 'pc.invalid'));
    expect(d?.confidence).toBeGreaterThan(0.95);
    expect(d?.fixes).toEqual([]);
  });

  it('no DNS finding when the name resolves', () => {
    const dns = result(
      'dns.resolve',
      judgeResolution({
        host: 'server01.corp.example',
        isAddress: false,
        system: lookup(['10.0.0.5']),
        directA: lookup(['10.0.0.5']),
        directAaaa: lookup([]),
        dnsServers: [],
        addresses: [{ address: '10.0.0.5', family: 4 }],
        reserved: null,
      }),
    );
    expect(runDnsNetworkRules(evidence([dns]))).toEqual([]);
  });

  it('dns-stale-record when this computer resolves to an old address that fails and DNS gives one that works', () => {
    const dns = result(
      'dns.resolve',
      judgeResolution({
        host: 'server01.corp.example',
        isAddress: false,
        system: lookup(['10.0.0.9']),
        directA: lookup(['10.0.0.5']),
        directAaaa: lookup([]),
        dnsServers: [],
        addresses: [
          { address: '10.0.0.9', family: 4 },
          { address: '10.0.0.5', family: 4 },
        ],
        reserved: null,
      }),
    );
    const tcp = result('net.tcp', judgeTcp('server01.corp.example', 3389, [attempt('10.0.0.9', 'timeout', 3000), attempt('10.0.0.5', 'open')], null));
    const strong = runDnsNetworkRules(evidence([dns, tcp])).find((d) => d.id === 'dns-stale-record');
    expect(strong?.severity).toBe('high');
    expect(strong?.confidence).toBeGreaterThan(0.8);
    expect(strong?.fixes).toEqual(['dns.flush', 'rdpfile.use-ip']);
    const both = result('net.tcp', judgeTcp('server01.corp.example', 3389, [attempt('10.0.0.9', 'open'), attempt('10.0.0.5', 'open')], null));
    expect(runDnsNetworkRules(evidence([dns, both])).find((d) => d.id === 'dns-stale-record')?.severity).toBe('low');
  });

  it('port-refused is critical, names the port, and outranks downstream certificate findings', () => {
    const tcp = result('net.tcp', judgeTcp('server01.corp.example', 3390, [attempt('10.0.0.5', 'refused')], null));
    const expired = judgeCertificate(
      [makeTestCert({ commonName: 'server01.corp.example', notBefore: new Date(NOW.getTime() - 200 * DAY), notAfter: new Date(NOW.getTime() - DAY) }).der],
      { host: 'server01.corp.example', isAddress: false, now: NOW },
    ) as CertificateFacts;
    const cert = result('tls.certificate', judgeFacts(expired, { status: 'first-seen', key: 'k', previous: null }, 'server01.corp.example', 3390));
    const ev = evidence([tcp, cert], 'server01.corp.example:3390');
    const drafts = runDnsNetworkRules(ev);
    expect(ids(drafts)).toEqual(['port-refused']);
    expect(drafts[0]?.explanation).toContain('3390');
    expect(drafts[0]?.fixes).toEqual(['server.enable-rdp', 'server.restart-termservice']);
    expect(diagnose(ev)[0]?.id).toBe('port-refused');
  });

  it('port-unreachable on time-outs, with the firewall fix', () => {
    const tcp = result('net.tcp', judgeTcp('server01.corp.example', 3389, [attempt('10.0.0.5', 'timeout', 3000)], null));
    const [d] = runDnsNetworkRules(evidence([tcp]));
    expect(d?.id).toBe('port-unreachable');
    expect(d?.fixes).toEqual(['server.enable-firewall-rule']);
    expect(d?.evidence).toMatchObject({ timedOut: ['10.0.0.5'] });
  });

  it('high-latency and packet-loss from the sample, nothing on a healthy path', () => {
    const slow = result('net.tcp', judgeTcp('server01.corp.example', 3389, [attempt('10.0.0.5', 'open', 600)], sample([600, 650, null, 700, null])));
    expect(ids(runDnsNetworkRules(evidence([slow])))).toEqual(['high-latency', 'packet-loss']);
    const fine = result('net.tcp', judgeTcp('server01.corp.example', 3389, [attempt('10.0.0.5', 'open', 3)], sample([3, 4, 3, 5, 4])));
    expect(runDnsNetworkRules(evidence([fine]))).toEqual([]);
  });

  const gateway = (over: Partial<GatewayProbeResult>): CheckResult =>
    result(
      'gateway.probe',
      judgeGateway('rdg.corp.example', 'option', {
        host: 'rdg.corp.example',
        port: 443,
        ok: true,
        reachedStage: 'done',
        failure: null,
        connect: null,
        tls: { version: 'TLSv1.3', cipher: 'x', authorized: true, authorizationError: null, ms: 5 },
        chain: [],
        certificate: null,
        http: { statusCode: 401, statusText: 'Unauthorized', httpVersion: '1.1', server: 'Microsoft-IIS/10.0', authSchemes: ['Negotiate', 'NTLM'], headers: {}, ms: 3 },
        answer: 'auth-required',
        answerText: 'ok',
        rawPreview: null,
        totalMs: 9,
        ...over,
      }),
    );

  it('gateway findings: unreachable, bad response, untrusted certificate; none for a healthy gateway', () => {
    expect(runDnsNetworkRules(evidence([gateway({})]))).toEqual([]);
    const down = gateway({
      ok: false,
      reachedStage: 'connect',
      failure: { stage: 'connect', kind: 'timeout', code: null, message: 'no answer' },
      tls: null,
      http: null,
      answer: null,
    });
    expect(ids(runDnsNetworkRules(evidence([down])))).toEqual(['gateway-unreachable']);
    const page = gateway({
      ok: false,
      answer: 'accepted-without-auth',
      answerText: 'a web page answered',
      http: { statusCode: 200, statusText: 'OK', httpVersion: '1.1', server: null, authSchemes: [], headers: {}, ms: 2 },
    });
    expect(ids(runDnsNetworkRules(evidence([page])))).toEqual(['gateway-bad-response']);
    const leaf = judgeCertificate([makeTestCert({ commonName: 'other.example', notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 90 * DAY) }).der], {
      host: 'rdg.corp.example',
      isAddress: false,
      now: NOW,
    });
    const untrusted = gateway({ tls: { version: 'TLSv1.3', cipher: 'x', authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', ms: 5 }, certificate: leaf });
    const [d] = runDnsNetworkRules(evidence([untrusted]));
    expect(d?.id).toBe('gateway-certificate-untrusted');
    expect(d?.confidence).toBeGreaterThan(0.8);
    expect(d?.explanation).toContain('other.example');
  });
});

describe('certificate rules', () => {
  const host = 'server01.corp.example';
  const known: KnownHostVerdict = { status: 'first-seen', key: `${host}:3389`, previous: null };
  const facts = (spec: Parameters<typeof makeTestCert>[0], target = host, isAddress = false) =>
    judgeCertificate([makeTestCert(spec).der], { host: target, isAddress, now: NOW }) as CertificateFacts;
  const certEv = (f: CertificateFacts, kh: KnownHostVerdict = known, target = host, settings?: Partial<ClientSettings>) =>
    evidence([result('tls.certificate', judgeFacts(f, kh, target, 3389))], target, settings);
  const valid = { commonName: host, notBefore: new Date(NOW.getTime() - 10 * DAY), notAfter: new Date(NOW.getTime() + 150 * DAY) };

  it('a healthy self-signed certificate gives only the info finding', () => {
    const drafts = runCertificateRules(certEv(facts(valid)));
    expect(ids(drafts)).toEqual(['certificate-self-signed']);
    expect(drafts[0]?.severity).toBe('info');
  });

  it('certificate-expired suggests renewing', () => {
    const d = runCertificateRules(certEv(facts({ commonName: host, notBefore: new Date(NOW.getTime() - 200 * DAY), notAfter: new Date(NOW.getTime() - 5 * DAY) }))).find(
      (x) => x.id === 'certificate-expired',
    );
    expect(d?.fixes).toEqual(['server.renew-certificate']);
    expect(d?.explanation).toContain('5 days ago');
  });

  it('certificate-not-yet-valid mentions the clock', () => {
    const d = runCertificateRules(certEv(facts({ commonName: host, notBefore: new Date(NOW.getTime() + 2 * DAY), notAfter: new Date(NOW.getTime() + 200 * DAY) }))).find(
      (x) => x.id === 'certificate-not-yet-valid',
    );
    expect(d?.explanation).toMatch(/clock/);
    expect(d?.evidence).toMatchObject({ startsInDays: 2 });
  });

  it('name mismatch: by IP → use the name; short name → full name; other name → renew only if self-signed', () => {
    const byIp = runCertificateRules(certEv(facts(valid, '10.0.0.5', true), known, '10.0.0.5')).find((x) => x.id === 'certificate-name-mismatch');
    expect(byIp?.fixes).toEqual([]);
    expect(byIp?.explanation).toContain(`Connect using that name`);
    const short = runCertificateRules(certEv(facts(valid, 'server01'), known, 'server01')).find((x) => x.id === 'certificate-name-mismatch');
    expect(short?.explanation).toContain(`connect as "${host}"`);
    const other = runCertificateRules(certEv(facts(valid, 'fileserver.corp.example'), known, 'fileserver.corp.example', { authenticationLevel: 1 })).find(
      (x) => x.id === 'certificate-name-mismatch',
    );
    expect(other?.fixes).toEqual(['server.renew-certificate']);
    expect(other?.severity).toBe('high');
  });

  it('certificate-changed: a newer certificate looks like a renewal, an older one does not', () => {
    const f = facts(valid);
    const before = (lastSeen: string): KnownHostVerdict => ({
      status: 'changed',
      key: 'k',
      previous: { sha256: 'A'.repeat(64), subject: 'CN=x', firstSeen: '2025-01-01T00:00:00.000Z', lastSeen },
    });
    const renewed = runCertificateRules(certEv(f, before('2026-05-01T00:00:00.000Z'))).find((x) => x.id === 'certificate-changed');
    expect(renewed?.severity).toBe('low');
    const odd = runCertificateRules(certEv(f, before('2026-05-30T00:00:00.000Z'))).find((x) => x.id === 'certificate-changed');
    expect(odd?.severity).toBe('medium');
    expect(odd?.evidence).toMatchObject({ previousSha256: 'A'.repeat(64) });
  });

  it('certificate-weak for SHA-1 and short keys, with what is weak', () => {
    const d = runCertificateRules(certEv(facts({ ...valid, hash: 'sha1', keyBits: 1024 }))).find((x) => x.id === 'certificate-weak');
    expect(d?.explanation).toMatch(/sha1WithRSAEncryption/);
    expect(d?.explanation).toMatch(/1024 bits/);
  });

  it('no certificate finding when the check was skipped', () => {
    const skipped = result('tls.certificate', { status: 'skip', summary: 'no chain', evidence: {} });
    expect(runCertificateRules(evidence([skipped]))).toEqual([]);
  });

  // A failed check with no finding read as "no problem found" (exit 0): an unreadable leaf is itself the cause to name.
  it('certificate-unreadable when the leaf is over the one certificate limit or not a certificate', () => {
    const judged = (der: Buffer) => judgeCertificate([der], { host, isAddress: false, now: NOW });
    for (const der of [Buffer.alloc(MAX_CERTIFICATE_BYTES + 1, 0x30), Buffer.from([0x30, 0x03, 0x02, 0x01])]) {
      const v = judged(der);
      expect(v.ok).toBe(false);
      const error = v.ok ? '' : v.error;
      const bad = result('tls.certificate', { status: 'fail', summary: error, evidence: { ok: false, error, host, port: 3389 } });
      const drafts = runCertificateRules(evidence([bad]));
      expect(ids(drafts)).toEqual(['certificate-unreadable']);
      expect(drafts[0]?.explanation).toContain(error);
      expect(diagnose(evidence([bad]))[0]?.id).toBe('certificate-unreadable');
    }
    expect(judged(Buffer.alloc(MAX_CERTIFICATE_BYTES + 1, 0x30))).toMatchObject({
      error: "The server's certificate is larger than 100 KiB, more than TLS clients read by default.",
    });
  });

  it('a wrong-name self-signed certificate padded to 92 KB is judged like any other: the name mismatch is found', () => {
    const padded = makeTestCert({ ...valid, commonName: 'fileserver.corp.example', padBytes: 92_000 });
    expect(padded.der.length).toBeGreaterThan(92_000);
    expect(padded.der.length).toBeLessThanOrEqual(MAX_CERTIFICATE_BYTES);
    const f = judgeCertificate([padded.der], { host, isAddress: false, now: NOW }) as CertificateFacts;
    expect(f.nameMatch.matches).toBe(false);
    expect(ids(runCertificateRules(certEv(f)))).toEqual(['certificate-name-mismatch', 'certificate-self-signed']);
  });
});
