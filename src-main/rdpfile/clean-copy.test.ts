import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanCopyOfFile, SIGNED_COPY_NOTE } from './clean-copy';
import { parseRdpBytes } from './parse';
import { checkRdpFileBytes, fileNeedsAttention } from './summary';
import type { RdpFile } from './types';

function fixture(name: string): RdpFile {
  const parsed = parseRdpBytes(readFileSync(join(__dirname, 'fixtures', name)));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.file;
}
const lines = (text: string) => text.split('\r\n').filter(Boolean);

describe('cleanCopyOfFile', () => {
  it('keeps the RD Gateway of an mstsc file, drops the rest, and the copy checks clean and still goes through the gateway', () => {
    const copy = cleanCopyOfFile(fixture('mstsc-gateway.utf16le.rdp'), { fallback: false, name: 'work.rdp' });
    expect([...copy.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(lines(copy.text)).toEqual([
      'full address:s:PC01-W7.corp.example',
      'gatewayhostname:s:RDGW01.corp.example',
      'gatewayusagemethod:i:1',
      'gatewaycredentialssource:i:0',
      'gatewayprofileusagemethod:i:1',
      'promptcredentialonce:i:1',
      'use redirection server name:i:0',
      'rdgiskdcproxy:i:0',
      'kdcproxyname:s:',
      'username:s:CORP\\anna',
      'autoreconnection enabled:i:1',
    ]);
    expect(copy.droppedCount).toBe(37);
    const again = checkRdpFileBytes(copy.bytes, 'work-clean.rdp');
    expect(again.summary.where).toBe('connects to PC01-W7.corp.example through gateway RDGW01.corp.example');
    expect(fileNeedsAttention(again.issues)).toBe(false);
  });

  it('keeps the AVD / Windows 365 keys: the copy still opens the service through its gateway, not the front end on 3389', () => {
    const copy = cleanCopyOfFile(fixture('windows365-cloudpc.utf8.rdp'), { fallback: false, name: 'Cloud PC.rdp' });
    const text = copy.text;
    for (const kept of [
      'full address:s:rdgateway-r1.wvd.microsoft.com',
      'alternate full address:s:rdgateway-r1.wvd.microsoft.com',
      'gatewayhostname:s:afdfp-rdgateway-r1.wvd.microsoft.com:443',
      'gatewayusagemethod:i:1',
      'loadbalanceinfo:s:mth://localhost/',
      'resourceprovider:s:arm',
      'wvd endpoint pool:s:',
      'armpath:s:',
      'aadtenantid:s:',
      'activityhint:s:ms-wvd-ep:',
      'remoteapplicationprogram:s:||',
      'targetisaadjoined:i:1',
    ]) {
      expect(text).toContain(kept);
    }
    for (const dropped of ['redirectclipboard', 'drivestoredirect', 'audiomode', 'dynamic resolution']) expect(text).not.toContain(dropped);
    const again = checkRdpFileBytes(copy.bytes, 'Cloud PC-clean.rdp');
    expect(again.summary.service).toBe('azure-virtual-desktop');
    expect(again.summary.where).toMatch(
      /^opens Azure Virtual Desktop workspace "Cloud PC Enterprise 4vCPU\/16GB\/256GB" through its gateway afdfp-rdgateway-r1\.wvd\.microsoft\.com:443/,
    );
    expect(again.settings?.gateway).toBe('afdfp-rdgateway-r1.wvd.microsoft.com:443');
  });

  it('keeps the server port, leaves the clear-text password out', () => {
    const copy = cleanCopyOfFile(fixture('script-plaintext-password.utf8.rdp'), { fallback: false });
    expect(lines(copy.text)).toEqual([
      'full address:s:vm01.cloud.example',
      'server port:i:3390',
      'username:s:Administrator',
      'gatewayusagemethod:i:0',
      'autoreconnection enabled:i:1',
    ]);
    expect(copy.text).not.toContain('Tr0ub4dor');
  });

  it('keeps a RemoteApp file a RemoteApp through broker and gateway, says the signature goes, and keeps no signature', () => {
    const copy = cleanCopyOfFile(fixture('rdweb-remoteapp-signed.utf16le.rdp'), { fallback: false, name: 'WordPad.rdp' });
    expect(copy.signatureStripped).toBe(true);
    expect(copy.notes).toContain(SIGNED_COPY_NOTE);
    expect(copy.text).not.toMatch(/signscope|signature/);
    for (const kept of [
      'remoteapplicationmode:i:1',
      'remoteapplicationprogram:s:||WordPad',
      'alternate shell:s:||WordPad',
      'loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Office_Apps',
      'use redirection server name:i:1',
      'gatewayhostname:s:rdgw.corp.example',
      'server port:i:3389',
    ]) {
      expect(copy.text).toContain(kept);
    }
    expect(checkRdpFileBytes(copy.bytes, 'WordPad-clean.rdp').summary.where).toBe('connects to the app "WordPad" on rdcb01.corp.example through gateway rdgw.corp.example');
  });

  it('resets NLA off and authentication level 0, or writes the fallback flags with their cost', () => {
    const plain = cleanCopyOfFile(fixture('legacy-nla-off.utf16le.rdp'), { fallback: false });
    expect(plain.text).not.toMatch(/enablecredsspsupport|authentication level|Password/);
    expect(fileNeedsAttention(checkRdpFileBytes(plain.bytes, 'x.rdp').issues)).toBe(false);
    const fallback = cleanCopyOfFile(fixture('mstsc-gateway.utf16le.rdp'), { fallback: true });
    expect(fallback.text).toContain('enablecredsspsupport:i:0\r\n');
    expect(fallback.text).toContain('gatewayhostname:s:RDGW01.corp.example\r\n');
    expect(fallback.securityCost).toMatch(/Network Level Authentication/);
  });

  it('leaves out a kept setting that swallowed a password line', () => {
    const parsed = parseRdpBytes(Buffer.from('full address:s:h\r\ngatewayhostname:s:gwpassword:s:hunter2\r\ngatewayusagemethod:i:1\r\n'));
    if (!parsed.ok) throw new Error(parsed.error);
    const copy = cleanCopyOfFile(parsed.file, { fallback: false });
    expect(copy.text).not.toContain('hunter2');
    expect(lines(copy.text)).toEqual(['full address:s:h', 'gatewayusagemethod:i:1', 'autoreconnection enabled:i:1']);
  });

  it('refuses a file that names no computer, in one line', () => {
    expect(() => cleanCopyOfFile(fixture('mstsc-win11-default.utf16le.rdp'), { fallback: false, name: 'Default.rdp' })).toThrow(/names no computer .*rdp-file clean <computer>/);
  });
});
