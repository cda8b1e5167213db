/** TLS version names (as node:tls spells them), the ones a current Windows client uses, and TLS alert names; no node imports. */

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

/** TLS alert descriptions by number (RFC 5246 §7.2, RFC 8446 §6): what a server sent over the wire and what Schannel logged. */
export const TLS_ALERT_NAMES: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  116: 'certificate_required',
  120: 'no_application_protocol',
};
