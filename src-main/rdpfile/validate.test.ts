import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClientSettings } from './client-settings';
import { parseRdpBytes, parseRdpText, stringSetting } from './parse';
import { editRdpFile, serializeRdp } from './serialize';
import { checkRdpFileBytes, rdpFileSummary } from './summary';
import { validateRdpFile } from './validate';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));
const codes = (text: string) => validateRdpFile(parseRdpText(text)).map((i) => i.code);

describe('validateRdpFile', () => {
  it('flags bad values, duplicates, conflicts, a missing gateway, malformed lines and the non-standard UDP key', () => {
    const { issues } = checkRdpFileBytes(fixture('conflicting.utf16le.rdp'), 'conflicting.rdp');
    const byCode = new Map(issues.map((i) => [i.code, i]));
    expect(byCode.get('bad-integer')?.line).toBe(6);
    expect(byCode.get('out-of-range')?.message).toContain('"authentication level" is 9');
    expect(byCode.get('duplicate')?.message).toContain('lines 3, 5');
    expect(byCode.has('conflict-credssp-negotiate')).toBe(true);
    expect(byCode.get('gateway-missing')?.severity).toBe('error');
    expect(byCode.get('malformed-line')?.line).toBe(8);
    expect(byCode.get('non-standard-key')?.message).toContain('client.disable-udp');
    expect(issues[0]?.severity).toBe('error');
  });

  it('flags NLA off with authentication level 1 as a conflict', () => {
    expect(codes('full address:s:h\nenablecredsspsupport:i:0\nauthentication level:i:1\n')).toContain('conflict-credssp-auth-level');
    expect(codes('full address:s:h\nenablecredsspsupport:i:1\nauthentication level:i:1\n')).not.toContain('conflict-credssp-auth-level');
  });

  it('lists unknown keys, flags a wrong type, a missing address and a port conflict', () => {
    const issues = validateRdpFile(parseRdpText('full address:s:h:3390\nserver port:i:3389\nfoo bar:s:1\nenablecredsspsupport:s:0\n'));
    expect(issues.find((i) => i.code === 'unknown-keys')?.message).toContain('foo bar');
    expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['wrong-type', 'conflict-port']));
    expect(codes('username:s:x\n')).toContain('address-missing');
    expect(codes('full address:s:bad host name!\n')).toContain('address-invalid');
  });

  it('accepts a clean mstsc file without errors or warnings', () => {
    const { issues } = checkRdpFileBytes(fixture('mstsc-default.utf16le.rdp'), 'Default.rdp');
    expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(issues.find((i) => i.code === 'unknown-keys')?.message).toContain('vendor extension setting');
  });

  it('detects a signed file; editing strips the signature and says so', () => {
    const parsed = parseRdpBytes(fixture('signed.utf16le.rdp'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(validateRdpFile(parsed.file).map((i) => i.code)).toContain('signed');
    const edited = editRdpFile(parsed.file, [{ op: 'set', name: 'full address', type: 's', value: '10.0.0.9' }]);
    expect(edited.signatureStripped).toBe(true);
    expect(edited.notes[0]).toMatch(/signature was removed/);
    const again = parseRdpBytes(serializeRdp(edited.file));
    if (!again.ok) throw new Error(again.error);
    expect(stringSetting(again.file, 'signature')).toBeNull();
    expect(stringSetting(again.file, 'signscope')).toBeNull();
    expect(stringSetting(again.file, 'full address')).toBe('10.0.0.9');
    expect(stringSetting(again.file, 'remoteapplicationprogram')).toBe('||calc');
    expect(codes('full address:s:h\nsignature:s:AAAA\n')).toContain('signature-incomplete');
  });

  it('refuses edits that would inject a second line', () => {
    const file = parseRdpText('full address:s:h\n');
    expect(() => editRdpFile(file, [{ op: 'set', name: 'username', type: 's', value: 'a\r\nenablecredsspsupport:i:0' }])).toThrow(/line break/);
  });
});

describe('readClientSettings', () => {
  it('reads the last value of each security setting, the port from the address and the used gateway', () => {
    const s = readClientSettings(
      parseRdpText('full address:s:h:3390\nenablecredsspsupport:i:1\nenablecredsspsupport:i:0\nauthentication level:i:2\ngatewayhostname:s:gw\ngatewayusagemethod:i:2\n'),
      'a.rdp',
    );
    expect(s).toEqual({
      enableCredSsp: false,
      authenticationLevel: 2,
      negotiateSecurityLayer: null,
      port: 3390,
      gateway: 'gw',
      address: 'h:3390',
      fileName: 'a.rdp',
      service: null,
    });
    const t = readClientSettings(parseRdpText('full address:s:h\nserver port:i:3391\ngatewayhostname:s:gw\ngatewayusagemethod:i:0\nnegotiate security layer:i:0\n'), 'b.rdp');
    expect(t.port).toBe(3391);
    expect(t.address).toBe('h');
    expect(t.gateway).toBeNull();
    expect(t.negotiateSecurityLayer).toBe(false);
  });
});

describe('rdpFileSummary', () => {
  it('summarises a file given as base64 and hides the saved password', () => {
    const s = rdpFileSummary({ name: 'Default.rdp', contentBase64: fixture('mstsc-default.utf16le.rdp').toString('base64') });
    expect(s.target).toBe('rdsh01.corp.example:3390');
    expect(s.gateway).toBe('rdgw.example.net');
    expect(s.settings['password 51']).toBe('(encrypted password present)');
    expect(s.settings['session bpp']).toBe(32);
  });

  it('turns unreadable bytes into one error issue', () => {
    const s = rdpFileSummary({ name: 'x.rdp', contentBase64: Buffer.from([0, 1, 2, 3, 255, 0, 7]).toString('base64') });
    expect(s.target).toBeNull();
    expect(s.issues).toHaveLength(1);
    expect(s.issues[0]?.severity).toBe('error');
  });
});
