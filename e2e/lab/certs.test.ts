import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expiredCert, makeCertificate, notYetValidCert, validCert, wrongNameCert } from './certs';
import { closedPort, freePort, isPortOpen } from './ports';

describe('lab certificates', () => {
  it('validCert is valid now, names the host, and its sha256 matches the DER', () => {
    const cert = validCert('rdp.example.test');
    const x = new X509Certificate(cert.certPem);
    expect(x.subject).toContain('CN=rdp.example.test');
    expect(x.subjectAltName).toContain('DNS:rdp.example.test');
    expect(new Date(x.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(x.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(x.fingerprint256).toBe(cert.sha256);
    expect(new X509Certificate(cert.der).fingerprint256).toBe(cert.sha256);
    expect(x.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
  });

  it('expired, not-yet-valid and wrong-name presets are what they say', () => {
    const now = Date.now();
    expect(new Date(new X509Certificate(expiredCert('h').certPem).validTo).getTime()).toBeLessThan(now);
    expect(new Date(new X509Certificate(notYetValidCert('h').certPem).validFrom).getTime()).toBeGreaterThan(now);
    const wrong = new X509Certificate(wrongNameCert().certPem);
    expect(wrong.checkHost('127.0.0.1')).toBeUndefined();
    expect(wrong.checkHost('localhost')).toBeUndefined();
  });

  it('loopback certs match both 127.0.0.1 and localhost; sha1 and key size are honoured', () => {
    const x = new X509Certificate(validCert('127.0.0.1').certPem);
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x.checkHost('localhost')).toBe('localhost');
    const small = makeCertificate({ commonName: 'x', keyBits: 1024, signatureHash: 'sha1', serverAuth: false });
    const sx = new X509Certificate(small.certPem);
    expect(sx.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    expect(sx.toLegacyObject().ext_key_usage).toBeUndefined();
  });

  it('rejects nonsense input with a clear message', () => {
    expect(() => makeCertificate({ commonName: 'x', altNames: { ip: ['not-an-ip'] } })).toThrow(/not an IP/);
    expect(() => makeCertificate({ commonName: 'x', notBefore: new Date(2), notAfter: new Date(1) })).toThrow(/notAfter/);
    expect(() => makeCertificate({ commonName: 'x', keyBits: 12 })).toThrow(/keyBits/);
  });
});

describe('lab ports', () => {
  it('freePort never repeats and closedPort refuses connections', async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    expect(new Set(ports).size).toBe(4);
    expect(await isPortOpen(await closedPort())).toBe(false);
  });
});
