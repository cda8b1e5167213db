import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { readChallenge } from './credssp-probe';

/** TSRequest recorded from freerdp-shadow-cli (/sec:nla) on a host named "vm", answering our NEGOTIATE. */
const SHADOW_REPLY = Buffer.from(
  '30819fa003020106a17430723070a06e046c4e544c4d53535000020000000400040038000000b78288e283054dd4c06cb437' +
    '0000000000000000300030003c0000000601b11d0000000f56004d000200040056004d000100040056004d00040004007600' +
    '6d000300040076006d00070008000054024d307add0100000000a522042080100b88c5bb2d5f45e6a6a1f036505961f666a0' +
    '1a6cc0ff822d58164e1a911e',
  'hex',
);

describe('readChallenge', () => {
  it('reads the recorded FreeRDP reply', () => {
    const r = readChallenge(SHADOW_REPLY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.version).toBe(6);
    expect(r.challenge).toMatchObject({
      targetName: 'VM',
      netbiosComputer: 'VM',
      netbiosDomain: 'VM',
      dnsComputer: 'vm',
      dnsDomain: 'vm',
      version: { major: 6, minor: 1, build: 7601, revision: 15 },
      avIds: [2, 1, 4, 3, 7, 0],
    });
    expect(r.challenge.timestamp?.toISOString()).toBe('2026-11-22T03:19:36.000Z');
  });
  it('reports a CredSSP error code instead of a token', () => {
    const r = readChallenge(Buffer.from('300da003020106a4060204c000006d', 'hex'));
    expect(r).toEqual({ ok: false, error: 'the server answered with CredSSP error 0xc000006d' });
  });
  it('says so when the token is not NTLM', () => {
    const r = readChallenge(Buffer.from('3011a003020106a10a30083006a0040402abcd', 'hex'));
    expect(r).toEqual({ ok: false, error: 'the CredSSP reply carries no NTLM message' });
  });
  it('never throws on random or mutated input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(typeof readChallenge(b).ok).toBe('boolean');
      }),
      { numRuns: fuzzRuns(250) },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(SHADOW_REPLY.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const b = Buffer.from(SHADOW_REPLY);
        for (const [i, v] of edits) b[i] = v;
        expect(typeof readChallenge(b).ok).toBe('boolean');
      }),
      { numRuns: fuzzRuns(250) },
    );
  });
});
