/** Host name matching for server certificates (RFC 6125 §6.4): DNS SANs with one-label wildcards, IP SANs, CN fallback. */
import { ipFamily } from '../shared/ip';

/** How the asked-for name was matched, or null when nothing in the certificate names it. */
export type NameMatchedBy = 'dns-san' | 'ip-san' | 'common-name' | null;

/** The names a certificate carries. */
export interface CertificateNames {
  readonly commonName: string | null;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** Lower-cases and drops one trailing dot, the way names compare in DNS. */
function normalize(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Canonical text of an IP literal so `::1` and `0:0::1` compare equal; null for non-addresses. */
export function canonicalIp(text: string): string | null {
  const raw = text.trim().replace(/^\[|\]$/g, '');
  const family = ipFamily(raw);
  if (family === 4)
    return raw
      .split('.')
      .map((p) => String(Number(p)))
      .join('.');
  if (family !== 6) return null;
  // Expand to eight groups, then print without leading zeros (no "::" compression needed for equality).
  let text6 = raw.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text6);
  if (v4?.[1]) {
    const parts = v4[1].split('.').map(Number);
    const hi = (((parts[0] ?? 0) << 8) | (parts[1] ?? 0)).toString(16);
    const lo = (((parts[2] ?? 0) << 8) | (parts[3] ?? 0)).toString(16);
    text6 = text6.slice(0, -v4[1].length) + `${hi}:${lo}`;
  }
  const [head = '', tail] = text6.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16).toString(16)).join(':');
}

/**
 * True when `pattern` (a DNS SAN or CN) names `host`. A wildcard is only honoured as the whole
 * left-most label, matches exactly one label, and needs at least two labels after it (RFC 6125 §6.4.3).
 */
export function matchesDnsName(pattern: string, host: string): boolean {
  const p = normalize(pattern);
  const h = normalize(host);
  if (!p || !h) return false;
  if (!p.includes('*')) return p === h;
  const pLabels = p.split('.');
  const hLabels = h.split('.');
  if (pLabels[0] !== '*' || pLabels.slice(1).some((l) => l.includes('*'))) return false;
  if (pLabels.length < 3 || pLabels.length !== hLabels.length) return false;
  if (ipFamily(h) !== 0 || (hLabels[0] ?? '') === '') return false;
  return pLabels.slice(1).join('.') === hLabels.slice(1).join('.');
}

/**
 * Decides whether the certificate names `host`. For an address, only IP SANs count (and the CN
 * when it holds the same address, as mstsc accepts). For a name, DNS SANs count; the CN is used
 * only when the certificate has no DNS SAN at all (RFC 6125 §6.4.4).
 */
export function matchHostName(names: CertificateNames, host: string, isAddress: boolean): NameMatchedBy {
  if (isAddress) {
    const want = canonicalIp(host);
    if (want === null) return null;
    if (names.ipAddresses.some((ip) => canonicalIp(ip) === want)) return 'ip-san';
    if (names.commonName !== null && canonicalIp(names.commonName) === want) return 'common-name';
    return null;
  }
  if (names.dnsNames.some((n) => matchesDnsName(n, host))) return 'dns-san';
  if (names.dnsNames.length === 0 && names.commonName !== null && matchesDnsName(names.commonName, host)) {
    return 'common-name';
  }
  return null;
}
