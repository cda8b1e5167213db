/** Pure certificate verdict: dates, names, self-signed, usage, key and signature strength, thumbprints. */
import { createHash, X509Certificate } from 'node:crypto';
import type Forge from 'node-forge';
import { forge } from './forge-x509';
import { matchHostName, type NameMatchedBy } from './cert-names';
import { ANY_EKU_OID, CURVES, KEY_TYPES, RSA_OID, SERVER_AUTH_OID, SIGNATURES } from './cert-oids';
import { MAX_CERTIFICATE_BYTES } from '../shared/limits';

/** A certificate problem by code; the rules map codes to findings. */
export type CertificateProblemCode =
  | 'expired'
  | 'not-yet-valid'
  | 'expiring-soon'
  | 'self-signed'
  | 'name-mismatch'
  | 'no-server-auth'
  | 'weak-signature'
  | 'weak-key'
  | 'chain-unreadable'
  /** Added by the tls.certificate check: differs from the certificate seen here before. */
  | 'changed';

/** One problem with a plain-words message. */
export interface CertificateProblem {
  readonly code: CertificateProblemCode;
  readonly message: string;
}

/** The facts and problems of a readable leaf certificate (plain JSON, fit for evidence). */
export interface CertificateFacts {
  readonly ok: true;
  readonly subject: string;
  readonly commonName: string | null;
  readonly issuer: string;
  readonly issuerCommonName: string | null;
  /** Uppercase hex, as Windows shows it. */
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Whole days until notAfter (negative once expired). */
  readonly daysLeft: number;
  readonly validity: 'valid' | 'expiring-soon' | 'expired' | 'not-yet-valid';
  readonly selfSigned: boolean;
  readonly dnsNames: string[];
  readonly ipAddresses: string[];
  readonly nameMatch: { readonly host: string; readonly matches: boolean; readonly matchedBy: NameMatchedBy };
  /** 'unrestricted' = no extended key usage extension, so any use is allowed. */
  readonly serverAuth: 'present' | 'absent' | 'unrestricted';
  readonly key: { readonly type: string; readonly bits: number | null; readonly curve: string | null; readonly weak: boolean };
  readonly signatureAlgorithm: { readonly oid: string; readonly name: string; readonly weak: boolean };
  /** SHA-1 thumbprint, uppercase hex without separators (the Windows "Thumbprint"). */
  readonly sha1: string;
  readonly sha256: string;
  /** Number of certificates the server sent. */
  readonly chainLength: number;
  /** Subjects of the other certificates, in the order sent. */
  readonly chainSubjects: string[];
  readonly problems: CertificateProblem[];
}

/** The verdict: facts and problems, or a clear error when the leaf cannot be read. Never throws. */
export type CertificateVerdict = CertificateFacts | { readonly ok: false; readonly error: string };

/** Options for judgeCertificate. */
export interface JudgeOptions {
  readonly host: string;
  readonly isAddress: boolean;
  readonly now: Date;
}

/** Certificates ending within this many days are "expiring soon". */
export const EXPIRING_SOON_DAYS = 30;
const DAY_MS = 86_400_000;

/** A fixed tiny RSA key, swapped in for non-RSA keys because node-forge only parses RSA certificates. */
let placeholderSpki: Forge.asn1.Asn1 | null = null;
function rsaPlaceholder(): Forge.asn1.Asn1 {
  placeholderSpki ??= forge.pki.publicKeyToAsn1(forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('c5', 16), new forge.jsbn.BigInteger('10001', 16)));
  return placeholderSpki;
}

function children(node: Forge.asn1.Asn1 | undefined): Forge.asn1.Asn1[] {
  return node && Array.isArray(node.value) ? (node.value as Forge.asn1.Asn1[]) : [];
}

/** Reads key type and size straight from the SubjectPublicKeyInfo node. */
function readKey(spki: Forge.asn1.Asn1): { type: string; oid: string; bits: number | null; curve: string | null } {
  const [alg, bitString] = children(spki);
  const [oidNode, params] = children(alg);
  const oid = oidNode && typeof oidNode.value === 'string' ? forge.asn1.derToOid(oidNode.value) : '';
  const type = KEY_TYPES[oid] ?? `unknown (${oid || 'no OID'})`;
  if (oid === RSA_OID) {
    const key = forge.pki.publicKeyFromAsn1(spki) as Forge.pki.rsa.PublicKey;
    return { type, oid, bits: key.n.bitLength(), curve: null };
  }
  if (type === 'EC' && params && typeof params.value === 'string' && params.type === forge.asn1.Type.OID) {
    const curveOid = forge.asn1.derToOid(params.value);
    const curve = CURVES[curveOid];
    return { type, oid, bits: curve?.bits ?? null, curve: curve?.name ?? curveOid };
  }
  if (type === 'Ed25519') return { type, oid, bits: 256, curve: null };
  if (type === 'Ed448') return { type, oid, bits: 456, curve: null };
  const raw = bitString && typeof bitString.value === 'string' ? bitString.value.length : 0;
  return { type, oid, bits: raw > 0 ? raw * 8 : null, curve: null };
}

/** Parses one DER certificate with node-forge, tolerating non-RSA keys. Throws on malformed input. */
function parseDer(der: Buffer): { cert: Forge.pki.Certificate; key: ReturnType<typeof readKey> } {
  if (der.length === 0) throw new Error('the certificate is empty');
  // The typings lag the library: fromDer takes an options object (strict, and no trailing bytes).
  const fromDer = forge.asn1.fromDer as unknown as (bytes: Forge.util.ByteStringBuffer, options: object) => Forge.asn1.Asn1;
  const root = fromDer(forge.util.createBuffer(der.toString('binary')), { strict: true, parseAllBytes: true });
  const tbs = children(root)[0];
  const fields = children(tbs);
  const spkiIndex = fields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 6 : 5;
  const spki = fields[spkiIndex];
  if (!spki) throw new Error('the certificate has no public key');
  const key = readKey(spki);
  if (key.oid !== RSA_OID) fields[spkiIndex] = rsaPlaceholder();
  const cert = forge.pki.certificateFromAsn1(root);
  if (Number.isNaN(cert.validity.notBefore.getTime()) || Number.isNaN(cert.validity.notAfter.getTime())) {
    throw new Error('its validity dates are not valid dates');
  }
  return { cert, key };
}

function attrLabel(a: Forge.pki.CertificateField): string {
  return a.shortName ?? a.name ?? a.type ?? '?';
}

/** A name attribute as text: node-forge hands over the raw bytes, so UTF8String and BMPString (as Windows writes names beyond ASCII) are decoded here. */
function attrText(a: Forge.pki.CertificateField): string {
  const raw = String(a.value);
  // The typings call it a Class; it holds the universal tag number of the value.
  const tag = a.valueTagClass as number | undefined;
  if (tag === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(raw);
    } catch {
      return raw;
    }
  }
  if (tag === forge.asn1.Type.BMPSTRING) return Buffer.from(raw, 'binary').swap16().toString('utf16le');
  return raw;
}

/** A distinguished name most-specific first, like Windows shows it ("CN=host, O=Org, C=US"). */
function formatName(attrs: Forge.pki.CertificateField[]): string {
  return [...attrs]
    .reverse()
    .map((a) => `${attrLabel(a)}=${attrText(a)}`)
    .join(', ');
}

function commonNameOf(attrs: Forge.pki.CertificateField[]): string | null {
  const cn = attrs.find((a) => a.shortName === 'CN' || a.type === '2.5.4.3');
  return cn ? attrText(cn) : null;
}

function thumbprint(der: Buffer, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(der).digest('hex').toUpperCase();
}

interface SanExtension {
  altNames?: { type: number; value?: string; ip?: string }[];
}

function readNames(cert: Forge.pki.Certificate): { dnsNames: string[]; ipAddresses: string[] } {
  const ext = cert.getExtension('subjectAltName') as SanExtension | undefined;
  const alt = ext?.altNames ?? [];
  return {
    dnsNames: alt.filter((n) => n.type === 2 && typeof n.value === 'string').map((n) => n.value as string),
    ipAddresses: alt.filter((n) => n.type === 7 && typeof n.ip === 'string').map((n) => n.ip as string),
  };
}

function readServerAuth(cert: Forge.pki.Certificate): CertificateFacts['serverAuth'] {
  const eku = cert.getExtension('extKeyUsage') as Record<string, unknown> | undefined;
  if (!eku) return 'unrestricted';
  return eku['serverAuth'] === true || eku[SERVER_AUTH_OID] === true || eku[ANY_EKU_OID] === true ? 'present' : 'absent';
}

/** True when the certificate's signature verifies with its own key (Node/OpenSSL does every key type). */
function signedBySelf(der: Buffer): boolean | null {
  try {
    const x = new X509Certificate(der);
    return x.verify(x.publicKey);
  } catch {
    return null;
  }
}

function isKeyWeak(key: ReturnType<typeof readKey>): boolean {
  if (key.bits === null) return false;
  if (key.type === 'RSA' || key.type === 'DSA') return key.bits < 2048;
  if (key.type === 'EC') return key.bits < 256;
  return false;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}

/** Judges the leaf of `chainDer` (leaf first) for `host` at `now`. Never throws: bad input gives `{ ok: false }`. */
export function judgeCertificate(chainDer: readonly Buffer[], options: JudgeOptions): CertificateVerdict {
  const leafDer = chainDer[0];
  if (!leafDer) return { ok: false, error: 'The server sent no certificate.' };
  // The chain code keeps one byte past the limit of a larger certificate, so its length here says only "too large".
  if (leafDer.length > MAX_CERTIFICATE_BYTES) {
    return { ok: false, error: `The server's certificate is larger than ${MAX_CERTIFICATE_BYTES / 1024} KiB, more than TLS clients read by default.` };
  }
  let parsed: ReturnType<typeof parseDer>;
  try {
    parsed = parseDer(leafDer);
  } catch (error) {
    return { ok: false, error: `The server's certificate could not be read: ${describeError(error)}.` };
  }
  try {
    return readFacts(leafDer, parsed, chainDer, options);
  } catch (error) {
    return { ok: false, error: `The server's certificate could not be read: ${describeError(error)}.` };
  }
}

function readFacts(leafDer: Buffer, { cert, key }: ReturnType<typeof parseDer>, chainDer: readonly Buffer[], options: JudgeOptions): CertificateFacts {
  const problems: CertificateProblem[] = [];
  const notBefore = cert.validity.notBefore;
  const notAfter = cert.validity.notAfter;
  const now = options.now.getTime();
  const daysLeft = Math.floor((notAfter.getTime() - now) / DAY_MS);
  let validity: CertificateFacts['validity'] = 'valid';
  if (now > notAfter.getTime()) {
    validity = 'expired';
    problems.push({ code: 'expired', message: `Expired on ${notAfter.toISOString()}.` });
  } else if (now < notBefore.getTime()) {
    validity = 'not-yet-valid';
    problems.push({ code: 'not-yet-valid', message: `Not valid before ${notBefore.toISOString()}.` });
  } else if (daysLeft <= EXPIRING_SOON_DAYS) {
    validity = 'expiring-soon';
    problems.push({ code: 'expiring-soon', message: `Expires in ${daysLeft} day(s), on ${notAfter.toISOString()}.` });
  }

  const selfIssued = cert.subject.hash === cert.issuer.hash;
  const selfSigned = selfIssued && signedBySelf(leafDer) !== false;
  if (selfSigned) problems.push({ code: 'self-signed', message: 'Self-signed: no authority vouches for it.' });

  const { dnsNames, ipAddresses } = readNames(cert);
  const commonName = commonNameOf(cert.subject.attributes);
  const matchedBy = matchHostName({ commonName, dnsNames, ipAddresses }, options.host, options.isAddress);
  if (matchedBy === null) {
    const named = [...dnsNames, ...ipAddresses];
    const shown = named.length > 0 ? named.join(', ') : (commonName ?? 'no name');
    problems.push({ code: 'name-mismatch', message: `Issued to ${shown}, not to ${options.host}.` });
  }

  const serverAuth = readServerAuth(cert);
  if (serverAuth === 'absent') problems.push({ code: 'no-server-auth', message: 'Not allowed for server authentication (no serverAuth usage).' });

  const sigOid = cert.signatureOid ?? '';
  const sig = SIGNATURES[sigOid] ?? { name: forge.pki.oids[sigOid] ?? sigOid, weak: false };
  if (sig.weak) problems.push({ code: 'weak-signature', message: `Signed with ${sig.name}, which is no longer considered safe.` });
  const keyWeak = isKeyWeak(key);
  if (keyWeak) problems.push({ code: 'weak-key', message: `${key.type} key of ${key.bits} bits is too short.` });

  const chainSubjects: string[] = [];
  chainDer.slice(1).forEach((der, i) => {
    try {
      chainSubjects.push(formatName(parseDer(der).cert.subject.attributes));
    } catch (error) {
      chainSubjects.push('(unreadable)');
      problems.push({ code: 'chain-unreadable', message: `Chain certificate ${i + 2} could not be read: ${describeError(error)}.` });
    }
  });

  return {
    ok: true,
    subject: formatName(cert.subject.attributes),
    commonName,
    issuer: formatName(cert.issuer.attributes),
    issuerCommonName: commonNameOf(cert.issuer.attributes),
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft,
    validity,
    selfSigned,
    dnsNames,
    ipAddresses,
    nameMatch: { host: options.host, matches: matchedBy !== null, matchedBy },
    serverAuth,
    key: { type: key.type, bits: key.bits, curve: key.curve, weak: keyWeak },
    signatureAlgorithm: { oid: sigOid, name: sig.name, weak: sig.weak },
    sha1: thumbprint(leafDer, 'sha1'),
    sha256: thumbprint(leafDer, 'sha256'),
    chainLength: chainDer.length,
    chainSubjects,
    problems,
  };
}
