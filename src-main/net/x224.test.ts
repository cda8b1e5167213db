import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { buildConnectionRequest, parseConnectionConfirm, previewBytes, readTpktHeader } from './x224';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('buildConnectionRequest (MS-RDPBCGR 2.2.1.1, docs/protocol.md#tpkt-and-x224-framing)', () => {
  it('matches the spec example 4.1.1 with cookie "eltons" and protocols 0', () => {
    const expected = Buffer.concat([hex('0300002c27e00000000000'), Buffer.from('Cookie: mstshash=eltons\r\n'), hex('0100080000000000')]);
    expect(buildConnectionRequest(0, 'eltons').toString('hex')).toBe(expected.toString('hex'));
  });
  it('matches the captured cookie-less request for SSL|HYBRID|HYBRID_EX', () => {
    expect(buildConnectionRequest(0x0b)).toEqual(hex('03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 0b 00 00 00'));
  });
  it('matches the captured request with cookie "runneradm"', () => {
    expect(buildConnectionRequest(0x0b, 'runneradm')).toEqual(
      hex('03 00 00 2f 2a e0 00 00 00 00 00 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 72 75 6e 6e 65 72 61 64 6d 0d 0a 01 00 08 00 0b 00 00 00'),
    );
  });
  it('refuses a cookie that could inject CR LF', () => {
    expect(() => buildConnectionRequest(0, 'a\r\nb')).toThrow(RangeError);
  });
});

describe('parseConnectionConfirm', () => {
  it('reads the spec example 4.1.2 as PROTOCOL_RDP selected', () => {
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 00 00 00 00'))).toEqual({
      kind: 'selected',
      protocol: 0,
      protocolName: 'RDP',
      flags: 0,
    });
  });
  it('reads the Windows capture as HYBRID_EX with flags 0x1F', () => {
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 08 00 00 00'))).toEqual({
      kind: 'selected',
      protocol: 8,
      protocolName: 'HYBRID_EX',
      flags: 0x1f,
    });
  });
  it('reads SSL selected', () => {
    const r = parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00'));
    expect(r).toMatchObject({ kind: 'selected', protocolName: 'SSL' });
  });
  it.each([
    [1, 'SSL_REQUIRED_BY_SERVER'],
    [2, 'SSL_NOT_ALLOWED_BY_SERVER'],
    [3, 'SSL_CERT_NOT_ON_SERVER'],
    [5, 'HYBRID_REQUIRED_BY_SERVER'],
    [6, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER'],
    [9, 'UNKNOWN_FAILURE_9'],
  ])('names failure code %i', (code, name) => {
    const bytes = hex('03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00');
    bytes[15] = code;
    expect(parseConnectionConfirm(bytes)).toEqual({ kind: 'failure', code, codeName: name });
  });
  it('does not read a 12–18-byte confirm as the 11-byte legacy one', () => {
    for (let length = 12; length <= 18; length++) {
      const packet = Buffer.alloc(length);
      hex('03 00 00 00 00 d0 00 00 12 34 00').copy(packet);
      packet[3] = length;
      packet[4] = length - 5;
      expect(parseConnectionConfirm(packet)).toMatchObject({ kind: 'non-rdp', reason: expect.stringContaining(`${length}-byte`) });
    }
  });

  it('reads the 11-byte confirm without negotiation data as legacy', () => {
    expect(parseConnectionConfirm(hex('03 00 00 0b 06 d0 00 00 00 00 00'))).toEqual({ kind: 'legacy' });
  });
  it('calls an HTTP reply non-RDP', () => {
    expect(parseConnectionConfirm(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'))).toMatchObject({ kind: 'non-rdp' });
  });
  it('calls TPKT length 0 and 65535 non-RDP', () => {
    expect(parseConnectionConfirm(hex('03 00 00 00 0e d0 00 00 12 34 00'))).toMatchObject({ kind: 'non-rdp', reason: expect.stringContaining('length 0') });
    expect(readTpktHeader(hex('03 00 ff ff'))).toMatchObject({ ok: false, reason: expect.stringContaining('65535') });
  });
  it('calls a truncated confirm non-RDP', () => {
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 02'))).toMatchObject({ kind: 'non-rdp' });
    expect(parseConnectionConfirm(hex('03 00'))).toMatchObject({ kind: 'non-rdp' });
  });
  it('calls a disconnect a rejection and odd negotiation types non-RDP', () => {
    expect(parseConnectionConfirm(hex('03 00 00 0b 06 80 00 00 00 00 00'))).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('Disconnect') });
    // xrdp's answer to an RDSAAD request: MCS Disconnect Provider Ultimatum in an X.224 data TPDU.
    expect(parseConnectionConfirm(hex('03 00 00 09 02 f0 80 21 80'))).toMatchObject({ kind: 'rejected' });
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 07 00 08 00 01 00 00 00'))).toMatchObject({ kind: 'non-rdp' });
  });
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = parseConnectionConfirm(bytes);
        expect(['selected', 'failure', 'legacy', 'rejected', 'non-rdp']).toContain(r.kind);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });
  it('never throws on random bytes behind a valid TPKT header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 15 }), (tail) => {
        const bytes = Buffer.concat([hex('03 00 00 13'), Buffer.from(tail)]);
        expect(() => parseConnectionConfirm(bytes)).not.toThrow();
      }),
    );
  });
});

describe('previewBytes', () => {
  it('shows text as text and binary as hex', () => {
    expect(previewBytes(Buffer.from('HTTP/1.1 200 OK\r\n'))).toBe('HTTP/1.1 200 OK..');
    expect(previewBytes(hex('16 03 01'))).toBe('16 03 01');
  });
});
