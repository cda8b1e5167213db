import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { buildNegotiate, findNtlmSignature, parseChallenge } from './ntlm';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const NAME = '660076002d0061007a00340031002d00360033003700'; // "fv-az41-637" UTF-16LE, 22 bytes
const av = (id: number, valueHex: string): string => {
  const len = valueHex.length / 2;
  return [id & 0xff, id >> 8, len & 0xff, len >> 8].map((b) => b.toString(16).padStart(2, '0')).join('') + valueHex;
};

/** A captured 198-byte CHALLENGE (MS-NLMP 2.2.1.2), laid out field by field. */
const CAPTURE = hex(
  '4e544c4d53535000' +
    '02000000' + // signature, type 2
    '1600' +
    '1600' +
    '38000000' + // TargetName len 22, max 22, offset 56
    '35828ae2' + // flags 0xE28A8235
    '0123456789abcdef' +
    '0000000000000000' + // server challenge, reserved
    '7800' +
    '7800' +
    '4e000000' + // TargetInfo len 120 at 78
    '0a0063450000000f' + // Version 10.0.17763 rev 15
    NAME +
    av(2, NAME) +
    av(1, NAME) +
    av(4, NAME) +
    av(3, NAME) +
    av(7, '00631ced7003d701') +
    av(0, ''),
);

describe('buildNegotiate', () => {
  it('is byte-identical to the captured Windows 10 NEGOTIATE (MS-NLMP 2.2.1.1)', () => {
    expect(buildNegotiate()).toEqual(hex('4e544c4d53535000 01000000 b7820 8e2'.replace(/ /g, '') + '00'.repeat(16) + '0a00614a0000000f'));
  });
});

describe('parseChallenge on the capture', () => {
  it('reads names, version and server time', () => {
    expect(CAPTURE.length).toBe(198);
    const r = parseChallenge(CAPTURE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      targetName: 'fv-az41-637',
      flags: 0xe28a8235,
      netbiosComputer: 'fv-az41-637',
      netbiosDomain: 'fv-az41-637',
      dnsComputer: 'fv-az41-637',
      dnsDomain: 'fv-az41-637',
      dnsTree: null,
      version: { major: 10, minor: 0, build: 17763, revision: 15 },
      avIds: [2, 1, 4, 3, 7, 0],
      warnings: [],
    });
    expect(r.value.timestamp?.toISOString()).toBe('2021-02-15T08:02:38.000Z');
  });
  it('finds the message inside a wrapper', () => {
    expect(findNtlmSignature(Buffer.concat([hex('a0 81 c9 04 81 c6'), CAPTURE]))).toBe(6);
  });
  it('omits the version when the flag is not set', () => {
    const b = Buffer.from(CAPTURE);
    b.writeUInt32LE(0xe08a8235, 20);
    const r = parseChallenge(b);
    expect(r.ok && r.value.version).toBeNull();
  });
});

describe('parseChallenge on hostile input', () => {
  it('rejects truncation, a wrong signature and a wrong type', () => {
    expect(parseChallenge(CAPTURE.subarray(0, 40))).toMatchObject({ ok: false });
    expect(parseChallenge(Buffer.concat([hex('00'), CAPTURE.subarray(1)]))).toMatchObject({ ok: false, error: expect.stringContaining('signature') });
    const t = Buffer.from(CAPTURE);
    t[8] = 3;
    expect(parseChallenge(t)).toMatchObject({ ok: false, error: expect.stringContaining('type 3') });
  });
  it('survives bogus offsets with a warning instead of reading outside the message', () => {
    const b = Buffer.from(CAPTURE);
    b.writeUInt32LE(0xfffffff0, 44); // TargetInfo offset far past the end
    b.writeUInt32LE(190, 16); // TargetName runs past the end
    const r = parseChallenge(b);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.targetName).toBeNull();
    expect(r.value.netbiosComputer).toBeNull();
    expect(r.value.warnings.join(' ')).toMatch(/TargetInfo.*outside/);
  });
  it('stops on an AV pair longer than TargetInfo', () => {
    const b = Buffer.from(CAPTURE);
    b.writeUInt16LE(0xffff, 78 + 2);
    const r = parseChallenge(b);
    expect(r.ok && r.value.warnings.join(' ')).toMatch(/past the end/);
  });
  it('keeps the first of duplicate pairs and caps an endless list', () => {
    const list = av(1, '41004100') + av(1, '42004200') + av(6, '00000000').repeat(200);
    const info = hex(list);
    const head = hex('4e544c4d53535000 02000000 0000 0000 38000000 35828a60 0000000000000000 0000000000000000'.replace(/ /g, ''));
    const fields = Buffer.alloc(8);
    fields.writeUInt16LE(info.length, 0);
    fields.writeUInt16LE(info.length, 2);
    fields.writeUInt32LE(48, 4);
    const r = parseChallenge(Buffer.concat([head, fields, info]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.netbiosComputer).toBe('AA');
    expect(r.value.avIds.length).toBe(64);
    expect(r.value.warnings.join(' ')).toMatch(/duplicate AV pair 1.*stopped after 64/);
  });
  it('never throws on random bytes, with or without a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => parseChallenge(bytes)).not.toThrow();
        expect(() => parseChallenge(Buffer.concat([CAPTURE.subarray(0, 12), Buffer.from(bytes)]))).not.toThrow();
      }),
      { numRuns: fuzzRuns(250) },
    );
  });
  it('never throws when the capture is mutated', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(197), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), (edits) => {
        const b = Buffer.from(CAPTURE);
        for (const [i, v] of edits) b[i] = v;
        const r = parseChallenge(b);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: fuzzRuns(250) },
    );
  });
});
