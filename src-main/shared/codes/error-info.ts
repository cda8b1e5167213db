/**
 * MS-RDPBCGR 2.2.5.1.1 Set Error Info codes that have no ExtendedDisconnectReasonCode twin:
 * server component failures, connection-broker codes and the RDP protocol errors (docs/protocol.md#extended-reasons-and-set-error-info;
 * names as in FreeRDP include/freerdp/error.h).
 */
import { indexTable, row, sourcedRow, type CodeEntry } from './types';

const PROTOCOL_NOTE = 'An internal RDP protocol error; the server event log usually says more.';
const THIRD_PARTY = 'Not in MS-RDPBCGR 2.2.5.1.1 nor in FreeRDP; only third-party code lists give this meaning.';

/** Reads an ERRINFO_ name as words: ERRINFO_SECURITY_DATA_TOO_SHORT2 → "security data too short (2)". */
function wordsOf(name: string): string {
  const base = name.replace(/^ERRINFO_/, '').toLowerCase();
  const m = /^(.*?)(\d+)$/.exec(base);
  const words = (m ? m[1]! : base).replace(/_/g, ' ').trim();
  return m ? `${words} (${m[2]})` : words;
}

/** Names of the RDP-specific protocol error codes, by value. */
const PROTOCOL_ERRORS: ReadonlyArray<readonly [number, string]> = [
  [0x10c9, 'UNKNOWN_DATA_PDU_TYPE'],
  [0x10ca, 'UNKNOWN_PDU_TYPE'],
  [0x10cb, 'DATA_PDU_SEQUENCE'],
  [0x10cd, 'CONTROL_PDU_SEQUENCE'],
  [0x10ce, 'INVALID_CONTROL_PDU_ACTION'],
  [0x10cf, 'INVALID_INPUT_PDU_TYPE'],
  [0x10d0, 'INVALID_INPUT_PDU_MOUSE'],
  [0x10d1, 'INVALID_REFRESH_RECT_PDU'],
  [0x10d2, 'CREATE_USER_DATA_FAILED'],
  [0x10d3, 'CONNECT_FAILED'],
  [0x10d4, 'CONFIRM_ACTIVE_HAS_WRONG_SHAREID'],
  [0x10d5, 'CONFIRM_ACTIVE_HAS_WRONG_ORIGINATOR'],
  [0x10da, 'PERSISTENT_KEY_PDU_BAD_LENGTH'],
  [0x10db, 'PERSISTENT_KEY_PDU_ILLEGAL_FIRST'],
  [0x10dc, 'PERSISTENT_KEY_PDU_TOO_MANY_TOTAL_KEYS'],
  [0x10dd, 'PERSISTENT_KEY_PDU_TOO_MANY_CACHE_KEYS'],
  [0x10de, 'INPUT_PDU_BAD_LENGTH'],
  [0x10df, 'BITMAP_CACHE_ERROR_PDU_BAD_LENGTH'],
  [0x10e0, 'SECURITY_DATA_TOO_SHORT'],
  [0x10e1, 'VCHANNEL_DATA_TOO_SHORT'],
  [0x10e2, 'SHARE_DATA_TOO_SHORT'],
  [0x10e3, 'BAD_SUPPRESS_OUTPUT_PDU'],
  [0x10e5, 'CONFIRM_ACTIVE_PDU_TOO_SHORT'],
  [0x10e7, 'CAPABILITY_SET_TOO_SMALL'],
  [0x10e8, 'CAPABILITY_SET_TOO_LARGE'],
  [0x10e9, 'NO_CURSOR_CACHE'],
  [0x10ea, 'BAD_CAPABILITIES'],
  [0x10ec, 'VIRTUAL_CHANNEL_DECOMPRESSION'],
  [0x10ed, 'INVALID_VC_COMPRESSION_TYPE'],
  [0x10ef, 'INVALID_CHANNEL_ID'],
  [0x10f0, 'VCHANNELS_TOO_MANY'],
  [0x10f3, 'REMOTEAPP_NOT_ENABLED'],
  [0x10f4, 'CACHE_CAP_NOT_SET'],
  [0x10f5, 'BITMAP_CACHE_ERROR_PDU_BAD_LENGTH2'],
  [0x10f6, 'OFFSCREEN_CACHE_ERROR_PDU_BAD_LENGTH'],
  [0x10f7, 'DRAWNINEGRID_CACHE_ERROR_PDU_BAD_LENGTH'],
  [0x10f8, 'GDIPLUS_PDU_BAD_LENGTH'],
  ...Array.from({ length: 22 }, (_, i) => [0x1111 + i, `SECURITY_DATA_TOO_SHORT${i + 2}`] as const),
  [0x1129, 'BAD_MONITOR_DATA'],
  [0x112a, 'VC_DECOMPRESSED_REASSEMBLE_FAILED'],
  [0x112b, 'VC_DATA_TOO_LONG'],
  [0x112c, 'BAD_FRAME_ACK_DATA'],
  [0x112d, 'GRAPHICS_MODE_NOT_SUPPORTED'],
  [0x112e, 'GRAPHICS_SUBSYSTEM_RESET_FAILED'],
  [0x112f, 'GRAPHICS_SUBSYSTEM_FAILED'],
  [0x1130, 'TIMEZONE_KEY_NAME_LENGTH_TOO_SHORT'],
  [0x1131, 'TIMEZONE_KEY_NAME_LENGTH_TOO_LONG'],
  [0x1132, 'DYNAMIC_DST_DISABLED_FIELD_MISSING'],
  [0x1133, 'VC_DECODING_ERROR'],
  [0x1134, 'VIRTUALDESKTOPTOOLARGE'],
  [0x1135, 'MONITORGEOMETRYVALIDATIONFAILED'],
  [0x1136, 'INVALIDMONITORCOUNT'],
  [0x1191, 'UPDATE_SESSION_KEY_FAILED'],
  [0x1192, 'DECRYPT_FAILED'],
  [0x1193, 'ENCRYPT_FAILED'],
  [0x1194, 'ENCRYPTION_PACKAGE_MISMATCH'],
  [0x1195, 'DECRYPT_FAILED2'],
];

/** Meanings MS-RDPBCGR 2.2.5.1.1 gives that the name alone does not say. */
const PROTOCOL_MEANINGS: Readonly<Record<string, string>> = {
  REMOTEAPP_NOT_ENABLED: 'the client must support RemoteApp (the INFO_RAIL flag), because the server only hosts RemoteApp programs',
};

/** Error-info rows with no extended-reason twin. */
export const ERROR_INFO_ROWS: readonly CodeEntry[] = [
  row(0xf, 'ERRINFO_CLOSE_STACK_ON_DRIVER_NOT_READY', 'a server display driver was not ready', 'server-refusal'),
  row(0x10, 'ERRINFO_SERVER_DWM_CRASH', 'the desktop window manager crashed on the server', 'server-refusal'),
  row(0x11, 'ERRINFO_CLOSE_STACK_ON_DRIVER_FAILURE', 'a server display driver failed', 'server-refusal'),
  row(0x12, 'ERRINFO_CLOSE_STACK_ON_DRIVER_IFACE_FAILURE', 'a server display driver interface failed', 'server-refusal'),
  row(0x17, 'ERRINFO_SERVER_WINLOGON_CRASH', 'the logon process (winlogon) crashed on the server', 'server-refusal'),
  row(0x18, 'ERRINFO_SERVER_CSRSS_CRASH', 'a core Windows process (csrss) crashed on the server', 'server-refusal'),
  // Neither MS-RDPBCGR 2.2.5.1.1 nor FreeRDP's error.h lists 0x19/0x1A (FreeRDP logs them as ERRINFO_UNKNOWN); only third-party lists name them.
  sourcedRow(
    0x19,
    'ERRINFO_SERVER_SHUTDOWN',
    'the server is shutting down',
    'unknown',
    THIRD_PARTY,
    'The server sent this on its way down; wait until it is back, then connect again.',
  ),
  sourcedRow(
    0x1a,
    'ERRINFO_SERVER_REBOOT',
    'the server is restarting',
    'unknown',
    THIRD_PARTY,
    'The server sent this on its way into a restart; wait a few minutes, then connect again.',
  ),
  row(0x400, 'ERRINFO_CB_DESTINATION_NOT_FOUND', 'the connection broker found no target computer', 'server-refusal'),
  row(0x402, 'ERRINFO_CB_LOADING_DESTINATION', 'the redirect target is disconnecting from the connection broker', 'server-refusal'),
  row(0x404, 'ERRINFO_CB_REDIRECTING_TO_DESTINATION', 'the broker failed to redirect to the target', 'server-refusal'),
  row(0x405, 'ERRINFO_CB_SESSION_ONLINE_VM_WAKE', 'the broker could not wake the virtual machine', 'server-refusal'),
  row(0x406, 'ERRINFO_CB_SESSION_ONLINE_VM_BOOT', 'the broker could not start the virtual machine', 'server-refusal'),
  row(0x407, 'ERRINFO_CB_SESSION_ONLINE_VM_NO_DNS', 'the virtual machine has no DNS name the broker can use', 'server-refusal'),
  row(0x408, 'ERRINFO_CB_DESTINATION_POOL_NOT_FREE', 'no free computer in the pool', 'server-refusal'),
  row(0x409, 'ERRINFO_CB_CONNECTION_CANCELLED', 'the brokered connection was cancelled', 'unknown'),
  row(0x410, 'ERRINFO_CB_CONNECTION_ERROR_INVALID_SETTINGS', 'the broker settings are not valid', 'server-refusal'),
  row(0x411, 'ERRINFO_CB_SESSION_ONLINE_VM_BOOT_TIMEOUT', 'the virtual machine took too long to start', 'server-refusal'),
  row(0x412, 'ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED', 'session monitoring failed on the virtual machine', 'server-refusal'),
  ...PROTOCOL_ERRORS.map(([value, name]) => row(value, `ERRINFO_${name}`, PROTOCOL_MEANINGS[name] ?? wordsOf(`ERRINFO_${name}`), 'unknown', PROTOCOL_NOTE)),
  sourcedRow(0x1196, 'ERRINFO_PEER_DISCONNECTED', 'peer disconnected', 'network', 'Defined only by FreeRDP (include/freerdp/error.h); MS-RDPBCGR 2.2.5.1.1 has no such code.'),
  // FreeRDP's "no error info received" value, never sent by a server.
  sourcedRow(
    0xffffffff,
    'ERRINFO_NONE',
    'unknown: no error information was received',
    'unknown',
    "FreeRDP's own placeholder (include/freerdp/error.h ERRINFO_NONE = 0xFFFFFFFF); no server sends it.",
  ),
];

/** The error-info codes by value. */
export const ERROR_INFO = indexTable(ERROR_INFO_ROWS);
