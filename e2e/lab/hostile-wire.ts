/** Hand-built bytes for the hostile lab servers: TLS records, DER, TSRequest and NTLM CHALLENGE; independent of src-main on purpose. */
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';

/** TLS alert descriptions by number (RFC 8446 §6). */
export const TLS_ALERTS = {
  handshake_failure: 40,
  bad_certificate: 42,
  illegal_parameter: 47,
  access_denied: 49,
  decode_error: 50,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  unrecognized_name: 112,
} as const;

/** A TLS alert name this lab can send. */
export type TlsAlertName = keyof typeof TLS_ALERTS;

/** One TLS record (legacy version 0x0303). */
export function tlsRecord(type: number, body: Buffer): Buffer {
  const head = Buffer.from([type, 0x03, 0x03, 0, 0]);
  head.writeUInt16BE(body.length, 3);
  return Buffer.concat([head, body]);
}

/** A fatal alert record. */
export function alertRecord(code: number): Buffer {
  return tlsRecord(0x15, Buffer.from([0x02, code & 0xff]));
}

function u24(n: number): Buffer {
  return Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

function handshakeMessage(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type]), u24(body.length), body]);
}

/**
 * A TLS 1.2 ServerHello (TLS_RSA_WITH_AES_128_GCM_SHA256, empty session id, secure renegotiation),
 * a Certificate message carrying `certificates` as given (no DER check) and ServerHelloDone, in one record each.
 */
export function rawServerFlight(certificates: readonly Buffer[]): Buffer {
  const renegotiationInfo = Buffer.from([0xff, 0x01, 0x00, 0x01, 0x00]);
  const extensions = Buffer.concat([Buffer.from([0x00, renegotiationInfo.length]), renegotiationInfo]);
  const hello = Buffer.concat([Buffer.from([0x03, 0x03]), randomBytes(32), Buffer.from([0x00, 0x00, 0x9c, 0x00]), extensions]);
  const entries = Buffer.concat(certificates.map((c) => Buffer.concat([u24(c.length), c])));
  const certificate = Buffer.concat([u24(entries.length), entries]);
  return Buffer.concat([
    tlsRecord(0x16, handshakeMessage(0x02, hello)),
    tlsRecord(0x16, handshakeMessage(0x0b, certificate)),
    tlsRecord(0x16, handshakeMessage(0x0e, Buffer.alloc(0))),
  ]);
}

/** A DER-looking certificate that is not one: a SEQUENCE claiming 65535 bytes that holds 5. */
export const MALFORMED_CERTIFICATE = Buffer.from([0x30, 0x82, 0xff, 0xff, 0x02, 0x01, 0x01, 0x05, 0x00]);

/** DER TLV with definite length. */
export function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

/** TSRequest { version [0] 6, negoTokens [1] { { negoToken [0] token } } } (MS-CSSP 2.2.1). */
export function tsRequestWith(token: Buffer): Buffer {
  const nego = der(0x30, der(0x30, der(0xa0, der(0x04, token))));
  return der(0x30, der(0xa0, der(0x02, Buffer.from([6]))), der(0xa1, nego));
}

/** How a CHALLENGE lies. */
export interface ChallengeShape {
  /** TargetName security buffer (len, offset); default: a real one. */
  readonly targetName?: { readonly len: number; readonly offset: number };
  /** TargetInfo security buffer (len, offset); default: covers `targetInfo`. */
  readonly targetInfoField?: { readonly len: number; readonly offset: number };
  /** Raw TargetInfo bytes (AV pairs). */
  readonly targetInfo: Buffer;
}

/** An NTLM CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2) with version, whose buffers say whatever `shape` says. */
export function ntlmChallenge(shape: ChallengeShape): Buffer {
  const name = Buffer.from('HOSTILE', 'utf16le');
  const head = Buffer.alloc(56);
  Buffer.from('NTLMSSP\0', 'latin1').copy(head, 0);
  head.writeUInt32LE(2, 8);
  const nameField = shape.targetName ?? { len: name.length, offset: 56 };
  head.writeUInt16LE(nameField.len & 0xffff, 12);
  head.writeUInt16LE(nameField.len & 0xffff, 14);
  head.writeUInt32LE(nameField.offset >>> 0, 16);
  head.writeUInt32LE(0xe28a8215, 20);
  randomBytes(8).copy(head, 24);
  const infoField = shape.targetInfoField ?? { len: shape.targetInfo.length, offset: 56 + name.length };
  head.writeUInt16LE(infoField.len & 0xffff, 40);
  head.writeUInt16LE(infoField.len & 0xffff, 42);
  head.writeUInt32LE(infoField.offset >>> 0, 44);
  head[48] = 10;
  head.writeUInt16LE(20348, 50);
  head[55] = 0x0f;
  return Buffer.concat([head, name, shape.targetInfo]);
}

/** One AV pair. */
export function avPair(id: number, value: Buffer, claimedLength = value.length): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(claimedLength & 0xffff, 2);
  return Buffer.concat([head, value]);
}

let chainKey: { keyPem: string; privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } | undefined;
// One 1024-bit key for every generated certificate: forge signs in JS, and a 100-certificate chain must build in well under a second.
function labKey() {
  if (chainKey) return chainKey;
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  chainKey = { keyPem, privateKey, publicKey: forge.pki.setRsaPublicKey(privateKey.n, privateKey.e) };
  return chainKey;
}

let leafKey: { keyPem: string; privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } | undefined;
// The leaf carries a 2048-bit key so no finding is about key size; only the signatures use the fast 1024-bit key.
function leaf() {
  if (leafKey) return leafKey;
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  leafKey = { keyPem, privateKey, publicKey: forge.pki.setRsaPublicKey(privateKey.n, privateKey.e) };
  return leafKey;
}

function buildCert(subject: string, issuer: string, serial: number, extensions: object[]): string {
  // The giant leaf (serial 1) is truly self-signed; the chain's signatures use the fast key.
  const key = serial === 1 ? leaf() : labKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = serial < 2 ? leaf().publicKey : key.publicKey;
  cert.serialNumber = (0x1000 + serial).toString(16);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 90 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer([{ name: 'commonName', value: issuer }]);
  cert.setExtensions(extensions);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const LEAF_EXTENSIONS = [
  {
    name: 'subjectAltName',
    altNames: [
      { type: 2, value: 'localhost' },
      { type: 7, ip: '127.0.0.1' },
    ],
  },
];

/** A localhost certificate whose private extension holds `bytes` of filler (60 KB makes a giant certificate). */
export function giantCertificate(bytes = 60 * 1024): { certPem: string; keyPem: string } {
  const filler = forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OCTETSTRING, false, 'A'.repeat(bytes))).getBytes();
  const certPem = buildCert('localhost', 'localhost', 1, [...LEAF_EXTENSIONS, { id: '1.3.6.1.4.1.55555.1.1', value: filler }]);
  return { certPem, keyPem: leaf().keyPem };
}

/** A leaf for localhost followed by `length - 1` distinct intermediates, each naming the next as issuer; PEMs concatenated. */
export function longChain(length = 100): { certPem: string; keyPem: string } {
  const pems: string[] = [buildCert('localhost', 'Hostile CA 1', 0, LEAF_EXTENSIONS)];
  for (let i = 2; i <= length; i++) {
    pems.push(buildCert(`Hostile CA ${i - 1}`, `Hostile CA ${i}`, i, [{ name: 'basicConstraints', cA: true }]));
  }
  return { certPem: pems.join(''), keyPem: leaf().keyPem };
}
