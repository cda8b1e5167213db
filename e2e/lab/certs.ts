import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** Options for a self-signed lab certificate. */
export interface CertificateOptions {
  commonName: string;
  altNames?: { dns?: string[]; ip?: string[] };
  notBefore?: Date;
  notAfter?: Date;
  keyBits?: number;
  signatureHash?: 'sha256' | 'sha1';
  serverAuth?: boolean;
  /** More subject attributes before the CN, most general first (forge short names: C, ST, L, O, OU, E). */
  subjectExtra?: readonly { shortName: string; value: string }[];
}

/** A generated certificate: PEMs for servers, DER and SHA-256 for assertions. */
export interface LabCertificate {
  certPem: string;
  keyPem: string;
  der: Buffer;
  /** Uppercase hex pairs joined by ':' — the same format as tls getPeerCertificate().fingerprint256. */
  sha256: string;
}

const DAY_MS = 86_400_000;
const keyCache = new Map<number, { keyPem: string; privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey }>();

// forge's pure-JS RSA generation takes seconds; node's native one takes milliseconds, so generate there and convert.
function rsaKey(bits: number) {
  const cached = keyCache.get(bits);
  if (cached) return cached;
  if (!Number.isInteger(bits) || bits < 512 || bits > 8192) throw new RangeError(`keyBits must be an integer 512..8192, got ${bits}`);
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  const entry = { keyPem, privateKey, publicKey };
  keyCache.set(bits, entry);
  return entry;
}

/** Formats a digest the way node's TLS layer prints fingerprints (AB:CD:…). */
export function formatFingerprint(digest: Buffer): string {
  return digest.toString('hex').toUpperCase().match(/../g)!.join(':');
}

/** Builds a self-signed RSA certificate with node-forge (keys are cached per size within the process). */
export function makeCertificate(options: CertificateOptions): LabCertificate {
  const { commonName, altNames, keyBits = 2048, signatureHash = 'sha256', serverAuth = true } = options;
  if (!commonName) throw new TypeError('makeCertificate: commonName is required');
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 180 * DAY_MS);
  if (notAfter.getTime() <= notBefore.getTime()) throw new RangeError('makeCertificate: notAfter must be later than notBefore');
  const key = rsaKey(keyBits);

  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  // Positive serial: clear the top bit so DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  // A name beyond ASCII goes in as a UTF8String, as Windows writes one (forge encodes it).
  const isAscii = /^[\x20-\x7e]*$/.test(commonName);
  const cn = isAscii ? { name: 'commonName', value: commonName } : { name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as number };
  const subject = [...(options.subjectExtra ?? []).map((a) => ({ ...a })), cn];
  cert.setSubject(subject);
  cert.setIssuer(subject);

  const extensions: object[] = [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
  ];
  if (serverAuth) extensions.push({ name: 'extKeyUsage', serverAuth: true });
  const san = [
    ...(altNames?.dns ?? []).map((value) => ({ type: 2, value })),
    ...(altNames?.ip ?? []).map((ip) => {
      if (!isIP(ip)) throw new TypeError(`makeCertificate: not an IP address: ${ip}`);
      return { type: 7, ip };
    }),
  ];
  if (san.length > 0) extensions.push({ name: 'subjectAltName', altNames: san });
  cert.setExtensions(extensions);
  cert.sign(key.privateKey, signatureHash === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create());

  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem: key.keyPem,
    der,
    sha256: formatFingerprint(createHash('sha256').update(der).digest()),
  };
}

// Loopback names get both forms so a check against either 127.0.0.1 or localhost sees a matching name.
function namesFor(host: string): { dns: string[]; ip: string[] } {
  if (host === 'localhost' || host === '127.0.0.1') return { dns: ['localhost'], ip: ['127.0.0.1'] };
  return isIP(host) ? { dns: [], ip: [host] } : { dns: [host], ip: [] };
}

/** Certificate valid now (yesterday → +180 days) for host. */
export function validCert(host: string): LabCertificate {
  return makeCertificate({ commonName: host, altNames: namesFor(host) });
}

/** Certificate for host that expired 10 days ago (like a stale Windows self-signed RDP cert). */
export function expiredCert(host: string): LabCertificate {
  const now = Date.now();
  return makeCertificate({ commonName: host, altNames: namesFor(host), notBefore: new Date(now - 200 * DAY_MS), notAfter: new Date(now - 10 * DAY_MS) });
}

/** Certificate valid in time but issued for a name no target ever has. */
export function wrongNameCert(): LabCertificate {
  const name = 'wrong-name.rdp-doctor.invalid';
  return makeCertificate({ commonName: name, altNames: { dns: [name] } });
}

/** Certificate for host whose validity starts in 30 days. */
export function notYetValidCert(host: string): LabCertificate {
  const now = Date.now();
  return makeCertificate({ commonName: host, altNames: namesFor(host), notBefore: new Date(now + 30 * DAY_MS), notAfter: new Date(now + 210 * DAY_MS) });
}
