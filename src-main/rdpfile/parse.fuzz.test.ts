import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { describe, expect, it } from 'vitest';
import { parseRdpBytes } from './parse';
import { serializeRdp } from './serialize';
import { cleanCopyOfFile } from './clean-copy';
import { checkRdpFileBytes } from './summary';
import { BadInputError } from '../shared/errors';
import type { RdpFile } from './types';

const runs = fuzzRuns(150);
const shape = (f: RdpFile) => f.lines.map((l) => (l.kind === 'setting' ? `${l.key}|${l.type}|${l.value}` : `#${l.text}`));

const key = fc.stringMatching(/^[a-z][a-z ]{0,20}$/);
const settingLine = fc
  .oneof(
    fc.tuple(
      key,
      fc.constant('s'),
      fc.string({ unit: 'grapheme', maxLength: 30 }).filter((v) => !/[\r\n\u0000-\u001f\u007f]/.test(v)),
    ),
    fc.tuple(key, fc.constant('i'), fc.integer().map(String)),
    fc.tuple(
      key,
      fc.constant('b'),
      fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b).toString('hex')),
    ),
  )
  .map(([k, t, v]) => `${k}:${t}:${v}`);

describe('parser fuzz', () => {
  it('never throws on random bytes, and answers with a file or one clear line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const r = parseRdpBytes(bytes);
        if (!r.ok) expect(r.error).toMatch(/^[^\n]{10,300}$/);
        const check = checkRdpFileBytes(bytes, 'fuzz.rdp');
        expect(check.summary.name).toBe('fuzz.rdp');
      }),
      { numRuns: runs },
    );
  });

  it('rejects random binary blobs (with BOMs in front, too) as not a .rdp file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 4096 }), fc.constantFrom([], [0xff, 0xfe], [0xef, 0xbb, 0xbf]), (bytes, bom) => {
        const r = parseRdpBytes(Uint8Array.from([...bom, ...bytes]));
        expect(r.ok).toBe(false);
      }),
      { numRuns: runs },
    );
  });

  it('round-trips any well-formed file through UTF-16LE', () => {
    fc.assert(
      fc.property(fc.array(settingLine, { minLength: 1, maxLength: 30 }), fc.constantFrom('\r\n', '\n'), (lines, eol) => {
        const first = parseRdpBytes(Buffer.from(lines.join(eol) + eol, 'utf8'));
        if (!first.ok) throw new Error(first.error);
        const second = parseRdpBytes(serializeRdp(first.file));
        if (!second.ok) throw new Error(second.error);
        expect(shape(second.file)).toEqual(shape(first.file));
      }),
      { numRuns: runs },
    );
  });

  it('never shows a password, whatever the file around it and however its line is written', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9!&%$#]{8,20}$/).map((v) => `Zq${v}`);
    const passwordLine = fc.tuple(
      fc.constantFrom('password', 'Password', 'clear password', 'password 51', 'gatewaypassword'),
      fc.constantFrom('s', 'i', 'b', 'x'),
      fc.constantFrom(':', '=', ' : '),
    );
    fc.assert(
      fc.property(fc.array(settingLine, { maxLength: 10 }), passwordLine, secret, fc.array(settingLine, { maxLength: 10 }), (before, [name, type, sep], value, after) => {
        const line = sep === ':' ? `${name}:${type}:${value}` : `${name}${sep}${value}`;
        const text = [...before, line, ...after, `selectedmonitors:s:1,2${line}`].join('\r\n');
        const check = checkRdpFileBytes(Buffer.from(text), 'fuzz.rdp');
        expect(JSON.stringify(check.summary)).not.toContain(value);
        expect(JSON.stringify(check.issues)).not.toContain(value);
        if (check.file && check.summary.target) expect(cleanCopyOfFile(check.file, { fallback: false }).text).not.toContain(value);
      }),
      { numRuns: runs },
    );
  });

  it('makes a clean copy of any well-formed file, or says in one line why not; the copy parses again', () => {
    fc.assert(
      fc.property(fc.array(settingLine, { minLength: 1, maxLength: 30 }), fc.boolean(), (lines, fallback) => {
        const parsed = parseRdpBytes(Buffer.from(lines.join('\n')));
        if (!parsed.ok) return;
        try {
          const copy = cleanCopyOfFile(parsed.file, { fallback });
          expect(parseRdpBytes(copy.bytes).ok).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(BadInputError);
          expect((error as Error).message).toMatch(/^[^\n]+$/);
        }
      }),
      { numRuns: runs },
    );
  });
});
