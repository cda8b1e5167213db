import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdpBytes, stringSetting } from './parse';
import { checkRdpFileBytes, fileNeedsAttention } from './summary';

const bytes = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));
const check = (fixture: string, name = fixture) => checkRdpFileBytes(bytes(fixture), name);
const codes = (fixture: string, name = fixture) => check(fixture, name).issues.map((i) => i.code);

describe('files as people really have them', () => {
  it.each([
    ['mstsc-win11-default.utf16le.rdp', 'Default.rdp'],
    ['mstsc-gateway.utf16le.rdp', 'work.rdp'],
    ['rdweb-remoteapp-signed.utf16le.rdp', 'WordPad.rdp'],
    ['windows365-cloudpc.utf8.rdp', 'Cloud PC.rdp'],
    ['avd-usgov-remoteapp.utf8.rdp', 'Example App.rdp'],
    ['script-plaintext-password.utf8.rdp', 'vm01.rdp'],
    ['hand-edited-broken.utf8.rdp', 'ws07.rdp'],
    ['legacy-nla-off.utf16le.rdp', 'kiosk.rdp'],
  ])('%s: every setting is known', (fixture, name) => {
    expect(codes(fixture, name)).not.toContain('unknown-keys');
  });

  it("recognises mstsc's Default.rdp: no address is normal there, and nothing needs attention", () => {
    const c = check('mstsc-win11-default.utf16le.rdp', 'Default.rdp');
    expect(c.file?.encoding).toBe('utf-16le-bom');
    expect(c.file?.lineEnding).toBe('crlf');
    expect(c.summary.target).toBeNull();
    expect(c.summary.where).toBe("is Remote Desktop Connection's defaults file and names no computer");
    expect(c.issues.map((i) => i.code)).toEqual(['default-file']);
    expect(fileNeedsAttention(c.issues)).toBe(false);
    // The same bytes under another name are a file that names no computer.
    const other = check('mstsc-win11-default.utf16le.rdp', 'office.rdp');
    expect(other.issues.find((i) => i.code === 'address-empty')?.message).toMatch(/"full address" is empty/);
    expect(other.summary.where).toBe('names no computer ("full address" is empty)');
  });

  it('an mstsc file behind an RD Gateway says where it connects and has no problem', () => {
    const c = check('mstsc-gateway.utf16le.rdp', 'work.rdp');
    expect(c.summary.where).toBe('connects to PC01-W7.corp.example through gateway RDGW01.corp.example');
    expect(fileNeedsAttention(c.issues)).toBe(false);
  });

  it('takes server port into the target when full address has none', () => {
    expect(check('script-plaintext-password.utf8.rdp').summary.target).toBe('vm01.cloud.example:3390');
    expect(check('script-plaintext-password.utf8.rdp').settings?.port).toBe(3390);
  });

  it('says an AVD / Windows 365 file opens the service through its gateway, not a host on 3389', () => {
    const cloud = check('windows365-cloudpc.utf8.rdp', 'Cloud PC.rdp');
    expect(cloud.summary.where).toBe(
      'opens Azure Virtual Desktop workspace "Cloud PC Enterprise 4vCPU/16GB/256GB" through its gateway afdfp-rdgateway-r1.wvd.microsoft.com:443; the service\'s broker picks the session host',
    );
    expect(cloud.summary.service).toBe('azure-virtual-desktop');
    expect(cloud.settings?.service).toBe('azure-virtual-desktop');
    expect(cloud.settings?.gateway).toBe('afdfp-rdgateway-r1.wvd.microsoft.com:443');
    const gov = check('avd-usgov-remoteapp.utf8.rdp', 'Example App.rdp');
    expect(gov.summary.where).toMatch(/^opens the app "Example App" on Azure Virtual Desktop workspace "pool-example" through its gateway gateway\.wvd\.azure\.us/);
    // Clients dial the alternate full address, on the server port.
    expect(gov.summary.target).toBe('alternate.example.invalid:3390');
  });

  it('reads a signed RD Web Access file: a RemoteApp through the broker and gateway, signed', () => {
    const c = check('rdweb-remoteapp-signed.utf16le.rdp', 'WordPad.rdp');
    expect(c.summary.signed).toBe(true);
    expect(c.summary.where).toBe('connects to the app "WordPad" on rdcb01.corp.example through gateway rdgw.corp.example');
    expect(c.summary.settings['signature']).toBe('(signature present)');
    expect(codes('rdweb-remoteapp-signed.utf16le.rdp')).toEqual(['signed']);
  });

  it('warns about a clear-text password and never shows it, in any field', () => {
    const secret = 'Tr0ub4dor&3-plaintext';
    const file = parseRdpBytes(bytes('script-plaintext-password.utf8.rdp'));
    expect(file.ok && stringSetting(file.file, 'password')).toBe(secret);
    const c = check('script-plaintext-password.utf8.rdp');
    const warning = c.issues.find((i) => i.code === 'plaintext-password');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/clear text: anyone who can read this file can read it/);
    expect(JSON.stringify(c.summary)).not.toContain(secret);
    expect(JSON.stringify(c.issues)).not.toContain(secret);
    expect(JSON.stringify(c.settings)).not.toContain(secret);
    expect(c.summary.settings['password']).toBe('(password in clear text present, not shown)');
    expect(fileNeedsAttention(c.issues)).toBe(true);
  });

  it('hides every form of password: a value that is not a number, a broken line, the Windows CE blob', () => {
    const text = 'full address:s:h\npassword:i:hunter2\npassword=hunter2\nPassword:b:0A0B\n';
    const c = checkRdpFileBytes(Buffer.from(text), 'x.rdp');
    expect(JSON.stringify(c.summary)).not.toContain('hunter2');
    expect(JSON.stringify(c.summary)).not.toContain('0A0B');
    expect(c.summary.settings['password']).toBe('(password present, not shown)');
    expect(codes('legacy-nla-off.utf16le.rdp')).toContain('saved-password-ce');
  });

  it('flags a value that swallowed the next line and an out-of-range scale factor', () => {
    const c = check('hand-edited-broken.utf8.rdp');
    const swallowed = c.issues.find((i) => i.code === 'swallowed-line');
    expect(swallowed).toMatchObject({ severity: 'error', line: 3, key: 'selectedmonitors' });
    expect(swallowed?.message).toBe(
      'Line 3: a line break is missing before "session bpp", so the file sets "selectedmonitors" to "3,2,42,23session bpp:i:32" and never sets "session bpp" (meant: selectedmonitors "3,2,42,23", session bpp "32").',
    );
    expect(c.issues.find((i) => i.code === 'out-of-range')?.message).toBe('Line 4: "desktopscalefactor" is 1080; allowed values are 100, 125, 150, 175, 200, 250, 300, 400, 500.');
    expect(codes('hand-edited-broken.utf8.rdp')).not.toContain('bad-list');
  });

  it('flags NLA off and server authentication ignored, each with what it leads to', () => {
    const c = check('legacy-nla-off.utf16le.rdp', 'kiosk.rdp');
    const nla = c.issues.find((i) => i.code === 'nla-off');
    expect(nla?.severity).toBe('warning');
    expect(nla?.message).toMatch(/requires Network Level Authentication.*refuses this file/);
    expect(c.issues.find((i) => i.code === 'auth-level-0')?.message).toMatch(/without a warning.*read the session/);
    expect(fileNeedsAttention(c.issues)).toBe(true);
  });
});
