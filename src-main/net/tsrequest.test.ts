import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { derTotalLength, encodeLength, readTlv } from './der';
import { buildNegotiate } from './ntlm';
import { decodeTsRequest, encodeTsRequest } from './tsrequest';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('encodeTsRequest', () => {
  it('produces the captured Windows 10 first message (MS-CSSP 2.2.1, docs/protocol.md#the-ntlm-identity)', () => {
    const expected = hex('30 37 a0 03 02 01 06 a1 30 30 2e 30 2c a0 2a 04 28 4e 54 4c 4d 53 53 50 00 01 00 00 00 b7 82 08 e2' + '00'.repeat(16) + '0a 00 61 4a 00 00 00 0f');
    expect(Buffer.from(encodeTsRequest(buildNegotiate()))).toEqual(expected);
  });
  it('uses long-form lengths past 127 bytes', () => {
    expect(Array.from(encodeLength(0xc6))).toEqual([0x81, 0xc6]);
    expect(Array.from(encodeLength(0x1234))).toEqual([0x82, 0x12, 0x34]);
  });
});

describe('decodeTsRequest', () => {
  const token = Buffer.alloc(198, 7);
  const serverReply = Buffer.concat([hex('30 81 da a0 03 02 01 06 a1 81 d2 30 81 cf 30 81 cc a0 81 c9 04 81 c6'), token]);
  it('reads the captured server reply header with its 198-byte token (docs/protocol.md#the-ntlm-identity)', () => {
    const r = decodeTsRequest(serverReply);
    expect(r).toMatchObject({ ok: true, value: { version: 6, errorCode: null } });
    expect(r.ok && Buffer.from(r.value.negoTokens[0]!)).toEqual(token);
    expect(derTotalLength(serverReply)).toEqual({ ok: true, value: 0xdd });
  });
  it('reads an errorCode', () => {
    const r = decodeTsRequest(hex('30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d'));
    expect(r).toMatchObject({ ok: true, value: { errorCode: 0xc000006d, negoTokens: [] } });
  });
  it('reports truncation, wrong tags, indefinite lengths and missing versions as errors', () => {
    expect(decodeTsRequest(serverReply.subarray(0, 50))).toMatchObject({ ok: false });
    expect(decodeTsRequest(hex('31 00'))).toMatchObject({ ok: false });
    expect(decodeTsRequest(hex('30 80 00 00'))).toMatchObject({ ok: false, error: expect.stringContaining('indefinite') });
    expect(decodeTsRequest(hex('30 84 ff ff ff ff'))).toMatchObject({ ok: false });
    expect(decodeTsRequest(hex('30 00'))).toMatchObject({ ok: false, error: expect.stringContaining('version') });
    expect(derTotalLength(hex('30'))).toBeNull();
    expect(derTotalLength(hex('30 82 01'))).toBeNull();
  });
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(() => decodeTsRequest(bytes)).not.toThrow();
        expect(() => readTlv(bytes, 0)).not.toThrow();
        expect(() => derTotalLength(bytes)).not.toThrow();
        expect(() => decodeTsRequest(Buffer.concat([hex('30 81 da a0 03 02 01 06'), Buffer.from(bytes)]))).not.toThrow();
      }),
      { numRuns: fuzzRuns(250) },
    );
  });
  it('never throws on a mutated valid message', () => {
    const good = Buffer.from(encodeTsRequest(buildNegotiate()));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), (edits) => {
        const b = Buffer.from(good);
        for (const [i, v] of edits) b[i] = v;
        expect(() => decodeTsRequest(b)).not.toThrow();
      }),
      { numRuns: fuzzRuns(250) },
    );
  });
});
