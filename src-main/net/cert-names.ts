/** Host name matching for server certificates (RFC 6125 §6.4): DNS SANs with one-label wildcards, IP SANs, CN fallback. */
import { canonicalIp, ipFamily } from '../shared/ip';

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
