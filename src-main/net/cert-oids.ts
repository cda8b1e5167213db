/** Object identifiers a certificate verdict needs: key types, curves, signature algorithms, key usages. */

/** rsaEncryption. */
export const RSA_OID = '1.2.840.113549.1.1.1';
/** id-kp-serverAuth. */
export const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';
/** anyExtendedKeyUsage. */
export const ANY_EKU_OID = '2.5.29.37.0';

/** Public key algorithm OIDs to names. */
export const KEY_TYPES: Record<string, string> = {
  [RSA_OID]: 'RSA',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};
/** Named curve OIDs to names and sizes. */
export const CURVES: Record<string, { name: string; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.2.840.10045.3.1.1': { name: 'P-192', bits: 192 },
};
/** Signature algorithm OIDs; SHA-1, MD5 and MD2 count as weak. */
export const SIGNATURES: Record<string, { name: string; weak: boolean }> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', weak: true },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature', weak: true },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', weak: false },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', weak: false },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', weak: true },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', weak: false },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', weak: false },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', weak: false },
  '1.2.840.10040.4.3': { name: 'dsa-with-SHA1', weak: true },
  '1.3.101.112': { name: 'Ed25519', weak: false },
};
