import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { describe, expect, it } from 'vitest';
import { judgeCertificate, type CertificateFacts, type CertificateVerdict } from './certificate';
import { matchesDnsName, matchHostName } from './cert-names';
import { makeTestCert } from './test-certs';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

function facts(v: CertificateVerdict): CertificateFacts {
  if (!v.ok) throw new Error(`expected a readable certificate, got: ${v.error}`);
  return v;
}
function codes(v: CertificateVerdict): string[] {
  return facts(v)
    .problems.map((p) => p.code)
    .sort();
}
const judge = (der: Buffer[], host = 'server01.corp.example', isAddress = false) => judgeCertificate(der, { host, isAddress, now: NOW });

describe('judgeCertificate', () => {
  const ca = makeTestCert({ commonName: 'Corp Issuing CA', isCa: true, notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() + 3000 * DAY) });
  const good = makeTestCert({
    commonName: 'server01.corp.example',
    dnsNames: ['server01.corp.example'],
    issuer: ca,
    notBefore: new Date(NOW.getTime() - 10 * DAY),
    notAfter: new Date(NOW.getTime() + 200 * DAY),
    serial: '01ab',
  });

  it('reads a good CA-issued certificate with no problems', () => {
    const v = facts(judge([good.der, ca.der]));
    expect(v.problems).toEqual([]);
    expect(v.validity).toBe('valid');
    expect(v.selfSigned).toBe(false);
    expect(v.commonName).toBe('server01.corp.example');
    expect(v.subject).toBe('CN=server01.corp.example, O=RDP Doctor Test');
    expect(v.issuerCommonName).toBe('Corp Issuing CA');
    expect(v.serialNumber).toBe('01AB');
    expect(v.daysLeft).toBe(200);
    expect(v.nameMatch).toEqual({ host: 'server01.corp.example', matches: true, matchedBy: 'dns-san' });
    expect(v.serverAuth).toBe('present');
    expect(v.key).toEqual({ type: 'RSA', bits: 2048, curve: null, weak: false });
    expect(v.signatureAlgorithm.name).toBe('sha256WithRSAEncryption');
    expect(v.chainLength).toBe(2);
    expect(v.chainSubjects).toEqual(['CN=Corp Issuing CA, O=RDP Doctor Test']);
  });

  it('gives uppercase SHA-1 and SHA-256 thumbprints of the DER bytes', () => {
    const v = facts(judge([good.der]));
    expect(v.sha1).toBe(createHash('sha1').update(good.der).digest('hex').toUpperCase());
    expect(v.sha256).toMatch(/^[0-9A-F]{64}$/);
    expect(v.sha256).toBe(createHash('sha256').update(good.der).digest('hex').toUpperCase());
  });

  it('flags an expired certificate', () => {
    const c = makeTestCert({ commonName: 'server01.corp.example', notBefore: new Date(NOW.getTime() - 200 * DAY), notAfter: new Date(NOW.getTime() - 3 * DAY) });
    const v = facts(judge([c.der]));
    expect(v.validity).toBe('expired');
    expect(v.daysLeft).toBe(-3);
    expect(codes(v)).toEqual(['expired', 'self-signed']);
  });

  it('flags a not-yet-valid certificate', () => {
    const c = makeTestCert({ commonName: 'server01.corp.example', notBefore: new Date(NOW.getTime() + 2 * DAY), notAfter: new Date(NOW.getTime() + 100 * DAY) });
    expect(facts(judge([c.der])).validity).toBe('not-yet-valid');
    expect(codes(judge([c.der]))).toContain('not-yet-valid');
  });

  it('flags a certificate expiring within 30 days but not one expiring in 31', () => {
    const soon = makeTestCert({ commonName: 'server01.corp.example', issuer: ca, notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 30 * DAY) });
    const later = makeTestCert({ commonName: 'server01.corp.example', issuer: ca, notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 31 * DAY + 1000) });
    expect(codes(judge([soon.der]))).toEqual(['expiring-soon']);
    expect(codes(judge([later.der]))).toEqual([]);
  });

  it('recognises a Windows-style self-signed certificate (CN only, no SAN) and matches by CN', () => {
    const c = makeTestCert({ commonName: 'SERVER01.corp.example', notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 180 * DAY) });
    const v = facts(judge([c.der]));
    expect(v.selfSigned).toBe(true);
    expect(v.nameMatch.matchedBy).toBe('common-name');
    expect(codes(v)).toEqual(['self-signed']);
  });

  it('flags a name mismatch and says what the certificate names', () => {
    const v = facts(judge([good.der], 'server02.corp.example'));
    expect(v.nameMatch.matches).toBe(false);
    const p = v.problems.find((x) => x.code === 'name-mismatch');
    expect(p?.message).toContain('server01.corp.example');
    expect(p?.message).toContain('server02.corp.example');
  });

  it('ignores the CN when DNS SANs exist (RFC 6125)', () => {
    const c = makeTestCert({ commonName: 'server01.corp.example', dnsNames: ['other.corp.example'], issuer: ca });
    expect(facts(judge([c.der])).nameMatch.matches).toBe(false);
  });

  it('matches a one-label wildcard but not two labels or the bare domain', () => {
    const c = makeTestCert({
      commonName: 'wild',
      dnsNames: ['*.corp.example'],
      issuer: ca,
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + 90 * DAY),
    });
    expect(facts(judge([c.der], 'server01.corp.example')).nameMatch.matchedBy).toBe('dns-san');
    expect(facts(judge([c.der], 'a.b.corp.example')).nameMatch.matches).toBe(false);
    expect(facts(judge([c.der], 'corp.example')).nameMatch.matches).toBe(false);
  });

  it('matches an address target against IP SANs only', () => {
    const c = makeTestCert({ commonName: 'server01.corp.example', dnsNames: ['server01.corp.example'], ipAddresses: ['10.0.0.5', '2001:db8::5'], issuer: ca });
    expect(facts(judge([c.der], '10.0.0.5', true)).nameMatch.matchedBy).toBe('ip-san');
    expect(facts(judge([c.der], '2001:db8:0:0::5', true)).nameMatch.matchedBy).toBe('ip-san');
    expect(facts(judge([c.der], '10.0.0.6', true)).nameMatch.matches).toBe(false);
  });

  it('flags a SHA-1 signature as weak', () => {
    const c = makeTestCert({ commonName: 'server01.corp.example', issuer: ca, hash: 'sha1' });
    const v = facts(judge([c.der]));
    expect(v.signatureAlgorithm).toEqual({ oid: '1.2.840.113549.1.1.5', name: 'sha1WithRSAEncryption', weak: true });
    expect(codes(v)).toContain('weak-signature');
  });

  it('flags a 1024-bit RSA key as weak', () => {
    const c = makeTestCert({ commonName: 'server01.corp.example', keyBits: 1024 });
    const v = facts(judge([c.der]));
    expect(v.key).toMatchObject({ type: 'RSA', bits: 1024, weak: true });
    expect(codes(v)).toContain('weak-key');
  });

  it('flags a certificate without serverAuth usage, and treats no EKU as unrestricted', () => {
    const client = makeTestCert({ commonName: 'server01.corp.example', issuer: ca, eku: 'clientAuth' });
    const none = makeTestCert({ commonName: 'server01.corp.example', issuer: ca, eku: 'none' });
    expect(facts(judge([client.der])).serverAuth).toBe('absent');
    expect(codes(judge([client.der]))).toContain('no-server-auth');
    expect(facts(judge([none.der])).serverAuth).toBe('unrestricted');
  });

  it('reads an EC certificate made by openssl (node-forge alone cannot)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdpd-ec-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          join(dir, 'c.der'),
          '-outform',
          'DER',
          '-subj',
          '/CN=server01.corp.example',
          '-days',
          '30',
        ],
        { stdio: 'ignore' },
      );
      const der = readFileSync(join(dir, 'c.der'));
      const v = facts(judgeCertificate([der], { host: 'server01.corp.example', isAddress: false, now: new Date() }));
      expect(v.key).toMatchObject({ type: 'EC', bits: 256, curve: 'P-256', weak: false });
      expect(v.signatureAlgorithm.name).toBe('ecdsa-with-SHA256');
      expect(v.selfSigned).toBe(true);
      expect(v.nameMatch.matches).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('decodes names written as UTF8String or BMPString, as Windows writes names beyond ASCII', () => {
    for (const type of ['utf8', 'bmp'] as const) {
      const cert = makeTestCert({ commonName: 'Müller-PC \u202Eevil', commonNameType: type });
      const v = facts(judge([cert.der], 'müller-pc'));
      expect(v.commonName, type).toBe('Müller-PC \u202Eevil');
      expect(v.subject, type).toBe('CN=Müller-PC \u202Eevil, O=RDP Doctor Test');
    }
  });

  it('returns a clear error for an empty chain, truncated DER and trailing garbage', () => {
    expect(judge([])).toEqual({ ok: false, error: 'The server sent no certificate.' });
    const truncated = judge([good.der.subarray(0, good.der.length - 20)]);
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.error).toMatch(/could not be read/);
    expect(judge([Buffer.concat([good.der, Buffer.from([0, 0])])]).ok).toBe(false);
  });

  it('reports an unreadable chain certificate as a problem, keeping the leaf verdict', () => {
    const v = facts(judge([good.der, Buffer.from('not a certificate')]));
    expect(codes(v)).toEqual(['chain-unreadable']);
    expect(v.chainSubjects).toEqual(['(unreadable)']);
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (bytes) => {
        const v = judge([Buffer.from(bytes)]);
        return v.ok === false || typeof v.sha256 === 'string';
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('never throws on corrupted real certificates', () => {
    fc.assert(
      fc.property(fc.nat(good.der.length - 1), fc.integer({ min: 0, max: 255 }), (index, byte) => {
        const copy = Buffer.from(good.der);
        copy[index] = byte;
        const v = judge([copy]);
        return typeof v.ok === 'boolean';
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});

describe('name matching', () => {
  it('follows RFC 6125 wildcard rules', () => {
    expect(matchesDnsName('*.example.com', 'A.Example.com.')).toBe(true);
    expect(matchesDnsName('*.com', 'example.com')).toBe(false);
    expect(matchesDnsName('a*.example.com', 'ab.example.com')).toBe(false);
    expect(matchesDnsName('*.*.example.com', 'a.b.example.com')).toBe(false);
    expect(matchesDnsName('*.example.com', '10.example.com')).toBe(true);
  });
  it('never matches names against an address target or the reverse', () => {
    expect(matchHostName({ commonName: '10.0.0.1', dnsNames: [], ipAddresses: [] }, '10.0.0.1', true)).toBe('common-name');
    expect(matchHostName({ commonName: null, dnsNames: ['10.0.0.1'], ipAddresses: [] }, '10.0.0.1', true)).toBe(null);
    expect(matchHostName({ commonName: null, dnsNames: [], ipAddresses: ['10.0.0.1'] }, 'host', false)).toBe(null);
  });
});
