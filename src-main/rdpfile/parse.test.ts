import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdpBytes, settingsOf, stringSetting } from './parse';
import { serializeRdp } from './serialize';
import type { RdpFile } from './types';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));
const FIXTURES = ['mstsc-default.utf16le.rdp', 'freerdp-lf.utf8.rdp', 'freerdp-crlf.utf8bom.rdp', 'conflicting.utf16le.rdp', 'signed.utf16le.rdp'];

function mustParse(bytes: Uint8Array): RdpFile {
  const r = parseRdpBytes(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.file;
}

const shape = (f: RdpFile) => f.lines.map((l) => (l.kind === 'setting' ? [l.key, l.type, l.value] : ['#', l.text]));

describe('parseRdpBytes', () => {
  it('reads an mstsc-style UTF-16LE file with BOM and CRLF', () => {
    const file = mustParse(fixture('mstsc-default.utf16le.rdp'));
    expect(file.encoding).toBe('utf-16le-bom');
    expect(file.lineEnding).toBe('crlf');
    expect(stringSetting(file, 'full address')).toBe('rdsh01.corp.example:3390');
    expect(stringSetting(file, 'username')).toBe('CORP\\anna');
    expect(stringSetting(file, 'vendor extension setting')).toBe('kept as is');
    expect(settingsOf(file)).toHaveLength(52);
  });

  it('reads UTF-8 with LF and UTF-8 with BOM and CRLF to the same settings', () => {
    const lf = mustParse(fixture('freerdp-lf.utf8.rdp'));
    const bom = mustParse(fixture('freerdp-crlf.utf8bom.rdp'));
    expect(lf.encoding).toBe('utf-8');
    expect(lf.lineEnding).toBe('lf');
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.lineEnding).toBe('crlf');
    expect(shape(lf)).toEqual(shape(bom));
    expect(stringSetting(lf, 'x-freerdp-custom')).toBe('value:with:colons');
  });

  it('treats names case-insensitively and keeps the spelling', () => {
    const file = mustParse(Buffer.from('Full Address:s:host1\nEnableCredSspSupport:i:0\n'));
    expect(stringSetting(file, 'full address')).toBe('host1');
    expect(settingsOf(file)[1]?.key).toBe('EnableCredSspSupport');
  });

  it('reads UTF-16LE without BOM and Windows-1252 bytes', () => {
    const noBom = mustParse(Buffer.from('full address:s:h\r\n', 'utf16le'));
    expect(noBom.encoding).toBe('utf-16le');
    const ansi = parseRdpBytes(Buffer.from([...Buffer.from('full address:s:h\r\nusername:s:J'), 0xfc, ...Buffer.from('rgen\r\n')]));
    expect(ansi.ok && ansi.file.encoding).toBe('windows-1252');
    expect(ansi.ok && stringSetting(ansi.file, 'username')).toBe('Jürgen');
  });

  it('gives a clear error for binary data, empty files and text that is not .rdp', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    for (const bytes of [png, Buffer.alloc(0), Buffer.from('hello world\nthis is a letter\n'), Buffer.alloc(2_000_000, 0x41)]) {
      const r = parseRdpBytes(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).not.toContain('\n');
        expect(r.error.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('round trip parse → serialize → parse', () => {
  for (const name of FIXTURES) {
    it(`keeps every line and its order: ${name}`, () => {
      const first = mustParse(fixture(name));
      const written = serializeRdp(first);
      expect([...written.subarray(0, 2)]).toEqual([0xff, 0xfe]);
      expect(written.subarray(2).toString('utf16le')).toMatch(/\r\n$/);
      const second = mustParse(written);
      expect(second.encoding).toBe('utf-16le-bom');
      expect(second.lineEnding).toBe('crlf');
      expect(shape(second)).toEqual(shape(first));
    });
  }

  it('writes a UTF-16LE original back byte for byte', () => {
    const original = fixture('mstsc-default.utf16le.rdp');
    expect(serializeRdp(mustParse(original)).equals(original)).toBe(true);
  });

  it('writes UTF-8 with LF on request, byte for byte', () => {
    const original = fixture('freerdp-lf.utf8.rdp');
    expect(serializeRdp(mustParse(original), { encoding: 'utf-8', lineEnding: 'lf' }).equals(original)).toBe(true);
  });
});
