import { describe, expect, it } from 'vitest';
import { displayText, displayTextDeep, escapeJsonText } from './display-text';

describe('displayText', () => {
  it('escapes bidi embeddings, overrides, isolates and marks', () => {
    expect(displayText('invoice\u202Etxt.exe')).toBe('invoice[U+202E]txt.exe');
    for (const ch of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(displayText(`a${ch}b`)).toBe(`a[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]b`);
    }
  });

  it('escapes invisible characters: zero-width, BOM, soft hyphen, separators, tags', () => {
    expect(displayText('ad\u200Bmin\u200C\u200D\u2060\uFEFF\u00AD')).toBe('ad[U+200B]min[U+200C][U+200D][U+2060][U+FEFF][U+00AD]');
    expect(displayText('a\u2028b\u2029c')).toBe('a[U+2028]b[U+2029]c');
    expect(displayText('x\u{E0041}y')).toBe('x[U+E0041]y');
  });

  it('escapes C0 and C1 controls and a lone CR, keeps tab and line feed, turns CRLF into LF', () => {
    expect(displayText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009bg')).toBe('a[U+0000]b[U+0007]c[U+001B]d[U+007F]e[U+0085]f[U+009B]g');
    expect(displayText('line 1\r\nline 2\n\tend\rover')).toBe('line 1\nline 2\n\tend[U+000D]over');
  });

  it('leaves ordinary text of any script alone', () => {
    const text = 'Müller-PC, 東京, שלום, مرحبا, “quotes” – 0x904 ✓';
    expect(displayText(text)).toBe(text);
  });

  it('applies to every string of a reply, keys included, and leaves other values alone', () => {
    const reply = { name: 'a\u202Eb', list: ['ok', 'c\u200Bd'], nested: { ['k\u202E']: 1, flag: true, none: null } };
    expect(displayTextDeep(reply)).toEqual({ name: 'a[U+202E]b', list: ['ok', 'c[U+200B]d'], nested: { 'k[U+202E]': 1, flag: true, none: null } });
    expect(displayTextDeep(42)).toBe(42);
  });
});

describe('escapeJsonText', () => {
  it('writes hidden characters as \\u escapes that parse back to the same data', () => {
    const value = { name: 'invoice\u202Etxt.exe', tag: 'x\u{E0041}', sep: 'a\u2028b', c1: '\u0085', plain: 'Müller' };
    const json = escapeJsonText(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(/[\u202E\u2028\u0085]|[\uDB40]/);
    expect(json).toContain('invoice\\u202etxt.exe');
    expect(json).toContain('x\\udb40\\udc41');
    expect(json).toContain('Müller');
    expect(JSON.parse(json)).toEqual(value);
  });
});
