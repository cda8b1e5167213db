import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { decodeCodes, ARENA_TRASHED_CORRECTION, MAX_DECODE_INPUT } from './decode';
import { DISCONNECT_REASON_ROWS } from '../shared/codes/disconnect-reasons';
import { EXTENDED_REASON_ROWS } from '../shared/codes/extended-reasons';
import { ERROR_INFO_ROWS } from '../shared/codes/error-info';
import { FREERDP_ROWS } from '../shared/codes/freerdp';
import { toHex } from '../shared/codes';
import { DecodeResultSchema } from '../shared/schema';
import { BadInputError } from '../shared/errors';

const ENGLISH =
  "This computer can't connect to the remote computer. Try connecting again. If the problem continues, contact the owner of the remote computer or your network administrator. Error code: 0x904. Extended error code: 0x7. Activity ID: {5c1a8f0e-1234-4abc-9def-0123456789ab}";
const GERMAN = 'Dieser Computer kann keine Verbindung mit dem Remotecomputer herstellen. Fehlercode: 0x904. Erweiterter Fehlercode: 0x7.';

function allText(r: ReturnType<typeof decodeCodes>): string {
  return [r.summary, ...r.codes.map((c) => `${c.name} ${c.meaning} ${c.notes.join(' ')}`)].join(' ').toLowerCase();
}

describe('decodeCodes: the 0x904 / 0x7 pair in every spelling', () => {
  it.each([
    '0x904 0x7',
    '0x904/0x7',
    '2308 7',
    '0X904, 0X7',
    '0x00000904 0x00000007',
    ENGLISH,
    GERMAN,
    "Impossible de se connecter à l'ordinateur distant. Code d'erreur : 0x904. Code d'erreur étendu : 0x7.",
    'Código de error: 0x904. Código de error extendido: 0x7.',
    'このコンピューターはリモート コンピューターに接続できません。エラー コード: 0x904、拡張エラー コード: 0x7',
    'Kod błędu: 2308, rozszerzony kod błędu: 7',
  ])('%s', (input) => {
    const r = decodeCodes(input);
    expect(DecodeResultSchema.parse(r)).toEqual(r);
    expect(r.codes.map((c) => [c.kind, c.value])).toEqual([
      ['disconnect-reason', 0x904],
      ['extended-reason', 7],
    ]);
    expect(allText(r)).toContain('socket closed');
    expect(allText(r)).toContain('server denied the connection');
    expect(r.steer).toBe('server-refusal');
    expect(r.corrections).toContain(ARENA_TRASHED_CORRECTION);
  });

  it('sets the 0x7 myth straight even when 7 is asked alone', () => {
    const r = decodeCodes('0x7');
    expect(r.corrections.join(' ')).toMatch(/not the Win32 error ERROR_ARENA_TRASHED/);
    expect(r.codes.some((c) => c.name === 'exDiscReasonServerDeniedConnection')).toBe(true);
    expect(r.codes.some((c) => c.name === 'XF_EXIT_CONN_DENIED')).toBe(true);
  });

  it('names the expired certificate for 0x1B07', () => {
    const r = decodeCodes('0x1B07');
    expect(r.codes[0]).toMatchObject({ name: 'SSL_ERR_CERT_EXPIRED', kind: 'disconnect-reason', value: 6919 });
    expect(allText(r)).toMatch(/certificate.*expired/);
    expect(r.steer).toBe('server-refusal');
  });

  it.each(['RDP ClientActiveX has been disconnected (Reason= 2308)', 'RDP ClientActiveX wurde getrennt. (Grund= 2308)'])(
    'reads an event 1026 line as an event reason: %s',
    (line) => {
      const r = decodeCodes(line);
      expect(r.codes).toHaveLength(1);
      expect(r.codes[0]).toMatchObject({ kind: 'event-reason', value: 2308, name: 'disconnectReasonAtClientWinsockFDCLOSE' });
    },
  );

  it('reads FreeRDP log names and xfreerdp exit codes', () => {
    expect(decodeCodes('ERRCONNECT_CONNECT_TRANSPORT_FAILED [0x0002000D]').codes[0]?.name).toBe('ERRCONNECT_CONNECT_TRANSPORT_FAILED');
    expect(decodeCodes('131').codes.map((c) => c.name)).toContain('XF_EXIT_CONN_FAILED');
    expect(decodeCodes('133').codes.map((c) => c.name)).toContain('XF_EXIT_NEGO_FAILURE');
  });

  it('re-reads bare digits as hex when the decimal reading is unknown (904 means 0x904)', () => {
    const r = decodeCodes('904 7');
    expect(r.codes[0]?.value).toBe(0x904);
    expect(r.codes[0]?.notes.join(' ')).toMatch(/read as hex 0x904/);
  });

  it('marks unofficial codes as such', () => {
    const r = decodeCodes('2825');
    expect(r.codes[0]).toMatchObject({ value: 0xb09, official: false });
    expect(r.codes[0]?.notes.join(' ')).toMatch(/Not documented by Microsoft/);
  });

  it('keeps an unknown pair member visible instead of dropping it', () => {
    const r = decodeCodes('0x904 0x8888');
    expect(r.codes[1]?.value).toBe(0x8888);
    expect(r.codes[1]?.name).toBe('unknown');
    expect(r.codes[1]?.official).toBe(false);
    // 0x7777 lies in the protocol range Microsoft documents: a documented reading, not an unknown one.
    expect(decodeCodes('0x904 0x7777').codes[1]).toMatchObject({ name: 'exDiscReasonProtocolRange', official: true });
  });
});

describe('decodeCodes: every table row decodes to its own name', () => {
  it.each(DISCONNECT_REASON_ROWS.map((r) => [toHex(r.value), r.name] as const))('disconnect reason %s = %s', (hex, name) => {
    expect(decodeCodes(`${hex} 0x0`).codes[0]?.name).toBe(name);
  });
  it.each(EXTENDED_REASON_ROWS.map((r) => [toHex(r.value), r.name] as const))('extended reason %s = %s', (hex, name) => {
    expect(decodeCodes(`0x904 ${hex}`).codes[1]?.name).toBe(name);
  });
  it.each(ERROR_INFO_ROWS.map((r) => [toHex(r.value), r.name] as const))('error info %s = %s', (hex, name) => {
    expect(decodeCodes(hex).codes.map((c) => c.name)).toContain(name);
  });
  it.each(FREERDP_ROWS.map((r) => [r.value, r.name] as const))('FreeRDP %d = %s', (value, name) => {
    expect(decodeCodes(String(value)).codes.map((c) => c.name)).toContain(name);
  });
});

describe('decodeCodes: bad input', () => {
  it.each([
    '',
    '   ',
    '0x90G',
    '12abc',
    '0x',
    '0x904 0x7 0x1',
    '99999999999',
    'no numbers here at all',
    '0x1234567890',
    'ERRINFO_NOT_A_REAL_CODE happened',
    '[0x0001000G]',
    '[0x000100070]',
  ])('rejects %j with one clear line', (input) => {
    expect(() => decodeCodes(input)).toThrow(BadInputError);
    try {
      decodeCodes(input);
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('rejects huge input quickly', () => {
    const started = Date.now();
    expect(() => decodeCodes('0x904 '.repeat(200_000))).toThrow(BadInputError);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('never throws anything but BadInputError, and stays fast (fuzz)', () => {
    const codeish = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: MAX_DECODE_INPUT + 50 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom('0x', 'Code:', 'Fehlercode', 'Reason=', '/', ' ', '{', '-', ')', 'ERRCONNECT_'),
            fc.nat().map(String),
            fc.nat().map((n) => n.toString(16)),
          ),
          { maxLength: 40 },
        )
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(codeish, (input) => {
        const started = performance.now();
        try {
          DecodeResultSchema.parse(decodeCodes(input));
        } catch (e) {
          if (!(e instanceof BadInputError)) throw e;
        }
        return performance.now() - started < 100;
      }),
      { numRuns: fuzzRuns(400) },
    );
  });
});
