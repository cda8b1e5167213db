/**
 * mstsc / MsTscAx disconnect reasons (the dialog's "Error code", event 1026's "Reason="):
 * IMsTscAxEvents::OnDisconnected discReason values (Microsoft Learn, "IMsTscAxEvents::OnDisconnected"; docs/protocol.md#disconnect-reasons).
 */
import { indexTable, row, unofficialRow, type CodeEntry } from './types';

const SSL_NOTE = 'One of the 0x..07 family: the security layer (TLS/CredSSP) reported an account or credential problem.';

/** Every documented discReason, then the unofficial ones seen in the wild. */
export const DISCONNECT_REASON_ROWS: readonly CodeEntry[] = [
  row(0x0, 'disconnectReasonNoInfo', 'no information', 'unknown'),
  row(0x1, 'disconnectReasonLocalNotError', 'local disconnect (not an error)', 'unknown'),
  row(0x2, 'disconnectReasonRemoteByUser', 'remote disconnect by user (not an error)', 'unknown'),
  row(0x3, 'disconnectReasonByServer', 'disconnected by the server (not an error)', 'unknown'),
  row(0x104, 'disconnectReasonDNSLookupFailed', 'DNS name lookup failed', 'network'),
  row(0x106, 'disconnectReasonOutOfMemory', 'the client ran out of memory', 'unknown'),
  row(0x108, 'disconnectReasonConnectionTimedOut', 'the connection timed out', 'network'),
  row(
    0x204,
    'disconnectReasonSocketConnectFailed',
    'the network connection could not be opened (Winsock connect failed)',
    'network',
    'The dialog text for this code lists: remote access not enabled, computer turned off, or not reachable on the network.',
  ),
  row(0x206, 'disconnectReasonOutOfMemory2', 'the client ran out of memory', 'unknown'),
  row(0x208, 'disconnectReasonHostNotFound', 'host not found', 'network'),
  row(0x304, 'disconnectReasonWinsockSendFailed', 'sending on the network connection failed', 'network'),
  row(0x306, 'disconnectReasonOutOfMemory3', 'the client ran out of memory', 'unknown'),
  row(0x308, 'disconnectReasonInvalidIPAddr', 'the IP address is not valid', 'network'),
  row(0x404, 'disconnectReasonSocketRecvFailed', 'receiving on the network connection failed', 'network'),
  row(0x406, 'disconnectReasonInvalidSecurityData', 'the security data is not valid', 'server-refusal'),
  row(0x408, 'disconnectReasonInternalError', 'internal error', 'unknown'),
  row(0x506, 'disconnectReasonInvalidEncryption', 'the encryption method is not valid', 'server-refusal'),
  row(0x508, 'disconnectReasonDNSLookupFailed2', 'DNS lookup failed', 'network'),
  row(0x604, 'disconnectReasonGetHostByNameFailed', 'the name could not be resolved (gethostbyname failed)', 'network'),
  row(0x606, 'disconnectReasonInvalidServerSecurityInfo', "the server's security data is not valid", 'server-refusal'),
  row(0x608, 'disconnectReasonTimerError', 'internal timer error', 'unknown'),
  row(0x704, 'disconnectReasonTimeoutOccurred', 'a time-out occurred', 'network'),
  row(0x706, 'disconnectReasonServerCertificateUnpackErr', "the server's certificate could not be unpacked", 'server-refusal'),
  row(0x804, 'disconnectReasonInvalidIP', 'bad IP address', 'network'),
  row(0x807, 'SSL_ERR_LOGON_FAILURE', 'the logon failed (user name or password)', 'credentials', SSL_NOTE),
  row(0x808, 'disconnectReasonLicensingFailed', 'license negotiation failed', 'licensing'),
  row(
    0x904,
    'disconnectReasonAtClientWinsockFDCLOSE',
    'socket closed (the connection was closed, normally by the other side)',
    'unknown',
    'It says the connection was closed, not why; the extended code (second number) carries the reason.',
  ),
  row(0x906, 'disconnectReasonInternalSecurityError', 'internal security error', 'server-refusal', 'Often a TLS or certificate problem on either end.'),
  row(0x908, 'disconnectReasonLicensingTimeout', 'licensing timed out', 'licensing'),
  row(0xa06, 'disconnectReasonInternalSecurityError2', 'internal security error', 'server-refusal'),
  row(0xa07, 'SSL_ERR_NO_SUCH_USER', 'the user has no account', 'credentials', SSL_NOTE),
  row(0xb06, 'disconnectReasonEncryptionError', 'encryption error', 'server-refusal'),
  row(0xb07, 'SSL_ERR_ACCOUNT_DISABLED', 'the account is disabled', 'credentials', SSL_NOTE),
  row(0xc06, 'disconnectReasonDecryptionError', 'decryption error', 'server-refusal'),
  row(0xc07, 'SSL_ERR_ACCOUNT_RESTRICTION', 'an account restriction prevents this logon', 'credentials', SSL_NOTE),
  row(0xc08, 'disconnectReasonClientDecompressionError', 'the client could not decompress data', 'unknown'),
  row(0xd07, 'SSL_ERR_ACCOUNT_LOCKED_OUT', 'the account is locked out', 'credentials', SSL_NOTE),
  row(0xe07, 'SSL_ERR_ACCOUNT_EXPIRED', 'the account has expired', 'credentials', SSL_NOTE),
  row(0xf07, 'SSL_ERR_PASSWORD_EXPIRED', 'the password has expired', 'credentials', SSL_NOTE),
  row(0x1207, 'SSL_ERR_PASSWORD_MUST_CHANGE', 'the password must be changed before the first logon', 'credentials', SSL_NOTE),
  row(0x1607, 'SSL_ERR_DELEGATION_POLICY', 'policy forbids handing credentials to this server', 'credentials', SSL_NOTE),
  row(0x1707, 'SSL_ERR_POLICY_NTLM_ONLY', 'credentials may not be delegated without mutual authentication (NTLM only)', 'credentials', SSL_NOTE),
  row(0x1807, 'SSL_ERR_NO_AUTHENTICATING_AUTHORITY', 'no authority (domain controller / KDC) could be contacted', 'credentials', SSL_NOTE),
  row(
    0x1b07,
    'SSL_ERR_CERT_EXPIRED',
    'the certificate received has expired',
    'server-refusal',
    "Usually the server's RDP certificate is past its end date; renewing it on the host fixes it.",
    "A wrong clock gives the same error: if this computer's date is far ahead (or the server's behind), a valid certificate looks expired, so check both clocks first.",
  ),
  row(0x1c07, 'SSL_ERR_SMARTCARD_WRONG_PIN', 'wrong smart-card PIN', 'credentials', SSL_NOTE),
  row(0x2107, 'SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER', 'the server refuses saved credentials; type them again', 'credentials', SSL_NOTE),
  row(0x2207, 'SSL_ERR_SMARTCARD_CARD_BLOCKED', 'the smart card is blocked', 'credentials', SSL_NOTE),
  unofficialRow(0x207, 'unofficial-0x207', 'seen in user reports without a documented meaning', 'unknown'),
  unofficialRow(0x708, 'unofficial-0x708', 'reported when another console session is active', 'unknown'),
  unofficialRow(0xb08, 'unofficial-0xB08', 'reported both as a normal disconnect and as an internal error', 'unknown'),
  unofficialRow(
    0xb09,
    'unofficial-0xB09',
    'reported with "the remote computer requires Network Level Authentication"',
    'server-refusal',
    'Check that the client (or the .rdp file) does not turn CredSSP/NLA off.',
  ),
  unofficialRow(0xd06, 'unofficial-0xD06', 'reported as a protocol error', 'unknown'),
  unofficialRow(0x1104, 'unofficial-0x1104', 'reported as "a protocol error was detected at the client"', 'unknown'),
];

/** The disconnect reasons by value. */
export const DISCONNECT_REASONS = indexTable(DISCONNECT_REASON_ROWS);

/** The note every unofficial row carries. */
export const UNOFFICIAL_NOTE = "Not documented by Microsoft; the meaning comes from user reports. On Windows, MsTscAx GetErrorDescription gives mstsc's own wording.";
