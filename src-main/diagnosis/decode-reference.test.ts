/**
 * The decoder against a hand-written reference, transcribed from the public sources (Microsoft Learn's OnDisconnected
 * and ExtendedDisconnectReasonCode pages, MS-RDPBCGR 2.2.5.1.1, FreeRDP include/freerdp/error.h and
 * client/X11/xfreerdp.h; listed in docs/protocol.md), never generated from the code
 * tables: a wrong number, name or meaning in a table fails here even though the "every row" tests pass.
 */
import { describe, expect, it } from 'vitest';
import { decodeCodes } from './decode';
import type { DecodedCode } from '../shared/schema';

type Kind = DecodedCode['kind'];
/** What the input is typed as; which code of the answer to look at; what that code must be. */
type Row = readonly [input: string, at: 'first' | 'second' | 'any', kind: Kind, value: number, name: string, meaning: RegExp];

const REFERENCE: readonly Row[] = [
  // Disconnect reasons (IMsTscAxEvents::OnDisconnected discReason, docs/protocol.md#disconnect-reasons), as the dialog's first number.
  ['0x0 0x0', 'first', 'disconnect-reason', 0, 'disconnectReasonNoInfo', /no information/],
  ['0x1 0x0', 'first', 'disconnect-reason', 1, 'disconnectReasonLocalNotError', /local disconnect/],
  ['0x3 0x0', 'first', 'disconnect-reason', 3, 'disconnectReasonByServer', /by the server/],
  ['0x104 0x0', 'first', 'disconnect-reason', 260, 'disconnectReasonDNSLookupFailed', /DNS/],
  ['0x108 0x0', 'first', 'disconnect-reason', 264, 'disconnectReasonConnectionTimedOut', /timed out/],
  ['516 0', 'first', 'disconnect-reason', 516, 'disconnectReasonSocketConnectFailed', /connect failed/],
  ['0x208 0x0', 'first', 'disconnect-reason', 520, 'disconnectReasonHostNotFound', /host not found/],
  ['0x308 0x0', 'first', 'disconnect-reason', 776, 'disconnectReasonInvalidIPAddr', /IP address/],
  ['0x508 0x0', 'first', 'disconnect-reason', 1288, 'disconnectReasonDNSLookupFailed2', /DNS/],
  ['0x704 0x0', 'first', 'disconnect-reason', 1796, 'disconnectReasonTimeoutOccurred', /time-out/],
  ['0x706 0x0', 'first', 'disconnect-reason', 1798, 'disconnectReasonServerCertificateUnpackErr', /certificate/],
  ['0x807 0x0', 'first', 'disconnect-reason', 2055, 'SSL_ERR_LOGON_FAILURE', /logon failed/],
  ['0x808 0x0', 'first', 'disconnect-reason', 2056, 'disconnectReasonLicensingFailed', /licen/],
  ['2308 0', 'first', 'disconnect-reason', 2308, 'disconnectReasonAtClientWinsockFDCLOSE', /socket closed/],
  ['0x906 0x0', 'first', 'disconnect-reason', 2310, 'disconnectReasonInternalSecurityError', /internal security error/],
  ['0xA06 0x0', 'first', 'disconnect-reason', 2566, 'disconnectReasonInternalSecurityError2', /internal security error/],
  ['0xB06 0x0', 'first', 'disconnect-reason', 2822, 'disconnectReasonEncryptionError', /encryption error/],
  ['0xC06 0x0', 'first', 'disconnect-reason', 3078, 'disconnectReasonDecryptionError', /decryption error/],
  ['0xD07 0x0', 'first', 'disconnect-reason', 3335, 'SSL_ERR_ACCOUNT_LOCKED_OUT', /locked out/],
  ['0xE07 0x0', 'first', 'disconnect-reason', 3591, 'SSL_ERR_ACCOUNT_EXPIRED', /account has expired/],
  ['0xF07 0x0', 'first', 'disconnect-reason', 3847, 'SSL_ERR_PASSWORD_EXPIRED', /password has expired/],
  ['0x1207 0x0', 'first', 'disconnect-reason', 4615, 'SSL_ERR_PASSWORD_MUST_CHANGE', /must be changed/],
  ['0x1607 0x0', 'first', 'disconnect-reason', 5639, 'SSL_ERR_DELEGATION_POLICY', /polic/],
  ['0x1807 0x0', 'first', 'disconnect-reason', 6151, 'SSL_ERR_NO_AUTHENTICATING_AUTHORITY', /domain controller|KDC/],
  ['0x1B07 0x0', 'first', 'disconnect-reason', 6919, 'SSL_ERR_CERT_EXPIRED', /certificate.*expired/],
  ['0x2107 0x0', 'first', 'disconnect-reason', 8455, 'SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER', /saved credentials/],
  ['0x2207 0x0', 'first', 'disconnect-reason', 8711, 'SSL_ERR_SMARTCARD_CARD_BLOCKED', /smart card is blocked/],
  // ExtendedDisconnectReasonCode 0–12 and licensing 256+ (docs/protocol.md#extended-reasons-and-set-error-info), as the dialog's second number.
  ['0x904 0x0', 'second', 'extended-reason', 0, 'exDiscReasonNoInfo', /no extra information/],
  ['0x904 0x1', 'second', 'extended-reason', 1, 'exDiscReasonAPIInitiatedDisconnect', /administrative tool disconnected/],
  ['0x904 0x2', 'second', 'extended-reason', 2, 'exDiscReasonAPIInitiatedLogoff', /logged the session off/],
  ['0x904 0x3', 'second', 'extended-reason', 3, 'exDiscReasonServerIdleTimeout', /idle/],
  ['0x904 0x4', 'second', 'extended-reason', 4, 'exDiscReasonServerLogonTimeout', /logon/],
  ['0x904 0x5', 'second', 'extended-reason', 5, 'exDiscReasonReplacedByOtherConnection', /another connection/],
  ['0x904 0x6', 'second', 'extended-reason', 6, 'exDiscReasonOutOfMemory', /out of memory/],
  ['0x904 0x7', 'second', 'extended-reason', 7, 'exDiscReasonServerDeniedConnection', /server denied the connection/],
  ['0x904 0x8', 'second', 'extended-reason', 8, 'exDiscReasonServerDeniedConnectionFips', /FIPS/],
  ['0x904 0x9', 'second', 'extended-reason', 9, 'exDiscReasonServerInsufficientPrivileges', /right to connect/],
  ['0x904 0xA', 'second', 'extended-reason', 10, 'exDiscReasonServerFreshCredsRequired', /saved credentials/],
  ['0x904 0xB', 'second', 'extended-reason', 11, 'exDiscReasonRpcInitiatedDisconnectByUser', /inside the session/],
  ['0x904 0xC', 'second', 'extended-reason', 12, 'exDiscReasonLogoffByUser', /logged off/],
  ['0x904 256', 'second', 'extended-reason', 256, 'exDiscReasonLicenseInternal', /internal licensing/],
  ['0x904 0x101', 'second', 'extended-reason', 257, 'exDiscReasonLicenseNoLicenseServer', /no license server/],
  ['0x904 0x102', 'second', 'extended-reason', 258, 'exDiscReasonLicenseNoLicense', /no license is available/],
  ['0x904 0x104', 'second', 'extended-reason', 260, 'exDiscReasonLicenseHwidDoesntMatchLicense', /hardware ID/],
  ['0x904 0x106', 'second', 'extended-reason', 262, 'exDiscReasonLicenseCantFinishProtocol', /network problem/],
  ['0x904 0x109', 'second', 'extended-reason', 265, 'exDiscReasonLicenseCantUpgradeLicense', /upgraded|renewed/],
  ['0x904 0x10A', 'second', 'extended-reason', 266, 'exDiscReasonLicenseNoRemoteConnections', /not licensed for remote connections/],
  ['0x904 0x10B', 'second', 'extended-reason', 267, 'exDiscReasonLicenseCreatingLicStoreAccDenied', /license store/],
  ['0x904 768', 'second', 'extended-reason', 768, 'exDiscReasonRdpEncInvalidCredentials', /credentials are not valid/],
  // Server errorInfo (MS-RDPBCGR 2.2.5.1.1), by name in MS-RDPBCGR's and FreeRDP's spelling, and by number.
  ['ERRINFO_RPC_INITIATED_DISCONNECT', 'first', 'error-info', 1, 'ERRINFO_RPC_INITIATED_DISCONNECT', /administrative tool/],
  ['ERRINFO_IDLE_TIMEOUT', 'first', 'error-info', 3, 'ERRINFO_IDLE_TIMEOUT', /idle/],
  ['ERRINFO_DISCONNECTED_BY_OTHERCONNECTION', 'first', 'error-info', 5, 'ERRINFO_DISCONNECTED_BY_OTHERCONNECTION', /another connection/],
  ['ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION', 'first', 'error-info', 5, 'ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION', /another connection/],
  ['ERRINFO_SERVER_DENIED_CONNECTION', 'first', 'error-info', 7, 'ERRINFO_SERVER_DENIED_CONNECTION', /server denied the connection/],
  ['ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES', 'first', 'error-info', 9, 'ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES', /right to connect/],
  ['ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED', 'first', 'error-info', 10, 'ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED', /saved credentials/],
  ['ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER', 'first', 'error-info', 11, 'ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER', /inside the session/],
  ['ERRINFO_RPC_INITIATED_DISCONNECT_BY_USER', 'first', 'error-info', 11, 'ERRINFO_RPC_INITIATED_DISCONNECT_BY_USER', /inside the session/],
  ['ERRINFO_LOGOFF_BY_USER', 'first', 'error-info', 12, 'ERRINFO_LOGOFF_BY_USER', /logged off/],
  ['ERRINFO_LICENSE_INTERNAL', 'first', 'error-info', 256, 'ERRINFO_LICENSE_INTERNAL', /internal licensing/],
  ['ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS', 'first', 'error-info', 266, 'ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS', /remote connections/],
  ['0x18', 'any', 'error-info', 0x18, 'ERRINFO_SERVER_CSRSS_CRASH', /csrss/],
  ['0x19', 'any', 'error-info', 0x19, 'ERRINFO_SERVER_SHUTDOWN', /shutting down/],
  ['0x1A', 'any', 'error-info', 0x1a, 'ERRINFO_SERVER_REBOOT', /restarting/],
  ['0x400', 'any', 'error-info', 0x400, 'ERRINFO_CB_DESTINATION_NOT_FOUND', /broker/],
  ['0x10D3', 'any', 'error-info', 0x10d3, 'ERRINFO_CONNECT_FAILED', /connect failed/],
  ['0x1196', 'any', 'error-info', 0x1196, 'ERRINFO_PEER_DISCONNECTED', /peer disconnected/],
  // FreeRDP last-error values (class << 16 | code) as its log prints them.
  ['[0x00010007]', 'first', 'error-info', 7, 'ERRINFO_SERVER_DENIED_CONNECTION', /server denied the connection/],
  ['ERRINFO_LOGOFF_BY_USER [0x0001000C]', 'first', 'error-info', 12, 'ERRINFO_LOGOFF_BY_USER', /logged off/],
  ['freerdp_set_last_error_ex ERRINFO_UNKNOWN [0x0001001A]', 'first', 'error-info', 0x1a, 'ERRINFO_SERVER_REBOOT', /restarting/],
  ['ERRCONNECT_DNS_NAME_NOT_FOUND [0x00020005]', 'first', 'freerdp-error', 0x20005, 'ERRCONNECT_DNS_NAME_NOT_FOUND', /not found in DNS/],
  ['ERRCONNECT_CONNECT_FAILED', 'first', 'freerdp-error', 0x20006, 'ERRCONNECT_CONNECT_FAILED', /TCP connection failed/],
  ['ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]', 'first', 'freerdp-error', 0x20008, 'ERRCONNECT_TLS_CONNECT_FAILED', /TLS/],
  [
    'freerdp_set_last_error ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED [0x2000C]',
    'first',
    'freerdp-error',
    0x2000c,
    'ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED',
    /security negotiation/,
  ],
  ['[0x0002000D]', 'first', 'freerdp-error', 0x2000d, 'ERRCONNECT_CONNECT_TRANSPORT_FAILED', /transport/],
  ['ERRCONNECT_ACCOUNT_LOCKED_OUT', 'first', 'freerdp-error', 0x20018, 'ERRCONNECT_ACCOUNT_LOCKED_OUT', /locked out/],
  ['ERRCONNECT_TARGET_BOOTING [0x0002001D]', 'first', 'freerdp-error', 0x2001d, 'ERRCONNECT_TARGET_BOOTING', /starting/],
  ['ERRCONNECT_HYBRID_REQUIRED_BY_SERVER [0x0002001E]', 'first', 'freerdp-error', 0x2001e, 'ERRCONNECT_HYBRID_REQUIRED_BY_SERVER', /NLA/],
  // xfreerdp exit codes (client/X11/xfreerdp.h, docs/protocol.md#freerdp-codes).
  ['7', 'any', 'freerdp-error', 7, 'XF_EXIT_CONN_DENIED', /denied the connection/],
  ['131', 'any', 'freerdp-error', 131, 'XF_EXIT_CONN_FAILED', /connection failed/],
  ['132', 'any', 'freerdp-error', 132, 'XF_EXIT_AUTH_FAILURE', /authentication failed/],
  ['133', 'any', 'freerdp-error', 133, 'XF_EXIT_NEGO_FAILURE', /negotiation failed/],
  ['134', 'any', 'freerdp-error', 134, 'XF_EXIT_LOGON_FAILURE', /logon failed/],
  ['139', 'any', 'freerdp-error', 139, 'XF_EXIT_DNS_ERROR', /DNS/],
  ['140', 'any', 'freerdp-error', 140, 'XF_EXIT_DNS_NAME_NOT_FOUND', /not found in DNS/],
  ['143', 'any', 'freerdp-error', 143, 'XF_EXIT_TLS_CONNECT_FAILED', /TLS/],
  ['147', 'any', 'freerdp-error', 147, 'XF_EXIT_CONNECT_TRANSPORT_FAILED', /transport/],
  // Symbolic names of the other tables.
  ['disconnectReasonAtClientWinsockFDCLOSE', 'first', 'disconnect-reason', 2308, 'disconnectReasonAtClientWinsockFDCLOSE', /socket closed/],
  ['exDiscReasonServerDeniedConnection', 'first', 'extended-reason', 7, 'exDiscReasonServerDeniedConnection', /server denied the connection/],
  ['SSL_ERR_CERT_EXPIRED', 'first', 'disconnect-reason', 6919, 'SSL_ERR_CERT_EXPIRED', /certificate.*expired/],
  ['XF_EXIT_CONN_DENIED', 'first', 'freerdp-error', 7, 'XF_EXIT_CONN_DENIED', /denied the connection/],
];

function pick(codes: readonly DecodedCode[], at: Row[1], kind: Kind, value: number): DecodedCode | undefined {
  if (at === 'first') return codes[0];
  if (at === 'second') return codes[1];
  return codes.find((c) => c.kind === kind && c.value === value);
}

describe('decodeCodes against the hand-written reference', () => {
  it('has enough rows to mean something', () => {
    expect(REFERENCE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(REFERENCE)('%s → %s %s %d %s', (input, at, kind, value, name, meaning) => {
    const code = pick(decodeCodes(input).codes, at, kind, value);
    expect(code).toBeDefined();
    expect({ kind: code!.kind, value: code!.value, name: code!.name }).toEqual({ kind, value, name });
    expect(code!.meaning).toMatch(meaning);
  });

  it.each([
    ['English', "This computer can't connect to the remote computer. Error code: 0x904. Extended error code: 0x7."],
    ['German', 'Dieser Computer kann keine Verbindung mit dem Remotecomputer herstellen. Fehlercode: 0x904. Erweiterter Fehlercode: 0x7.'],
    ['German, decimal', 'Fehlercode: 2308. Erweiterter Fehlercode: 7.'],
  ])('the %s dialog text reads as socket closed + server denied', (_, text) => {
    const r = decodeCodes(text);
    expect(r.codes.map((c) => [c.kind, c.value, c.name])).toEqual([
      ['disconnect-reason', 0x904, 'disconnectReasonAtClientWinsockFDCLOSE'],
      ['extended-reason', 7, 'exDiscReasonServerDeniedConnection'],
    ]);
    expect(r.steer).toBe('server-refusal');
  });

  it('a name and a hex value on one line: the name wins, and the line says whether they agree', () => {
    const agree = decodeCodes('ERRINFO_LOGOFF_BY_USER [0x0001000C]');
    expect(agree.codes).toHaveLength(1);
    expect(agree.summary).toMatch(/agrees with the name/);
    const clash = decodeCodes('ERRINFO_LOGOFF_BY_USER [0x00010007]');
    expect(clash.codes.map((c) => c.name)).toEqual(['ERRINFO_LOGOFF_BY_USER']);
    expect(clash.summary).toMatch(/0x00010007 on the line is not ERRINFO_LOGOFF_BY_USER; the name was used/);
  });

  it('names decode in any case, and a FreeRDP-packed value names its class', () => {
    expect(decodeCodes('errinfo_server_denied_connection').codes[0]?.name).toBe('ERRINFO_SERVER_DENIED_CONNECTION');
    expect(decodeCodes('[0x00010007]').codes[0]?.notes.join(' ')).toMatch(/class 1 \(errorInfo\)/);
  });

  it('0x1B07 mentions a wrong clock as a cause', () => {
    expect(decodeCodes('0x1B07').codes[0]?.notes.join(' ')).toMatch(/clock/);
  });
});

/** Corrections to the tables, each checked against the source named in its row. */
describe('decoder corrections, with their sources', () => {
  const one = (input: string, kind: Kind, value: number) => decodeCodes(input).codes.find((c) => c.kind === kind && c.value === value);

  it('0x10F3 ERRINFO_REMOTEAPP_NOT_ENABLED: the client must support RemoteApp because the server only hosts RemoteApps (MS-RDPBCGR 2.2.5.1.1; FreeRDP libfreerdp/core/errinfo.c)', () => {
    expect(one('0x10F3', 'error-info', 0x10f3)?.meaning).toBe('the client must support RemoteApp (the INFO_RAIL flag), because the server only hosts RemoteApp programs');
  });

  it('0x402 ERRINFO_CB_LOADING_DESTINATION: the redirect target is disconnecting from the broker (MS-RDPBCGR 2.2.5.1.1)', () => {
    expect(one('0x402', 'error-info', 0x402)?.meaning).toBe('the redirect target is disconnecting from the connection broker');
  });

  it('xfreerdp exit 161 is XF_EXIT_CONNECT_HYBRID_REQUIRED_BY_SERVER (FreeRDP client/X11/xfreerdp.h)', () => {
    expect(one('161', 'freerdp-error', 161)?.name).toBe('XF_EXIT_CONNECT_HYBRID_REQUIRED_BY_SERVER');
    expect(decodeCodes('XF_EXIT_CONNECT_HYBRID_REQUIRED_BY_SERVER').codes[0]?.value).toBe(161);
  });

  it("FreeRDP's ERRINFO_NONE is 0xFFFFFFFF and means unknown; 0 is ERRINFO_SUCCESS (FreeRDP include/freerdp/error.h)", () => {
    expect(decodeCodes('ERRINFO_NONE').codes[0]).toMatchObject({ kind: 'error-info', value: 0xffffffff, name: 'ERRINFO_NONE', official: false });
    expect(decodeCodes('ERRINFO_NONE').codes[0]?.meaning).toMatch(/^unknown/);
    expect(decodeCodes('0xFFFFFFFF').codes.map((c) => c.name)).toContain('ERRINFO_NONE');
    expect(decodeCodes('ERRINFO_SUCCESS').codes[0]).toMatchObject({ value: 0, name: 'ERRINFO_SUCCESS' });
  });

  it('0x1196 is defined only by FreeRDP, not MS-RDPBCGR (include/freerdp/error.h)', () => {
    const c = one('0x1196', 'error-info', 0x1196);
    expect(c?.official).toBe(false);
    expect(c?.notes.join(' ')).toMatch(/only by FreeRDP .*MS-RDPBCGR 2\.2\.5\.1\.1 has no such code/);
    expect(c?.notes.join(' ')).not.toMatch(/user reports/);
  });

  it.each([
    ['0x19', 0x19],
    ['0x1A', 0x1a],
  ] as const)('%s is claimed only by third parties, not MS-RDPBCGR 2.2.5.1.1', (input, value) => {
    const c = one(input, 'error-info', value);
    expect(c?.official).toBe(false);
    expect(c?.notes.join(' ')).toMatch(/Not in MS-RDPBCGR 2\.2\.5\.1\.1 nor in FreeRDP; only third-party/);
    expect(decodeCodes(input).summary).toMatch(/\(unofficial\)/);
  });

  it('the two range rows cite the range their source documents, not user reports (ExtendedDisconnectReasonCode; xfreerdp.h)', () => {
    const ext = one('0x904 0x1234', 'extended-reason', 0x1234);
    expect(ext).toMatchObject({ name: 'exDiscReasonProtocolRange', official: true });
    expect(ext?.notes.join(' ')).toMatch(/Microsoft documents the range/);
    const xf = one('100', 'freerdp-error', 100);
    expect(xf).toMatchObject({ name: 'XF_EXIT_RDP range', official: true });
    expect(xf?.notes.join(' ')).toMatch(/xfreerdp\.h reserves 32–127/);
    for (const c of [ext, xf]) expect(c?.notes.join(' ')).not.toMatch(/user reports/);
  });

  it.each([
    ['104', 0x104, 'disconnectReasonDNSLookupFailed', /DNS/],
    ['106', 0x106, 'disconnectReasonOutOfMemory', /out of memory/],
    ['108', 0x108, 'disconnectReasonConnectionTimedOut', /timed out/],
  ] as const)('a lone %s also offers its hex reading first (IMsTscAxEvents::OnDisconnected)', (input, value, name, meaning) => {
    const r = decodeCodes(input);
    expect(r.codes[0]).toMatchObject({ kind: 'disconnect-reason', value, name });
    expect(r.codes[0]?.meaning).toMatch(meaning);
    expect(r.codes[0]?.notes.join(' ')).toMatch(/Read as hex/);
    expect(r.codes.some((c) => c.kind === 'freerdp-error' && c.value === Number(input))).toBe(true);
  });

  it('a swapped pair 0x7 0x904 is read in the dialog order and says so', () => {
    const r = decodeCodes('0x7 0x904');
    expect(r.codes.map((c) => [c.kind, c.value, c.name])).toEqual([
      ['disconnect-reason', 0x904, 'disconnectReasonAtClientWinsockFDCLOSE'],
      ['extended-reason', 7, 'exDiscReasonServerDeniedConnection'],
    ]);
    expect(r.summary).toMatch(/read the other way round/);
    expect(r.steer).toBe('server-refusal');
    expect(decodeCodes('0x904 0x7').summary).not.toMatch(/other way round/);
  });

  it.each([
    ['SSL_REQUIRED_BY_SERVER', 1, /requires TLS/],
    ['SSL_NOT_ALLOWED_BY_SERVER', 2, /only the old Remote Desktop security/],
    ['SSL_CERT_NOT_ON_SERVER', 3, /no usable certificate/],
    ['INCONSISTENT_FLAGS', 4, /contradict/],
    ['HYBRID_REQUIRED_BY_SERVER', 5, /requires Network Level Authentication/],
    ['SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER', 6, /client certificate/],
  ] as const)('RDP_NEG_FAILURE %s = %d decodes (MS-RDPBCGR 2.2.1.2.2)', (name, value, meaning) => {
    const byName = decodeCodes(name).codes[0];
    expect(byName).toMatchObject({ kind: 'negotiation-failure', value, name, official: true });
    expect(byName?.meaning).toMatch(meaning);
    expect(decodeCodes(String(value)).codes.some((c) => c.kind === 'negotiation-failure' && c.name === name)).toBe(true);
  });

  it('HYBRID_REQUIRED_BY_SERVER in a FreeRDP log still reads as the ERRCONNECT code', () => {
    expect(decodeCodes('ERRCONNECT_HYBRID_REQUIRED_BY_SERVER [0x0002001E]').codes[0]?.name).toBe('ERRCONNECT_HYBRID_REQUIRED_BY_SERVER');
  });
});
