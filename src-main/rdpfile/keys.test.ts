/**
 * The key table against lists transcribed by hand from its sources, never generated from the table: a key a
 * source names but the table lacks (or types differently) fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_SOURCES, RDP_KEYS, SIGNABLE_KEYS, isSecretKey, keySpec, type KeySource } from './keys';
import { parseRdpBytes, stringSetting } from './parse';

/** Microsoft Learn "Supported RDP properties" (azure/virtual-desktop/rdp-properties.md, 2025): name → type. */
const MICROSOFT: Readonly<Record<string, 's' | 'i'>> = {
  'alternate full address': 's',
  'alternate shell': 's',
  'authentication level': 'i',
  disableconnectionsharing: 'i',
  domain: 's',
  enablecredsspsupport: 'i',
  enablerdsaadauth: 'i',
  'full address': 's',
  gatewaycredentialssource: 'i',
  gatewayhostname: 's',
  gatewayprofileusagemethod: 'i',
  gatewayusagemethod: 'i',
  kdcproxyname: 's',
  promptcredentialonce: 'i',
  targetisaadjoined: 'i',
  username: 's',
  'autoreconnection enabled': 'i',
  bandwidthautodetect: 'i',
  compression: 'i',
  networkautodetect: 'i',
  videoplaybackmode: 'i',
  audiocapturemode: 'i',
  audiomode: 'i',
  camerastoredirect: 's',
  devicestoredirect: 's',
  drivestoredirect: 's',
  'encode redirected video capture': 'i',
  keyboardhook: 'i',
  redirectclipboard: 'i',
  redirectcomports: 'i',
  'redirected video capture encoding quality': 'i',
  redirectlocation: 'i',
  redirectprinters: 'i',
  redirectsmartcards: 'i',
  redirectwebauthn: 'i',
  usbdevicestoredirect: 's',
  'desktop size id': 'i',
  desktopheight: 'i',
  desktopscalefactor: 'i',
  desktopwidth: 'i',
  'dynamic resolution': 'i',
  maximizetocurrentdisplays: 'i',
  'screen mode id': 'i',
  selectedmonitors: 's',
  singlemoninwindowedmode: 'i',
  'smart sizing': 'i',
  'use multimon': 'i',
  remoteapplicationcmdline: 's',
  remoteapplicationexpandcmdline: 'i',
  remoteapplicationexpandworkingdir: 'i',
  remoteapplicationfile: 's',
  remoteapplicationicon: 's',
  remoteapplicationmode: 'i',
  remoteapplicationname: 's',
  remoteapplicationprogram: 's',
};

/** Microsoft's documented ranges (same page). */
const MICROSOFT_RANGES: ReadonlyArray<readonly [string, number, number]> = [
  ['authentication level', 0, 3],
  ['gatewaycredentialssource', 0, 5],
  ['gatewayusagemethod', 0, 4],
  ['keyboardhook', 0, 3],
  ['audiomode', 0, 2],
  ['redirected video capture encoding quality', 0, 2],
  ['desktop size id', 0, 4],
  ['desktopheight', 200, 8192],
  ['desktopwidth', 200, 8192],
  ['screen mode id', 1, 2],
];

/** FreeRDP client/common/file.c: key_str_* (strings) and key_int_* (integers). */
const FREERDP_STRINGS = [
  'username',
  'domain',
  'password',
  'full address',
  'alternate full address',
  'usbdevicestoredirect',
  'camerastoredirect',
  'loadbalanceinfo',
  'remoteapplicationname',
  'remoteapplicationicon',
  'remoteapplicationprogram',
  'remoteapplicationfile',
  'remoteapplicationguid',
  'remoteapplicationcmdline',
  'alternate shell',
  'shell working directory',
  'gatewayhostname',
  'gatewayaccesstoken',
  'resourceprovider',
  'kdcproxyname',
  'drivestoredirect',
  'devicestoredirect',
  'winposstr',
  'pcb',
  'selectedmonitors',
  'wvd endpoint pool',
  'geo',
  'armpath',
  'aadtenantid',
  'diagnosticserviceurl',
  'hubdiscoverygeourl',
  'activityhint',
];
const FREERDP_INTEGERS = [
  'rdgiskdcproxy',
  'use redirection server name',
  'gatewaycredentialssource',
  'gatewayprofileusagemethod',
  'gatewayusagemethod',
  'disableremoteappcapscheck',
  'disableconnectionsharing',
  'remoteapplicationexpandworkingdir',
  'remoteapplicationexpandcmdline',
  'remoteapplicationmode',
  'enablecredsspsupport',
  'enablerdsaadauth',
  'negotiate security layer',
  'prompt for credentials',
  'promptcredentialonce',
  'authentication level',
  'public mode',
  'autoreconnect max retries',
  'autoreconnection enabled',
  'administrative session',
  'connect to console',
  'disableclipboardredirection',
  'disableprinterredirection',
  'redirectdirectx',
  'redirectposdevices',
  'redirectclipboard',
  'redirectsmartcards',
  'redirectcomports',
  'redirectlocation',
  'redirectprinters',
  'redirectdrives',
  'server port',
  'bitmapcachepersistenable',
  'bitmapcachesize',
  'disable cursor setting',
  'disable themes',
  'disable menu anims',
  'disable full window drag',
  'allow desktop composition',
  'allow font smoothing',
  'disable wallpaper',
  'enableworkspacereconnect',
  'workspaceid',
  'displayconnectionbar',
  'pinconnectionbar',
  'bandwidthautodetect',
  'networkautodetect',
  'connection type',
  'videoplaybackmode',
  'redirected video capture encoding quality',
  'encode redirected video capture',
  'audiocapturemode',
  'audioqualitymode',
  'audiomode',
  'disable ctrl+alt+del',
  'keyboardhook',
  'compression',
  'desktopscalefactor',
  'session bpp',
  'desktop size id',
  'desktopheight',
  'desktopwidth',
  'superpanaccelerationfactor',
  'enablesuperpan',
  'dynamic resolution',
  'smart sizing',
  'span monitors',
  'screen mode id',
  'singlemoninwindowedmode',
  'maximizetocurrentdisplays',
  'use multimon',
  'redirectwebauthn',
];

/** What Windows 11 mstsc writes into Default.rdp beyond FreeRDP's older mstsc sample. */
const MSTSC_WINDOWS_11 = ['gatewaybrokeringtype', 'remoteappmousemoveinject', 'redirectwebauthn', 'redirectlocation', 'enablerdsaadauth', 'rdgiskdcproxy', 'kdcproxyname'];

/** Keys of the Windows 365 / AVD downloads beyond FreeRDP's list (rdp-testcases/test1.rdp). */
const AVD_ONLY = ['workspace id', 'remotedesktopname', 'gatewaybrokeringtype', 'targetisaadjoined', 'clientrejectinjectedinput'];

/** rdpsign's signable settings (nfedera/rdpsign rdpsign.py SECURE_SETTINGS), lower-cased. */
const RDWEB_SIGNABLE = [
  'full address',
  'alternate full address',
  'pcb',
  'use redirection server name',
  'server port',
  'negotiate security layer',
  'enablecredsspsupport',
  'disableconnectionsharing',
  'autoreconnection enabled',
  'gatewayhostname',
  'gatewayusagemethod',
  'gatewayprofileusagemethod',
  'gatewaycredentialssource',
  'support url',
  'promptcredentialonce',
  'require pre-authentication',
  'pre-authentication server address',
  'alternate shell',
  'shell working directory',
  'remoteapplicationprogram',
  'remoteapplicationexpandworkingdir',
  'remoteapplicationmode',
  'remoteapplicationguid',
  'remoteapplicationname',
  'remoteapplicationicon',
  'remoteapplicationfile',
  'remoteapplicationfileextensions',
  'remoteapplicationcmdline',
  'remoteapplicationexpandcmdline',
  'prompt for credentials',
  'authentication level',
  'audiomode',
  'redirectdrives',
  'redirectprinters',
  'redirectcomports',
  'redirectsmartcards',
  'redirectposdevices',
  'redirectclipboard',
  'devicestoredirect',
  'drivestoredirect',
  'loadbalanceinfo',
  'redirectdirectx',
  'rdgiskdcproxy',
  'kdcproxyname',
  'eventloguploadaddress',
];

const hasSource = (name: string, source: KeySource) => keySpec(name)?.sources.includes(source) === true;

describe('the .rdp key table', () => {
  it('gives every key a type, sources from the list, and a consistent range', () => {
    for (const [name, spec] of Object.entries(RDP_KEYS)) {
      expect(name, name).toBe(name.toLowerCase());
      expect(spec.sources.length, name).toBeGreaterThan(0);
      for (const s of spec.sources) expect(Object.keys(KEY_SOURCES), name).toContain(s);
      if (spec.min !== undefined && spec.max !== undefined) expect(spec.min, name).toBeLessThanOrEqual(spec.max);
      if (spec.values || spec.min !== undefined || spec.max !== undefined) expect(spec.type, name).toBe('i');
      if (spec.shape) expect(spec.type, name).toBe('s');
    }
  });

  it.each(Object.entries(MICROSOFT))("knows Microsoft's %s with its documented type", (name, type) => {
    expect(keySpec(name)?.type).toBe(type);
    expect(hasSource(name, 'microsoft')).toBe(true);
  });

  it.each(MICROSOFT_RANGES)("keeps Microsoft's range for %s (%d to %d)", (name, min, max) => {
    expect({ min: keySpec(name)?.min, max: keySpec(name)?.max }).toEqual({ min, max });
  });

  it('takes desktopscalefactor from the list Microsoft documents', () => {
    expect(keySpec('desktopscalefactor')?.values).toEqual([100, 125, 150, 175, 200, 250, 300, 400, 500]);
  });

  it("knows every key FreeRDP's parser reads, with FreeRDP's type", () => {
    for (const name of FREERDP_STRINGS) expect([keySpec(name)?.type, hasSource(name, 'freerdp')], name).toEqual(['s', true]);
    for (const name of FREERDP_INTEGERS) expect([keySpec(name)?.type, hasSource(name, 'freerdp')], name).toEqual(['i', true]);
  });

  it('knows what Windows 11 mstsc writes and the AVD / Windows 365 service keys', () => {
    for (const name of MSTSC_WINDOWS_11) expect(hasSource(name, 'mstsc'), name).toBe(true);
    for (const name of AVD_ONLY) expect(hasSource(name, 'avd'), name).toBe(true);
    for (const name of [
      'resourceprovider',
      'wvd endpoint pool',
      'geo',
      'armpath',
      'aadtenantid',
      'diagnosticserviceurl',
      'hubdiscoverygeourl',
      'activityhint',
      'loadbalanceinfo',
      'alternate full address',
    ]) {
      expect(hasSource(name, 'avd'), name).toBe(true);
    }
  });

  it('knows the legacy keys scripts and old clients still write', () => {
    for (const name of ['connect to console', 'auto connect', 'prompt for credentials on client']) expect(hasSource(name, 'legacy'), name).toBe(true);
  });

  it('knows every setting an RD Web Access signature can cover', () => {
    expect([...SIGNABLE_KEYS].sort()).toEqual([...RDWEB_SIGNABLE].sort());
  });

  it("knows every name in a real file's signscope", () => {
    const parsed = parseRdpBytes(readFileSync(join(__dirname, 'fixtures', 'rdweb-remoteapp-signed.utf16le.rdp')));
    if (!parsed.ok) throw new Error(parsed.error);
    const scope = (stringSetting(parsed.file, 'signscope') ?? '').split(',').map((n) => n.trim().toLowerCase());
    expect(scope.length).toBeGreaterThan(10);
    for (const name of scope) expect(SIGNABLE_KEYS.has(name), name).toBe(true);
  });

  it('accepts the password key in both its forms and treats every password key as secret', () => {
    expect(keySpec('password')).toMatchObject({ type: 's', altType: 'b' });
    for (const name of ['password', 'Password', 'password 51', 'clear password', 'gatewaypassword']) expect(isSecretKey(name), name).toBe(true);
    expect(isSecretKey('username')).toBe(false);
  });
});
