/** Parser and judgement for the host's RDP certificate(s), the configured thumbprint, and the key file's ACL. */
import { SERVER_COLLECTORS } from './scripts';
import { aclField, networkServiceCanRead, type AclInfo } from './acl';
import { asList, badOutput, bool, isObject, isoDate, normalizeHex, obj, parseJsonObject, str, type JsonObject } from './parse-util';

/** One certificate with its private key's location and ACL. */
export interface HostCertificate {
  readonly store: string;
  readonly thumbprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly hasPrivateKey: boolean;
  /** capi, cng, or guessed (the self-signed key's well-known file name, used when the key would not open). */
  readonly keyProvider: string | null;
  readonly keyContainer: string | null;
  readonly keyOpenError: string | null;
  readonly keyFile: string | null;
  readonly keyAcl: AclInfo | null;
  readonly keyAclError: string | null;
}

/** Parsed `server-certificate` output. */
export interface CertificateState {
  /** Whether the collector ran as administrator (key files and their ACLs need it). */
  readonly isElevated: boolean | null;
  readonly registryHash: string | null;
  readonly machineGuid: string | null;
  readonly certificates: readonly HostCertificate[];
  /** The configured custom certificate when it lives outside the Remote Desktop store. */
  readonly configured: HostCertificate | null;
}

function parseCert(c: JsonObject): HostCertificate | null {
  const thumbprint = normalizeHex(str(c, 'thumbprint'));
  if (!thumbprint) return null;
  return {
    store: str(c, 'store') ?? 'Remote Desktop',
    thumbprint,
    subject: str(c, 'subject') ?? '',
    issuer: str(c, 'issuer') ?? '',
    notBefore: isoDate(c, 'notBefore'),
    notAfter: isoDate(c, 'notAfter'),
    hasPrivateKey: bool(c, 'hasPrivateKey') ?? false,
    keyProvider: str(c, 'keyProvider'),
    keyContainer: str(c, 'keyContainer'),
    keyOpenError: str(c, 'keyOpenError'),
    keyFile: str(c, 'keyFile'),
    keyAcl: aclField(c, 'keyAcl'),
    keyAclError: str(c, 'keyAclError'),
  };
}

/** Parses `server-certificate` output; certificates without a valid thumbprint are dropped. */
export function parseCertificates(stdout: string): CertificateState {
  const name = SERVER_COLLECTORS.certificate;
  const root = parseJsonObject(name, stdout);
  if (!('certificates' in root)) badOutput(name, 'no certificates list');
  const configuredRaw = obj(root, 'configured');
  return {
    isElevated: bool(root, 'isElevated'),
    registryHash: normalizeHex(str(root, 'registryHash')),
    machineGuid: str(root, 'machineGuid'),
    certificates: asList(root['certificates'])
      .map(parseCert)
      .filter((c): c is HostCertificate => c !== null),
    configured: isObject(configuredRaw) ? parseCert(configuredRaw) : null,
  };
}

/** The certificate judged: in use, expired, key readable by NETWORK SERVICE, and a dangling configured hash. */
export interface CertificateVerdict {
  /** The certificate RDP presents, or null when none can be found. */
  readonly inUse: HostCertificate | null;
  /** How `inUse` was picked. */
  readonly inUseBasis: 'wmi-hash' | 'registry-hash' | 'only-certificate' | 'newest' | 'none';
  readonly isExpired: boolean;
  readonly isNotYetValid: boolean;
  readonly daysLeft: number | null;
  readonly isSelfSigned: boolean;
  /** A thumbprint is configured (registry or WMI) but no such certificate exists on the host. */
  readonly isHashDangling: boolean;
  readonly danglingHash: string | null;
  /** Null when the key file or its ACL could not be read. */
  readonly networkServiceCanReadKey: boolean | null;
}

const DAY_MS = 86_400_000;

/** Judges the certificates at `now`, given the thumbprint WMI reports (null if WMI could not be read). */
export function judgeCertificate(state: CertificateState, wmiHash: string | null, now: Date): CertificateVerdict {
  const all = [...state.certificates, ...(state.configured ? [state.configured] : [])];
  const byHash = (h: string | null) => (h ? all.find((c) => c.thumbprint === h) : undefined);
  let inUse: HostCertificate | null = null;
  let basis: CertificateVerdict['inUseBasis'] = 'none';
  const reg = byHash(state.registryHash);
  const wmi = byHash(wmiHash);
  if (reg) [inUse, basis] = [reg, 'registry-hash'];
  else if (wmi) [inUse, basis] = [wmi, 'wmi-hash'];
  else if (state.certificates.length === 1) [inUse, basis] = [state.certificates[0] ?? null, 'only-certificate'];
  else if (state.certificates.length > 1) {
    const sorted = [...state.certificates].sort((a, b) => Date.parse(b.notAfter ?? '') - Date.parse(a.notAfter ?? ''));
    [inUse, basis] = [sorted[0] ?? null, 'newest'];
  }
  const danglingHash = state.registryHash && !reg ? state.registryHash : null;
  const end = inUse?.notAfter ? Date.parse(inUse.notAfter) : NaN;
  const start = inUse?.notBefore ? Date.parse(inUse.notBefore) : NaN;
  const acl = inUse?.keyAcl ?? null;
  return {
    inUse,
    inUseBasis: basis,
    isExpired: Number.isFinite(end) && end < now.getTime(),
    isNotYetValid: Number.isFinite(start) && start > now.getTime(),
    daysLeft: Number.isFinite(end) ? Math.floor((end - now.getTime()) / DAY_MS) : null,
    isSelfSigned: !!inUse && inUse.subject !== '' && inUse.subject === inUse.issuer,
    isHashDangling: danglingHash !== null,
    danglingHash,
    networkServiceCanReadKey: acl ? networkServiceCanRead(acl) : null,
  };
}
