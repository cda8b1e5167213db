/** TLS version names (as node:tls spells them) and the ones a current Windows client uses; no node imports. */

/** TLS versions we try one at a time. */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
/** A TLS version name as node:tls spells it. */
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** Versions a current Windows client (and this app's defaults) will use; TLS 1.0/1.1 are off by default in Windows 11. */
export const MODERN_TLS_VERSIONS: readonly string[] = ['TLSv1.2', 'TLSv1.3'];

/** "TLS 1.0" for "TLSv1", "TLS 1.2" for "TLSv1.2". */
export function tlsLabel(version: string): string {
  return version === 'TLSv1' ? 'TLS 1.0' : version.replace('TLSv', 'TLS ');
}

/** The TLS alert a server sends when it shares no version with the client: protocol_version (RFC 8446 §6.2, RFC 5246 §7.2). */
export const TLS_ALERT_PROTOCOL_VERSION = 70;
