/** Where a .rdp file really connects: the host and port a client dials, its RD Gateway, or the Azure Virtual Desktop service. */
import { ipFamily } from '../shared/ip';
import { holdsPassword } from './keys';
import { intSetting, stringSetting } from './parse';
import type { RdpFile } from './types';
import { isDefaultRdpName } from './validate';
import { clip } from './validate-values';

/** The cloud service a file belongs to, when its session host is chosen by the service's broker. */
export type RdpService = 'azure-virtual-desktop';

/** Where the file takes the client. */
export interface RdpRoute {
  /** Host the client connects to (alternate full address when set, as clients prefer it), or null when none. */
  readonly host: string | null;
  /** Port: the one in the address, else `server port`, else 3389. */
  readonly port: number;
  /** `host` with the port when it is not 3389, as a target the diagnosis takes ("h:3390", "[v6]:3390"). */
  readonly target: string | null;
  /** The RD Gateway in use (gatewayusagemethod not 0 or 4), or null. */
  readonly gateway: string | null;
  readonly service: RdpService | null;
  readonly isDefaultFile: boolean;
  readonly isRemoteApp: boolean;
  /** One line in plain words, e.g. "connects to rdsh01:3390 through gateway rdgw.example.net". */
  readonly description: string;
}

/** The port written in an address (`host:port` or `[v6]:port`), or null. */
export function portOfAddress(address: string): number | null {
  const m = /^\[[^\]]*\]:(\d{1,5})$|^[^:]+:(\d{1,5})$/.exec(address.trim());
  const text = m?.[1] ?? m?.[2];
  if (text === undefined) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** The host part of an address without port or IPv6 brackets. */
function hostOfAddress(address: string): string {
  const a = address.trim();
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(a);
  if (bracketed) return bracketed[1] ?? a;
  return portOfAddress(a) !== null ? a.slice(0, a.lastIndexOf(':')) : a;
}

const AVD_GATEWAY = /(^|\.)wvd\.(microsoft\.com|azure\.us|azure\.cn)(:\d+)?$/i;
const AVD_KEYS = ['resourceprovider', 'wvd endpoint pool', 'armpath', 'hubdiscoverygeourl', 'diagnosticserviceurl'] as const;

/** The service whose broker picks the session host: AVD/Windows 365 use `loadbalanceinfo:s:mth://…` and their own keys. */
export function serviceOf(file: RdpFile): RdpService | null {
  const broker = stringSetting(file, 'loadbalanceinfo')?.trim().toLowerCase() ?? '';
  const gateway = stringSetting(file, 'gatewayhostname')?.trim() ?? '';
  if (broker.startsWith('mth://') || AVD_GATEWAY.test(gateway)) return 'azure-virtual-desktop';
  return AVD_KEYS.some((k) => (stringSetting(file, k)?.trim() ?? '') !== '') ? 'azure-virtual-desktop' : null;
}

/** The RD Gateway the client uses: named, and gatewayusagemethod is not 0 (never) or 4 (never, bypass local). */
export function gatewayInUse(file: RdpFile): string | null {
  const name = stringSetting(file, 'gatewayhostname')?.trim() || null;
  const usage = intSetting(file, 'gatewayusagemethod');
  return name && usage !== 0 && usage !== 4 ? name : null;
}

/** Where `file` (named `name`) connects. */
export function routeOf(file: RdpFile, name?: string): RdpRoute {
  const alt = stringSetting(file, 'alternate full address')?.trim() || null;
  const full = stringSetting(file, 'full address')?.trim() || null;
  // A value that swallowed a password line names no host we could show or dial.
  const address = [alt, full].find((a): a is string => a !== null && !holdsPassword(a)) ?? null;
  const serverPort = intSetting(file, 'server port');
  const port = (address ? portOfAddress(address) : null) ?? (serverPort !== null && serverPort >= 1 && serverPort <= 65535 ? serverPort : 3389);
  const host = address ? hostOfAddress(address) : null;
  const shownHost = host && ipFamily(host) === 6 ? `[${host}]` : host;
  const target = shownHost ? (port === 3389 ? shownHost : `${shownHost}:${port}`) : null;
  const gateway = gatewayInUse(file);
  const service = serviceOf(file);
  const isDefaultFile = isDefaultRdpName(name);
  const isRemoteApp = intSetting(file, 'remoteapplicationmode') === 1;
  return {
    host,
    port,
    target,
    gateway,
    service,
    isDefaultFile,
    isRemoteApp,
    description: describe({ target, gateway, service, isDefaultFile, isRemoteApp, file, hasFull: stringSetting(file, 'full address') !== null }),
  };
}

function describe(r: {
  target: string | null;
  gateway: string | null;
  service: RdpService | null;
  isDefaultFile: boolean;
  isRemoteApp: boolean;
  file: RdpFile;
  hasFull: boolean;
}): string {
  // "||calc" is an alias published on the server; the bars are not part of its name.
  const app = r.isRemoteApp
    ? stringSetting(r.file, 'remoteapplicationname')?.trim() || stringSetting(r.file, 'remoteapplicationprogram')?.trim().replace(/^\|\|/, '') || null
    : null;
  const appText = app ? `the app "${clip(app)}" on ` : '';
  if (r.service === 'azure-virtual-desktop') {
    const name = stringSetting(r.file, 'remotedesktopname')?.trim() || stringSetting(r.file, 'wvd endpoint pool')?.trim() || '';
    const gw = r.gateway ?? stringSetting(r.file, 'gatewayhostname')?.trim() ?? '';
    return `opens ${appText}Azure Virtual Desktop workspace${name ? ` "${clip(name)}"` : ''}${gw ? ` through its gateway ${clip(gw)}` : ''}; the service's broker picks the session host`;
  }
  if (!r.target) {
    if (r.isDefaultFile) return "is Remote Desktop Connection's defaults file and names no computer";
    return r.hasFull ? 'names no computer ("full address" is empty)' : 'names no computer ("full address" is missing)';
  }
  return `connects to ${appText}${clip(r.target)}${r.gateway ? ` through gateway ${clip(r.gateway)}` : ''}`;
}
