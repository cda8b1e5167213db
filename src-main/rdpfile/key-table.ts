/**
 * Every .rdp setting a public source documents or a real client writes: type, allowed values, role and sources
 * (see KEY_SOURCES in keys.ts). Ranges are Microsoft's "Supported RDP properties" where it gives one, else what
 * FreeRDP's client/common/file.c accepts.
 */
import type { KeyRole, KeySource, RdpKeySpec } from './keys';

type Sources = readonly KeySource[];

const bool = (role: KeyRole, ...sources: Sources): RdpKeySpec => ({ type: 'i', min: 0, max: 1, role, sources });
const text = (role: KeyRole, ...sources: Sources): RdpKeySpec => ({ type: 's', role, sources });
const int = (role: KeyRole, min: number | undefined, max: number | undefined, ...sources: Sources): RdpKeySpec => ({
  type: 'i',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  role,
  sources,
});

// "3,2,0" from `mstsc /l`: display ids separated by commas (Microsoft: selectedmonitors).
const MONITOR_LIST = { pattern: /^\s*(\d{1,4}\s*(,\s*\d{1,4}\s*)*)?$/, words: 'display numbers separated by commas, such as 0,1' };
// "0,1,553,211,1353,811": show command and window rectangle, as mstsc saves it.
const WINDOW_POSITION = { pattern: /^\s*(-?\d{1,6}\s*(,\s*-?\d{1,6}\s*){5})?$/, words: 'six numbers separated by commas, such as 0,1,0,0,800,600' };

/** The table, lower-case names as the parsers compare them (FreeRDP uses _stricmp). */
export const RDP_KEY_TABLE: Readonly<Record<string, RdpKeySpec>> = {
  // Where to connect.
  'full address': text('address', 'microsoft', 'freerdp', 'mstsc', 'rdweb'),
  'alternate full address': text('address', 'microsoft', 'freerdp', 'avd', 'rdweb'),
  'server port': int('address', 1, 65535, 'freerdp', 'rdweb'),
  // Who signs in.
  username: text('credentials', 'microsoft', 'freerdp', 'mstsc'),
  domain: text('credentials', 'microsoft', 'freerdp'),
  password: { type: 's', altType: 'b', role: 'credentials', sources: ['freerdp', 'legacy'] },
  'password 51': { type: 'b', role: 'credentials', sources: ['mstsc'] },
  'prompt for credentials': bool('security', 'freerdp', 'mstsc', 'rdweb'),
  'prompt for credentials on client': bool('security', 'legacy'),
  // How the server is verified and how the client signs in.
  'authentication level': int('security', 0, 3, 'microsoft', 'freerdp', 'mstsc', 'rdweb'),
  enablecredsspsupport: bool('security', 'microsoft', 'freerdp', 'rdweb'),
  'negotiate security layer': bool('security', 'freerdp', 'mstsc', 'rdweb'),
  enablerdsaadauth: bool('security', 'microsoft', 'freerdp', 'mstsc', 'avd'),
  targetisaadjoined: bool('security', 'microsoft', 'avd'),
  // RD Gateway and Kerberos proxy.
  gatewayhostname: text('gateway', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  gatewayusagemethod: int('gateway', 0, 4, 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  gatewaycredentialssource: int('gateway', 0, 5, 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  gatewayprofileusagemethod: bool('gateway', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  promptcredentialonce: bool('gateway', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  gatewaybrokeringtype: int('gateway', 0, undefined, 'mstsc', 'avd'),
  gatewayaccesstoken: text('gateway', 'freerdp'),
  kdcproxyname: text('gateway', 'microsoft', 'freerdp', 'mstsc', 'rdweb'),
  rdgiskdcproxy: bool('gateway', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  'support url': text('gateway', 'rdweb'),
  'require pre-authentication': bool('gateway', 'rdweb'),
  'pre-authentication server address': text('gateway', 'rdweb'),
  eventloguploadaddress: text('gateway', 'rdweb'),
  // Connection broker: which session host the broker picks.
  loadbalanceinfo: text('broker', 'freerdp', 'avd', 'rdweb'),
  'use redirection server name': bool('broker', 'freerdp', 'mstsc', 'rdweb'),
  pcb: text('broker', 'freerdp', 'rdweb'),
  // Azure Virtual Desktop and Windows 365 service keys.
  resourceprovider: text('service', 'freerdp', 'avd'),
  'wvd endpoint pool': text('service', 'freerdp', 'avd'),
  geo: text('service', 'freerdp', 'avd'),
  armpath: text('service', 'freerdp', 'avd'),
  aadtenantid: text('service', 'freerdp', 'avd'),
  diagnosticserviceurl: text('service', 'freerdp', 'avd'),
  hubdiscoverygeourl: text('service', 'freerdp', 'avd'),
  activityhint: text('service', 'freerdp', 'avd'),
  // RD Web Access and AVD both name the workspace (the published feed) the file came from.
  'workspace id': text('broker', 'avd'),
  remotedesktopname: text('service', 'avd'),
  clientrejectinjectedinput: bool('service', 'avd'),
  workspaceid: int('service', 0, undefined, 'freerdp'),
  enableworkspacereconnect: bool('session', 'freerdp', 'mstsc'),
  // RemoteApp.
  remoteapplicationmode: bool('remoteapp', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  remoteapplicationname: text('remoteapp', 'microsoft', 'freerdp', 'avd', 'rdweb'),
  remoteapplicationprogram: text('remoteapp', 'microsoft', 'freerdp', 'avd', 'rdweb'),
  remoteapplicationcmdline: text('remoteapp', 'microsoft', 'freerdp', 'rdweb'),
  remoteapplicationexpandcmdline: bool('remoteapp', 'microsoft', 'freerdp', 'rdweb'),
  remoteapplicationexpandworkingdir: bool('remoteapp', 'microsoft', 'freerdp', 'rdweb'),
  remoteapplicationfile: text('remoteapp', 'microsoft', 'freerdp', 'rdweb'),
  remoteapplicationicon: text('remoteapp', 'microsoft', 'freerdp', 'rdweb'),
  remoteapplicationguid: text('remoteapp', 'freerdp', 'avd', 'rdweb'),
  remoteapplicationfileextensions: text('remoteapp', 'rdweb'),
  disableremoteappcapscheck: bool('remoteapp', 'freerdp'),
  remoteappmousemoveinject: bool('remoteapp', 'mstsc'),
  // The session.
  'administrative session': bool('session', 'freerdp'),
  'connect to console': bool('session', 'freerdp', 'legacy'),
  'auto connect': bool('session', 'legacy'),
  disableconnectionsharing: bool('session', 'microsoft', 'freerdp', 'rdweb'),
  'alternate shell': text('session', 'microsoft', 'freerdp', 'mstsc', 'rdweb'),
  'shell working directory': text('session', 'freerdp', 'mstsc', 'rdweb'),
  'autoreconnection enabled': bool('session', 'microsoft', 'freerdp', 'mstsc', 'rdweb'),
  'autoreconnect max retries': int('session', 0, undefined, 'freerdp'),
  bandwidthautodetect: bool('session', 'microsoft', 'freerdp', 'mstsc'),
  networkautodetect: bool('session', 'microsoft', 'freerdp', 'mstsc'),
  compression: bool('session', 'microsoft', 'freerdp', 'mstsc'),
  'connection type': int('session', 1, 7, 'freerdp', 'mstsc'),
  videoplaybackmode: bool('session', 'microsoft', 'freerdp', 'mstsc'),
  'public mode': bool('session', 'freerdp'),
  bitmapcachepersistenable: bool('session', 'freerdp', 'mstsc'),
  bitmapcachesize: int('session', 0, undefined, 'freerdp'),
  keyboardhook: int('session', 0, 3, 'microsoft', 'freerdp', 'mstsc'),
  'disable ctrl+alt+del': bool('session', 'freerdp'),
  displayconnectionbar: bool('display', 'freerdp', 'mstsc'),
  pinconnectionbar: bool('display', 'freerdp'),
  'disable wallpaper': bool('display', 'freerdp', 'mstsc'),
  'disable full window drag': bool('display', 'freerdp', 'mstsc'),
  'disable menu anims': bool('display', 'freerdp', 'mstsc'),
  'disable themes': bool('display', 'freerdp', 'mstsc'),
  'disable cursor setting': bool('display', 'freerdp', 'mstsc'),
  'allow font smoothing': bool('display', 'freerdp', 'mstsc'),
  'allow desktop composition': bool('display', 'freerdp', 'mstsc'),
  // Display.
  'screen mode id': int('display', 1, 2, 'microsoft', 'freerdp', 'mstsc'),
  'use multimon': bool('display', 'microsoft', 'freerdp', 'mstsc'),
  selectedmonitors: { type: 's', shape: MONITOR_LIST, role: 'display', sources: ['microsoft', 'freerdp'] },
  maximizetocurrentdisplays: bool('display', 'microsoft', 'freerdp'),
  singlemoninwindowedmode: bool('display', 'microsoft', 'freerdp', 'avd'),
  'span monitors': bool('display', 'freerdp'),
  'smart sizing': bool('display', 'microsoft', 'freerdp'),
  'dynamic resolution': bool('display', 'microsoft', 'freerdp', 'avd'),
  'desktop size id': int('display', 0, 4, 'microsoft', 'freerdp'),
  desktopwidth: int('display', 200, 8192, 'microsoft', 'freerdp', 'mstsc'),
  desktopheight: int('display', 200, 8192, 'microsoft', 'freerdp', 'mstsc'),
  desktopscalefactor: { type: 'i', values: [100, 125, 150, 175, 200, 250, 300, 400, 500], role: 'display', sources: ['microsoft', 'freerdp'] },
  'session bpp': { type: 'i', values: [8, 15, 16, 24, 32], role: 'display', sources: ['freerdp', 'mstsc'] },
  winposstr: { type: 's', shape: WINDOW_POSITION, role: 'display', sources: ['freerdp', 'mstsc'] },
  enablesuperpan: bool('display', 'freerdp'),
  superpanaccelerationfactor: int('display', 1, undefined, 'freerdp'),
  // Audio and device redirection.
  audiomode: int('redirection', 0, 2, 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  audiocapturemode: bool('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd'),
  audioqualitymode: int('redirection', 0, 2, 'freerdp'),
  'encode redirected video capture': bool('redirection', 'microsoft', 'freerdp'),
  'redirected video capture encoding quality': int('redirection', 0, 2, 'microsoft', 'freerdp'),
  redirectclipboard: bool('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  redirectcomports: bool('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  redirectdrives: bool('redirection', 'freerdp', 'rdweb'),
  redirectprinters: bool('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  redirectsmartcards: bool('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  redirectposdevices: bool('redirection', 'freerdp', 'mstsc', 'rdweb'),
  redirectwebauthn: bool('redirection', 'microsoft', 'freerdp', 'mstsc'),
  redirectlocation: bool('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd'),
  redirectdirectx: bool('redirection', 'freerdp', 'rdweb'),
  disableclipboardredirection: bool('redirection', 'freerdp'),
  disableprinterredirection: bool('redirection', 'freerdp'),
  drivestoredirect: text('redirection', 'microsoft', 'freerdp', 'mstsc', 'avd', 'rdweb'),
  devicestoredirect: text('redirection', 'microsoft', 'freerdp', 'avd', 'rdweb'),
  camerastoredirect: text('redirection', 'microsoft', 'freerdp', 'avd'),
  usbdevicestoredirect: text('redirection', 'microsoft', 'freerdp', 'avd'),
  // The signature of an RD Web Access file.
  signscope: text('signature', 'rdweb'),
  signature: text('signature', 'rdweb'),
};
