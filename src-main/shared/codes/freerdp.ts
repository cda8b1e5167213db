/**
 * FreeRDP's numbers: xfreerdp exit codes (client/X11/xfreerdp.h, enum XF_EXIT_CODE) and the
 * connect errors FREERDP_ERROR_CONNECT_* (include/freerdp/error.h: class 2 << 16 | ERRCONNECT_*),
 * which FreeRDP logs as e.g. "ERRCONNECT_CONNECT_TRANSPORT_FAILED [0x0002000D]" (docs/protocol.md#freerdp-codes).
 */
import { indexTable, row, type CodeEntry } from './types';

const MIRROR = 'Exit codes 0–11 mirror the server Set Error Info codes of the same number.';

/** xfreerdp's process exit codes. */
const EXIT_ROWS: readonly CodeEntry[] = [
  row(0, 'XF_EXIT_SUCCESS', 'xfreerdp exited normally', 'unknown'),
  row(1, 'XF_EXIT_DISCONNECT', 'xfreerdp: disconnected by an administrative tool', 'unknown', MIRROR),
  row(2, 'XF_EXIT_LOGOFF', 'xfreerdp: logged off by an administrative tool', 'unknown', MIRROR),
  row(3, 'XF_EXIT_IDLE_TIMEOUT', 'xfreerdp: idle time limit reached', 'unknown', MIRROR),
  row(4, 'XF_EXIT_LOGON_TIMEOUT', 'xfreerdp: logon time limit reached', 'unknown', MIRROR),
  row(5, 'XF_EXIT_CONN_REPLACED', 'xfreerdp: another connection took the session', 'unknown', MIRROR),
  row(6, 'XF_EXIT_OUT_OF_MEMORY', 'xfreerdp: the server ran out of memory', 'server-refusal', MIRROR),
  row(7, 'XF_EXIT_CONN_DENIED', 'xfreerdp: the server denied the connection', 'server-refusal', MIRROR),
  row(8, 'XF_EXIT_CONN_DENIED_FIPS', 'xfreerdp: the server denied the connection (FIPS)', 'server-refusal', MIRROR),
  row(9, 'XF_EXIT_USER_PRIVILEGES', 'xfreerdp: the user lacks the right to connect', 'credentials', MIRROR),
  row(10, 'XF_EXIT_FRESH_CREDENTIALS_REQUIRED', 'xfreerdp: the server wants freshly typed credentials', 'credentials', MIRROR),
  row(11, 'XF_EXIT_DISCONNECT_BY_USER', 'xfreerdp: disconnected from inside the session', 'unknown', MIRROR),
  row(16, 'XF_EXIT_LICENSE_INTERNAL', 'xfreerdp: internal licensing error', 'licensing'),
  row(17, 'XF_EXIT_LICENSE_NO_LICENSE_SERVER', 'xfreerdp: no license server', 'licensing'),
  row(18, 'XF_EXIT_LICENSE_NO_LICENSE', 'xfreerdp: no license available', 'licensing'),
  row(19, 'XF_EXIT_LICENSE_BAD_CLIENT_MSG', 'xfreerdp: bad licensing message', 'licensing'),
  row(20, 'XF_EXIT_LICENSE_HWID_DOESNT_MATCH', 'xfreerdp: hardware ID does not match the license', 'licensing'),
  row(21, 'XF_EXIT_LICENSE_BAD_CLIENT', 'xfreerdp: bad client license', 'licensing'),
  row(22, 'XF_EXIT_LICENSE_CANT_FINISH_PROTOCOL', 'xfreerdp: licensing could not finish', 'licensing'),
  row(23, 'XF_EXIT_LICENSE_CLIENT_ENDED_PROTOCOL', 'xfreerdp: the client ended licensing', 'licensing'),
  row(24, 'XF_EXIT_LICENSE_BAD_CLIENT_ENCRYPTION', 'xfreerdp: licensing encryption error', 'licensing'),
  row(25, 'XF_EXIT_LICENSE_CANT_UPGRADE', 'xfreerdp: the license could not be upgraded', 'licensing'),
  row(26, 'XF_EXIT_LICENSE_NO_REMOTE_CONNECTIONS', 'xfreerdp: the server is not licensed for remote connections', 'licensing'),
  row(32, 'XF_EXIT_RDP', 'xfreerdp: RDP protocol error (32–127 is the protocol error range)', 'unknown'),
  row(128, 'XF_EXIT_PARSE_ARGUMENTS', 'xfreerdp: the command line could not be parsed', 'unknown'),
  row(129, 'XF_EXIT_MEMORY', 'xfreerdp: out of memory', 'unknown'),
  row(130, 'XF_EXIT_PROTOCOL', 'xfreerdp: protocol error', 'unknown'),
  row(
    131,
    'XF_EXIT_CONN_FAILED',
    'xfreerdp: the connection failed',
    'network',
    'FreeRDP uses this for any failure before the session starts; its log line ERRCONNECT_* says which step.',
  ),
  row(132, 'XF_EXIT_AUTH_FAILURE', 'xfreerdp: authentication failed (NLA/CredSSP)', 'credentials'),
  row(
    133,
    'XF_EXIT_NEGO_FAILURE',
    'xfreerdp: security negotiation failed (no common security protocol)',
    'server-refusal',
    'Compare the client /sec: choice with what the server allows (rdp.negotiation check).',
  ),
  row(134, 'XF_EXIT_LOGON_FAILURE', 'xfreerdp: the logon failed', 'credentials'),
  row(135, 'XF_EXIT_ACCOUNT_LOCKED_OUT', 'xfreerdp: the account is locked out', 'credentials'),
  row(136, 'XF_EXIT_PRE_CONNECT_FAILED', 'xfreerdp: pre-connect step failed', 'unknown'),
  row(137, 'XF_EXIT_CONNECT_UNDEFINED', 'xfreerdp: undefined connect error', 'unknown'),
  row(138, 'XF_EXIT_POST_CONNECT_FAILED', 'xfreerdp: post-connect step failed', 'unknown'),
  row(139, 'XF_EXIT_DNS_ERROR', 'xfreerdp: DNS error', 'network'),
  row(140, 'XF_EXIT_DNS_NAME_NOT_FOUND', 'xfreerdp: the name was not found in DNS', 'network'),
  row(141, 'XF_EXIT_CONNECT_FAILED', 'xfreerdp: the TCP connection failed', 'network'),
  row(142, 'XF_EXIT_MCS_CONNECT_INITIAL_ERROR', 'xfreerdp: the server rejected the MCS connect', 'server-refusal'),
  row(143, 'XF_EXIT_TLS_CONNECT_FAILED', 'xfreerdp: the TLS handshake failed', 'server-refusal'),
  row(144, 'XF_EXIT_INSUFFICIENT_PRIVILEGES', 'xfreerdp: insufficient privileges', 'credentials'),
  row(145, 'XF_EXIT_CONNECT_CANCELLED', 'xfreerdp: the connection was cancelled', 'unknown'),
  row(147, 'XF_EXIT_CONNECT_TRANSPORT_FAILED', 'xfreerdp: the transport failed (the server closed the connection)', 'server-refusal'),
  row(148, 'XF_EXIT_CONNECT_PASSWORD_EXPIRED', 'xfreerdp: the password has expired', 'credentials'),
  row(149, 'XF_EXIT_CONNECT_PASSWORD_MUST_CHANGE', 'xfreerdp: the password must be changed', 'credentials'),
  row(150, 'XF_EXIT_CONNECT_KDC_UNREACHABLE', 'xfreerdp: the Kerberos KDC cannot be reached', 'credentials'),
  row(151, 'XF_EXIT_CONNECT_ACCOUNT_DISABLED', 'xfreerdp: the account is disabled', 'credentials'),
  row(152, 'XF_EXIT_CONNECT_PASSWORD_CERTAINLY_EXPIRED', 'xfreerdp: the password has certainly expired', 'credentials'),
  row(153, 'XF_EXIT_CONNECT_CLIENT_REVOKED', 'xfreerdp: the client credentials were revoked', 'credentials'),
  row(154, 'XF_EXIT_CONNECT_WRONG_PASSWORD', 'xfreerdp: wrong password', 'credentials'),
  row(155, 'XF_EXIT_CONNECT_ACCESS_DENIED', 'xfreerdp: access denied', 'credentials'),
  row(156, 'XF_EXIT_CONNECT_ACCOUNT_RESTRICTION', 'xfreerdp: an account restriction applies', 'credentials'),
  row(157, 'XF_EXIT_CONNECT_ACCOUNT_EXPIRED', 'xfreerdp: the account has expired', 'credentials'),
  row(158, 'XF_EXIT_CONNECT_LOGON_TYPE_NOT_GRANTED', 'xfreerdp: this logon type is not granted', 'credentials'),
  row(159, 'XF_EXIT_CONNECT_NO_OR_MISSING_CREDENTIALS', 'xfreerdp: no credentials were given', 'credentials'),
  row(160, 'XF_EXIT_CONNECT_TARGET_BOOTING', 'xfreerdp: the target is still starting', 'unknown'),
  // Added with ERRCONNECT_HYBRID_REQUIRED_BY_SERVER (FreeRDP 3, PR #13185).
  row(
    161,
    'XF_EXIT_CONNECT_HYBRID_REQUIRED_BY_SERVER',
    'xfreerdp: the server requires NLA (CredSSP), which this connection turned off',
    'server-refusal',
    'Drop /sec:tls or /sec:rdp (or -sec-nla) so xfreerdp offers NLA, or turn NLA off on the server.',
  ),
  row(255, 'XF_EXIT_UNKNOWN', 'xfreerdp: unknown error', 'unknown'),
];

/** ERRCONNECT_* type numbers with what they mean and where they point. */
const CONNECT_ERRORS: ReadonlyArray<readonly [number, string, string, CodeEntry['steer']]> = [
  [0x1, 'PRE_CONNECT_FAILED', 'pre-connect step failed', 'unknown'],
  [0x2, 'CONNECT_UNDEFINED', 'undefined connect error', 'unknown'],
  [0x3, 'POST_CONNECT_FAILED', 'post-connect step failed', 'unknown'],
  [0x4, 'DNS_ERROR', 'DNS error', 'network'],
  [0x5, 'DNS_NAME_NOT_FOUND', 'the name was not found in DNS', 'network'],
  [0x6, 'CONNECT_FAILED', 'the TCP connection failed', 'network'],
  [0x7, 'MCS_CONNECT_INITIAL_ERROR', 'the server rejected the MCS connect', 'server-refusal'],
  [0x8, 'TLS_CONNECT_FAILED', 'the TLS handshake failed', 'server-refusal'],
  [0x9, 'AUTHENTICATION_FAILED', 'authentication failed', 'credentials'],
  [0xa, 'INSUFFICIENT_PRIVILEGES', 'insufficient privileges', 'credentials'],
  [0xb, 'CONNECT_CANCELLED', 'the connection was cancelled', 'unknown'],
  [0xc, 'SECURITY_NEGO_CONNECT_FAILED', 'security negotiation failed', 'server-refusal'],
  [0xd, 'CONNECT_TRANSPORT_FAILED', 'the transport failed (connection closed during setup)', 'server-refusal'],
  [0xe, 'PASSWORD_EXPIRED', 'the password has expired', 'credentials'],
  [0xf, 'PASSWORD_CERTAINLY_EXPIRED', 'the password has certainly expired', 'credentials'],
  [0x10, 'CLIENT_REVOKED', 'the client credentials were revoked', 'credentials'],
  [0x11, 'KDC_UNREACHABLE', 'the Kerberos KDC cannot be reached', 'credentials'],
  [0x12, 'ACCOUNT_DISABLED', 'the account is disabled', 'credentials'],
  [0x13, 'PASSWORD_MUST_CHANGE', 'the password must be changed', 'credentials'],
  [0x14, 'LOGON_FAILURE', 'the logon failed', 'credentials'],
  [0x15, 'WRONG_PASSWORD', 'wrong password', 'credentials'],
  [0x16, 'ACCESS_DENIED', 'access denied', 'credentials'],
  [0x17, 'ACCOUNT_RESTRICTION', 'an account restriction applies', 'credentials'],
  [0x18, 'ACCOUNT_LOCKED_OUT', 'the account is locked out', 'credentials'],
  [0x19, 'ACCOUNT_EXPIRED', 'the account has expired', 'credentials'],
  [0x1a, 'LOGON_TYPE_NOT_GRANTED', 'this logon type is not granted', 'credentials'],
  [0x1b, 'NO_OR_MISSING_CREDENTIALS', 'no credentials were given', 'credentials'],
  [0x1c, 'ACTIVATION_TIMEOUT', 'the session activation timed out', 'unknown'],
  [0x1d, 'TARGET_BOOTING', 'the target is still starting', 'unknown'],
  // Newer FreeRDP 3 (PR #13185) reports an RDP_NEG_FAILURE of HYBRID_REQUIRED_BY_SERVER instead of SECURITY_NEGO_CONNECT_FAILED.
  [0x1e, 'HYBRID_REQUIRED_BY_SERVER', 'the server requires NLA (CredSSP), which this connection turned off', 'server-refusal'],
];

/** The errorInfo class as FreeRDP shifts it into freerdp_get_last_error() values (FREERDP_ERROR_ERRINFO_CLASS = 1). */
export const FREERDP_ERRINFO_CLASS = 1 << 16;

/** The connect-error class as FreeRDP shifts it into freerdp_get_last_error() values. */
export const FREERDP_CONNECT_CLASS = 2 << 16;

/** The errorInfo code inside a FreeRDP last-error value of the errorInfo class (0x00010007 → 7), or null. */
export function errinfoFromFreerdp(value: number): number | null {
  return value >>> 16 === 1 ? value & 0xffff : null;
}

/** error.h's FREERDP_ERROR_* macro for a connect error: types 0xE–0x1D carry a CONNECT_ prefix, the earlier ones do not. */
function macroNote(type: number, name: string): string[] {
  if (type > 0x1d) return [];
  return [`FreeRDP names it FREERDP_ERROR_${type >= 0xe ? 'CONNECT_' : ''}${name} / ERRCONNECT_${name}.`];
}

/** Every FreeRDP number: exit codes (0–255) and connect errors (0x20001–0x2001E). */
export const FREERDP_ROWS: readonly CodeEntry[] = [
  ...EXIT_ROWS,
  ...CONNECT_ERRORS.map(([type, name, meaning, steer]) => row(FREERDP_CONNECT_CLASS | type, `ERRCONNECT_${name}`, `FreeRDP: ${meaning}`, steer, ...macroNote(type, name))),
];

/** FreeRDP numbers by value. */
export const FREERDP_ERRORS = indexTable(FREERDP_ROWS);

/** Looks up an ERRCONNECT_* or XF_EXIT_* name as it appears in a FreeRDP log line. */
export function freerdpByName(name: string): CodeEntry | undefined {
  const upper = name.toUpperCase();
  return FREERDP_ROWS.find((r) => r.name === upper);
}
