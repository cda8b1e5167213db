/** Known .rdp settings as data: type and allowed values (Microsoft's RDP file settings doc and FreeRDP's key table, rdp-facts §5.2). */
import type { RdpValueType } from './types';

/** What a known setting accepts. */
export interface RdpKeySpec {
  readonly type: RdpValueType;
  /** Allowed integer range, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed integer values when not a simple range. */
  readonly values?: readonly number[];
}

const bool: RdpKeySpec = { type: 'i', min: 0, max: 1 };
const str: RdpKeySpec = { type: 's' };
const int: RdpKeySpec = { type: 'i' };

/** Every setting name we know, lower-case; anything else is reported as unknown and kept. */
export const RDP_KEYS: Readonly<Record<string, RdpKeySpec>> = {
  'full address': str,
  'alternate full address': str,
  'server port': { type: 'i', min: 1, max: 65535 },
  username: str,
  domain: str,
  'password 51': { type: 'b' },
  'prompt for credentials': bool,
  'prompt for credentials on client': bool,
  promptcredentialonce: bool,
  'authentication level': { type: 'i', min: 0, max: 3 },
  enablecredsspsupport: bool,
  'negotiate security layer': bool,
  'administrative session': bool,
  'use redirection server name': bool,
  gatewayhostname: str,
  gatewayusagemethod: { type: 'i', min: 0, max: 4 },
  gatewaycredentialssource: { type: 'i', min: 0, max: 5 },
  gatewayprofileusagemethod: bool,
  gatewaybrokeringtype: int,
  gatewayaccesstoken: str,
  loadbalanceinfo: str,
  kdcproxyname: str,
  enablerdsaadauth: bool,
  targetisaadjoined: bool,
  'alternate shell': str,
  'shell working directory': str,
  disableconnectionsharing: bool,
  'autoreconnection enabled': bool,
  'autoreconnect max retries': int,
  bandwidthautodetect: bool,
  networkautodetect: bool,
  compression: bool,
  'connection type': { type: 'i', min: 1, max: 7 },
  'session bpp': { type: 'i', values: [8, 15, 16, 24, 32] },
  'screen mode id': { type: 'i', min: 1, max: 2 },
  desktopwidth: int,
  desktopheight: int,
  'desktop size id': { type: 'i', min: 0, max: 4 },
  desktopscalefactor: int,
  'dynamic resolution': bool,
  'smart sizing': bool,
  'use multimon': bool,
  selectedmonitors: str,
  maximizetoallservers: bool,
  singlemoninwindowedmode: bool,
  'span monitors': bool,
  winposstr: str,
  'public mode': bool,
  bitmapcachepersistenable: bool,
  bitmapcachesize: int,
  displayconnectionbar: bool,
  pinconnectionbar: bool,
  'disable wallpaper': bool,
  'disable full window drag': bool,
  'disable menu anims': bool,
  'disable themes': bool,
  'disable cursor setting': bool,
  'allow font smoothing': bool,
  'allow desktop composition': bool,
  'audiomode': { type: 'i', min: 0, max: 2 },
  audiocapturemode: bool,
  audioqualitymode: { type: 'i', min: 0, max: 2 },
  videoplaybackmode: bool,
  'encode redirected video capture': bool,
  'redirected video capture encoding quality': { type: 'i', min: 0, max: 2 },
  keyboardhook: { type: 'i', min: 0, max: 2 },
  redirectclipboard: bool,
  redirectcomports: bool,
  redirectdrives: bool,
  redirectprinters: bool,
  redirectsmartcards: bool,
  redirectposdevices: bool,
  redirectwebauthn: bool,
  redirectlocation: bool,
  redirectdirectx: bool,
  drivestoredirect: str,
  devicestoredirect: str,
  camerastoredirect: str,
  usbdevicestoredirect: str,
  remoteapplicationmode: bool,
  remoteapplicationname: str,
  remoteapplicationprogram: str,
  remoteapplicationcmdline: str,
  remoteapplicationexpandcmdline: bool,
  remoteapplicationexpandworkingdir: bool,
  remoteapplicationfile: str,
  remoteapplicationicon: str,
  remoteapplicationguid: str,
  disableremoteappcapscheck: bool,
  enableworkspacereconnect: bool,
  'workspace id': str,
  signscope: str,
  signature: str,
};

/** Keys that only exist outside plain mstsc, with the note we show (rdp-facts §5.3). */
export const NON_STANDARD_KEYS: Readonly<Record<string, string>> = {
  disableudptransport:
    'disableudptransport is not a setting mstsc reads (only the MsRdpEx add-on knows it). To make Remote Desktop use TCP only, set the client policy instead (fix "client.disable-udp").',
};
