/** Size limits every door and layer share, so no two places disagree on what is too large (no zod here: the preload uses it). */

/** Largest .rdp file any door accepts (real ones are a few KB; a signed one with an icon stays far below this). */
export const MAX_RDP_FILE_BYTES = 1_000_000;

/** Longest target string accepted anywhere (a DNS name is at most 253 characters, plus port and brackets). */
export const MAX_TARGET_LENGTH = 300;

/** Longest text `decode` takes: the two codes, or the error dialog's whole text pasted in. */
export const MAX_DECODE_TEXT = 4000;

/** Largest host evidence file (collect-host.ps1's output, a few hundred KB at most) any door accepts. */
export const MAX_HOST_EVIDENCE_BYTES = 2_000_000;

/**
 * Largest certificate judged, and the most of one a chain keeps: OpenSSL's default limit on a peer's certificate list
 * (SSL_CTX_set_max_cert_list, 100 KiB), so any certificate a TLS handshake lets through is judged; a larger one is
 * itself a finding.
 */
export const MAX_CERTIFICATE_BYTES = 100 * 1024;

/** Longest support code input: the longest code (32 symbols) read out with a space or two between symbols. */
export const MAX_SUPPORT_CODE_INPUT = 128;
