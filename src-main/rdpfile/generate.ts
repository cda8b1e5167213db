/** Builds the clean minimal .rdp file, optionally with the fallback flags (docs/protocol.md#the-fallback-file), with its security cost in words. */
import { isIP } from 'node:net';
import { parseTarget, DEFAULT_RDP_PORT } from '../net/target';
import { BadInputError } from '../shared/errors';
import { serializeRdp } from './serialize';
import type { RdpFile, RdpSetting, RdpValueType } from './types';

/** What to put in the clean file. */
export interface CleanRdpOptions {
  /** Host name or address, optionally with `:port`. */
  readonly address: string;
  readonly port?: number;
  /** Add the fallback flags: NLA off, warn on server-auth failure, negotiate, prompt for credentials. */
  readonly fallback: boolean;
  /** Connect to this IP address instead of the name (fix rdpfile.use-ip). */
  readonly useIp?: string;
  /** `DOMAIN\user` or `user@domain`. */
  readonly username?: string;
  /** Also write `disableudptransport:i:1` (which mstsc ignores; see the note it adds). */
  readonly disableUdpKey?: boolean;
}

/** The generated file with its bytes, the price in security, and notes to show beside it. */
export interface CleanRdp {
  readonly file: RdpFile;
  /** UTF-16LE with BOM and CRLF, as mstsc writes. */
  readonly bytes: Buffer;
  readonly text: string;
  readonly securityCost: string | null;
  readonly notes: readonly string[];
}

/** Plain-words cost of the fallback flags (docs/protocol.md#the-fallback-file). */
export const FALLBACK_SECURITY_COST =
  'This file turns off Network Level Authentication (enablecredsspsupport:i:0): the remote computer builds a session and shows its logon screen before you have proved who you are, which exposes it to denial-of-service and pre-logon attacks. "authentication level:i:2" lets you connect after a warning when the server cannot be verified; clicking through that warning allows someone in the middle to read the session. Use this file only to test whether NLA is the problem, then go back to your normal file.';

/** The fallback flags, in the order they are written: prompt, warn on server-auth failure, NLA off, negotiate. */
export const FALLBACK_SETTINGS: ReadonlyArray<readonly [string, RdpValueType, number]> = [
  ['prompt for credentials', 'i', 1],
  ['authentication level', 'i', 2],
  ['enablecredsspsupport', 'i', 0],
  ['negotiate security layer', 'i', 1],
];

/** The note that goes with disableudptransport (docs/protocol.md#udp). */
export const DISABLE_UDP_KEY_NOTE =
  'disableudptransport:i:1 is ignored by Remote Desktop Connection (mstsc); only the MsRdpEx add-on reads it. The switch that really makes mstsc use TCP only is the client policy, fix "client.disable-udp".';

function checkUsername(username: string): string {
  const user = username.trim();
  if (user.length === 0 || user.length > 256 || /[\u0000-\u001f\u007f]/.test(user)) {
    throw new BadInputError('The user name must be one line of at most 256 characters, such as CONTOSO\\anna or anna@contoso.com.');
  }
  return user;
}

function setting(key: string, type: RdpValueType, value: string | number, line: number): RdpSetting {
  return { kind: 'setting', key, name: key, type, value: String(value), line };
}

/** Generates the minimal file; throws BadInputError for an invalid address, IP or user name. */
export function generateCleanRdp(options: CleanRdpOptions): CleanRdp {
  const target = parseTarget(options.address);
  const port = options.port ?? target.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new BadInputError('The port must be a number from 1 to 65535.');
  let host = target.host;
  if (options.useIp !== undefined) {
    if (isIP(options.useIp) === 0) throw new BadInputError(`"${options.useIp.slice(0, 60)}" is not an IP address.`);
    host = options.useIp.toLowerCase();
  }
  const hostText = isIP(host) === 6 ? `[${host}]` : host;
  const entries: (readonly [string, RdpValueType, string | number])[] = [
    ['full address', 's', port === DEFAULT_RDP_PORT ? hostText : `${hostText}:${port}`],
    ['server port', 'i', port],
  ];
  if (options.username !== undefined && options.username.trim() !== '') entries.push(['username', 's', checkUsername(options.username)]);
  if (options.fallback) entries.push(...FALLBACK_SETTINGS);
  entries.push(['gatewayusagemethod', 'i', 0], ['autoreconnection enabled', 'i', 1]);
  const notes: string[] = [];
  if (options.disableUdpKey) {
    entries.push(['disableudptransport', 'i', 1]);
    notes.push(DISABLE_UDP_KEY_NOTE);
  }
  if (options.useIp !== undefined) {
    notes.push(`The file connects to ${options.useIp} instead of ${target.host}; the server's certificate names ${target.host}, so expect a name-mismatch warning.`);
  }
  if (options.fallback) notes.push('With NLA off, you sign in on the remote logon screen; this only works when the host does not require NLA.');
  const file: RdpFile = { encoding: 'utf-16le-bom', lineEnding: 'crlf', lines: entries.map(([k, t, v], i) => setting(k, t, v, i + 1)) };
  const bytes = serializeRdp(file);
  return { file, bytes, text: bytes.subarray(2).toString('utf16le'), securityCost: options.fallback ? FALLBACK_SECURITY_COST : null, notes };
}
