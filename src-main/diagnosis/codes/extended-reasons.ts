/**
 * ExtendedDisconnectReasonCode (the dialog's "Extended error code") and the MS-RDPBCGR 2.2.5.1.1
 * Set Error Info PDU codes it mirrors (landscape §4.3; names as in FreeRDP include/freerdp/error.h).
 */
import { indexTable, row, type CodeEntry } from './types';

const SAME = (errinfo: string): string => `Same number as the server's Set Error Info code ${errinfo} (MS-RDPBCGR 2.2.5.1.1).`;
const LICENSING = 'A Remote Desktop licensing problem on the server side (RD Licensing / CALs).';

/** The documented ExtendedDisconnectReasonCode values. */
export const EXTENDED_REASON_ROWS: readonly CodeEntry[] = [
  row(0, 'exDiscReasonNoInfo', 'no extra information', 'unknown'),
  row(1, 'exDiscReasonAPIInitiatedDisconnect', 'an administrative tool disconnected the session', 'unknown', SAME('ERRINFO_RPC_INITIATED_DISCONNECT')),
  row(2, 'exDiscReasonAPIInitiatedLogoff', 'an administrative tool logged the session off', 'unknown', SAME('ERRINFO_RPC_INITIATED_LOGOFF')),
  row(3, 'exDiscReasonServerIdleTimeout', 'the idle time limit was reached', 'unknown', SAME('ERRINFO_IDLE_TIMEOUT')),
  row(4, 'exDiscReasonServerLogonTimeout', 'the logon / active-session time limit was reached', 'unknown', SAME('ERRINFO_LOGON_TIMEOUT')),
  row(5, 'exDiscReasonReplacedByOtherConnection', 'another connection took over the session', 'unknown', SAME('ERRINFO_DISCONNECTED_BY_OTHERCONNECTION')),
  row(6, 'exDiscReasonOutOfMemory', 'the server ran out of memory', 'server-refusal', SAME('ERRINFO_OUT_OF_MEMORY')),
  row(7, 'exDiscReasonServerDeniedConnection', 'server denied the connection', 'server-refusal', SAME('ERRINFO_SERVER_DENIED_CONNECTION'),
    'The server sends this just before it hangs up, so the client then sees its socket closed (0x904).'),
  row(8, 'exDiscReasonServerDeniedConnectionFips', 'the server denied the connection for security (FIPS) reasons', 'server-refusal'),
  row(9, 'exDiscReasonServerInsufficientPrivileges', 'the user lacks the right to connect', 'credentials', SAME('ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES')),
  row(10, 'exDiscReasonServerFreshCredsRequired', 'saved credentials are not accepted; type them again', 'credentials', SAME('ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED')),
  row(11, 'exDiscReasonRpcInitiatedDisconnectByUser', 'the disconnect was started from inside the session', 'unknown', SAME('ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER')),
  row(12, 'exDiscReasonLogoffByUser', 'the user logged off', 'unknown', SAME('ERRINFO_LOGOFF_BY_USER'),
    'The raw Microsoft docs source prints 2 here by mistake; the rendered page and MS-RDPBCGR give 12.'),
  row(256, 'exDiscReasonLicenseInternal', 'internal licensing error', 'licensing', SAME('ERRINFO_LICENSE_INTERNAL'), LICENSING),
  row(257, 'exDiscReasonLicenseNoLicenseServer', 'no license server is available', 'licensing', SAME('ERRINFO_LICENSE_NO_LICENSE_SERVER'), LICENSING),
  row(258, 'exDiscReasonLicenseNoLicense', 'no license is available', 'licensing', SAME('ERRINFO_LICENSE_NO_LICENSE'), LICENSING),
  row(259, 'exDiscReasonLicenseErrClientMsg', 'bad licensing message from the client', 'licensing', SAME('ERRINFO_LICENSE_BAD_CLIENT_MSG'), LICENSING),
  row(260, 'exDiscReasonLicenseHwidDoesntMatchLicense', "the client's hardware ID does not match its license", 'licensing', SAME('ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE'), LICENSING),
  row(261, 'exDiscReasonLicenseErrClientLicense', "the client's license is bad", 'licensing', SAME('ERRINFO_LICENSE_BAD_CLIENT_LICENSE'), LICENSING),
  row(262, 'exDiscReasonLicenseCantFinishProtocol', 'a network problem stopped licensing', 'licensing', SAME('ERRINFO_LICENSE_CANT_FINISH_PROTOCOL'), LICENSING),
  row(263, 'exDiscReasonLicenseClientEndedProtocol', 'the client ended licensing early', 'licensing', SAME('ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL'), LICENSING),
  row(264, 'exDiscReasonLicenseErrClientEncryption', 'a licensing message was encrypted wrongly', 'licensing', SAME('ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION'), LICENSING),
  row(265, 'exDiscReasonLicenseCantUpgradeLicense', 'the client access license could not be upgraded or renewed', 'licensing', SAME('ERRINFO_LICENSE_CANT_UPGRADE_LICENSE'), LICENSING),
  row(266, 'exDiscReasonLicenseNoRemoteConnections', 'the server is not licensed for remote connections', 'licensing', SAME('ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS'), LICENSING),
  row(267, 'exDiscReasonLicenseCreatingLicStoreAccDenied', 'access denied while creating the license store', 'licensing', LICENSING),
  row(768, 'exDiscReasonRdpEncInvalidCredentials', 'the credentials are not valid', 'credentials'),
];

/** First and last value of the protocol-error range of ExtendedDisconnectReasonCode. */
export const PROTOCOL_RANGE = { start: 4096, end: 32767 } as const;

/** The ExtendedDisconnectReasonCode values by number. */
export const EXTENDED_REASONS = indexTable(EXTENDED_REASON_ROWS);
