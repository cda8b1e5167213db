/**
 * ExtendedDisconnectReasonCode (the dialog's "Extended error code") and the MS-RDPBCGR 2.2.5.1.1
 * Set Error Info PDU codes it mirrors (docs/protocol.md#extended-reasons-and-set-error-info). errorInfo names as MS-RDPBCGR spells them; FreeRDP's
 * include/freerdp/error.h writes two differently (DISCONNECTED_BY_OTHER_CONNECTION, RPC_INITIATED_DISCONNECT_BY_USER).
 */
import { indexTable, row, twinRow, type CodeEntry } from './types';

const LICENSING = 'A Remote Desktop licensing problem on the server side (RD Licensing / CALs).';

/** The documented ExtendedDisconnectReasonCode values. */
export const EXTENDED_REASON_ROWS: readonly CodeEntry[] = [
  twinRow(0, 'exDiscReasonNoInfo', ['ERRINFO_SUCCESS'], 'no extra information', 'unknown'),
  twinRow(1, 'exDiscReasonAPIInitiatedDisconnect', ['ERRINFO_RPC_INITIATED_DISCONNECT'], 'an administrative tool disconnected the session', 'unknown'),
  twinRow(2, 'exDiscReasonAPIInitiatedLogoff', ['ERRINFO_RPC_INITIATED_LOGOFF'], 'an administrative tool logged the session off', 'unknown'),
  twinRow(3, 'exDiscReasonServerIdleTimeout', ['ERRINFO_IDLE_TIMEOUT'], 'the idle time limit was reached', 'unknown'),
  twinRow(4, 'exDiscReasonServerLogonTimeout', ['ERRINFO_LOGON_TIMEOUT'], 'the logon / active-session time limit was reached', 'unknown'),
  twinRow(
    5,
    'exDiscReasonReplacedByOtherConnection',
    ['ERRINFO_DISCONNECTED_BY_OTHERCONNECTION', 'ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION'],
    'another connection took over the session',
    'unknown',
  ),
  twinRow(6, 'exDiscReasonOutOfMemory', ['ERRINFO_OUT_OF_MEMORY'], 'the server ran out of memory', 'server-refusal'),
  twinRow(
    7,
    'exDiscReasonServerDeniedConnection',
    ['ERRINFO_SERVER_DENIED_CONNECTION'],
    'server denied the connection',
    'server-refusal',
    'The server sends this just before it hangs up, so the client then sees its socket closed (0x904).',
  ),
  row(8, 'exDiscReasonServerDeniedConnectionFips', 'the server denied the connection for security (FIPS) reasons', 'server-refusal'),
  twinRow(9, 'exDiscReasonServerInsufficientPrivileges', ['ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES'], 'the user lacks the right to connect', 'credentials'),
  twinRow(10, 'exDiscReasonServerFreshCredsRequired', ['ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED'], 'saved credentials are not accepted; type them again', 'credentials'),
  twinRow(
    11,
    'exDiscReasonRpcInitiatedDisconnectByUser',
    ['ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER', 'ERRINFO_RPC_INITIATED_DISCONNECT_BY_USER'],
    'the disconnect was started from inside the session',
    'unknown',
  ),
  twinRow(
    12,
    'exDiscReasonLogoffByUser',
    ['ERRINFO_LOGOFF_BY_USER'],
    'the user logged off',
    'unknown',
    'The raw Microsoft docs source prints 2 here by mistake; the rendered page and MS-RDPBCGR give 12.',
  ),
  twinRow(256, 'exDiscReasonLicenseInternal', ['ERRINFO_LICENSE_INTERNAL'], 'internal licensing error', 'licensing', LICENSING),
  twinRow(257, 'exDiscReasonLicenseNoLicenseServer', ['ERRINFO_LICENSE_NO_LICENSE_SERVER'], 'no license server is available', 'licensing', LICENSING),
  twinRow(258, 'exDiscReasonLicenseNoLicense', ['ERRINFO_LICENSE_NO_LICENSE'], 'no license is available', 'licensing', LICENSING),
  twinRow(259, 'exDiscReasonLicenseErrClientMsg', ['ERRINFO_LICENSE_BAD_CLIENT_MSG'], 'bad licensing message from the client', 'licensing', LICENSING),
  twinRow(
    260,
    'exDiscReasonLicenseHwidDoesntMatchLicense',
    ['ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE'],
    "the client's hardware ID does not match its license",
    'licensing',
    LICENSING,
  ),
  twinRow(261, 'exDiscReasonLicenseErrClientLicense', ['ERRINFO_LICENSE_BAD_CLIENT_LICENSE'], "the client's license is bad", 'licensing', LICENSING),
  twinRow(262, 'exDiscReasonLicenseCantFinishProtocol', ['ERRINFO_LICENSE_CANT_FINISH_PROTOCOL'], 'a network problem stopped licensing', 'licensing', LICENSING),
  twinRow(263, 'exDiscReasonLicenseClientEndedProtocol', ['ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL'], 'the client ended licensing early', 'licensing', LICENSING),
  twinRow(264, 'exDiscReasonLicenseErrClientEncryption', ['ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION'], 'a licensing message was encrypted wrongly', 'licensing', LICENSING),
  twinRow(
    265,
    'exDiscReasonLicenseCantUpgradeLicense',
    ['ERRINFO_LICENSE_CANT_UPGRADE_LICENSE'],
    'the client access license could not be upgraded or renewed',
    'licensing',
    LICENSING,
  ),
  twinRow(266, 'exDiscReasonLicenseNoRemoteConnections', ['ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS'], 'the server is not licensed for remote connections', 'licensing', LICENSING),
  row(267, 'exDiscReasonLicenseCreatingLicStoreAccDenied', 'access denied while creating the license store', 'licensing', LICENSING),
  row(768, 'exDiscReasonRdpEncInvalidCredentials', 'the credentials are not valid', 'credentials'),
];

/** First and last value of the protocol-error range of ExtendedDisconnectReasonCode. */
export const PROTOCOL_RANGE = { start: 4096, end: 32767 } as const;

/** The ExtendedDisconnectReasonCode values by number. */
export const EXTENDED_REASONS = indexTable(EXTENDED_REASON_ROWS);
