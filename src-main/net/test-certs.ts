/** Test helper: builds real X.509 certificates with node-forge at test time (never shipped in the app's hot path). */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** What a generated certificate should say. */
export interface TestCertSpec {
  readonly commonName?: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Sign with this CA instead of self-signing. */
  readonly issuer?: TestCert;
  readonly hash?: 'sha1' | 'sha256';
  readonly keyBits?: 1024 | 2048;
  /** 'serverAuth' (default), 'clientAuth' only, or no EKU extension at all. */
  readonly eku?: 'serverAuth' | 'clientAuth' | 'none';
  readonly isCa?: boolean;
  readonly serial?: string;
  /** How the common name is encoded: PrintableString (default), UTF8String or BMPString (UTF-16BE). */
  readonly commonNameType?: 'printable' | 'utf8' | 'bmp';
  /** Grows the certificate by about this many bytes with a Netscape comment extension (an oversized certificate). */
  readonly padBytes?: number;
}

/** A generated certificate with its key, as DER and PEM. */
export interface TestCert {
  readonly der: Buffer;
  readonly certPem: string;
  readonly keyPem: string;
  readonly cert: forge.pki.Certificate;
  readonly keys: forge.pki.rsa.KeyPair;
}

const keyCache = new Map<number, forge.pki.rsa.KeyPair>();

/** One RSA key pair per size, reused so tests stay fast. */
export function testKeys(bits: 1024 | 2048 = 2048): forge.pki.rsa.KeyPair {
  let keys = keyCache.get(bits);
  if (!keys) {
    // Node generates in milliseconds what forge's pure-JS generator takes seconds for.
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: bits,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const priv = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
    keys = { privateKey: priv, publicKey: forge.pki.setRsaPublicKey(priv.n, priv.e) };
    keyCache.set(bits, keys);
  }
  return keys;
}

/** Builds a certificate per `spec`; defaults: CN=localhost, valid from a day ago for a year, SHA-256, serverAuth. */
export function makeTestCert(spec: TestCertSpec = {}): TestCert {
  const keys = testKeys(spec.keyBits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = spec.serial ?? '0a1b2c3d';
  const now = Date.now();
  cert.validity.notBefore = spec.notBefore ?? new Date(now - 86_400_000);
  cert.validity.notAfter = spec.notAfter ?? new Date(now + 365 * 86_400_000);
  // DER order is most general first (O, then CN), as real certificates are written.
  const cn = spec.commonName ?? 'localhost';
  // forge encodes a UTF8String itself but takes a BMPString as its raw bytes.
  const commonName =
    spec.commonNameType === 'utf8'
      ? { name: 'commonName', value: cn, valueTagClass: forge.asn1.Type.UTF8 as number }
      : spec.commonNameType === 'bmp'
        ? { name: 'commonName', value: Buffer.from(cn, 'utf16le').swap16().toString('binary'), valueTagClass: forge.asn1.Type.BMPSTRING as number }
        : { name: 'commonName', value: cn };
  const subject = [{ name: 'organizationName', value: 'RDP Doctor Test' }, commonName];
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: spec.isCa ?? false }];
  const eku = spec.eku ?? 'serverAuth';
  if (eku === 'serverAuth') extensions.push({ name: 'extKeyUsage', serverAuth: true });
  if (eku === 'clientAuth') extensions.push({ name: 'extKeyUsage', clientAuth: true });
  const alt = [...(spec.dnsNames ?? []).map((value) => ({ type: 2, value })), ...(spec.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))];
  if (alt.length > 0) extensions.push({ name: 'subjectAltName', altNames: alt });
  if (spec.padBytes) {
    const comment = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.IA5STRING, false, 'x'.repeat(spec.padBytes));
    extensions.push({ id: '2.16.840.1.113730.1.13', critical: false, value: forge.asn1.toDer(comment).getBytes() });
  }
  cert.setExtensions(extensions);
  const signer = spec.issuer ? spec.issuer.keys.privateKey : keys.privateKey;
  cert.sign(signer, (spec.hash === 'sha1' ? forge.md.sha1 : forge.md.sha256).create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { der, certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey), cert, keys };
}
