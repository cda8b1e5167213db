import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { decodeSupportCode, encodeSupportCode, SUPPORT_ALPHABET } from './support-code';
import { CHECK_META, FINDING_META } from '../shared/catalog';
import { CHECK_IDS, CHECK_STATUSES, DECODED_CODE_KINDS, FINDING_IDS, FIX_IDS, type CheckId, type FindingId } from '../shared/ids';
import { planOf } from '../shared/action-plan';
import { utcWeekMinute } from '../shared/result-card';
import type { CheckResult, DecodedCode, Finding } from '../shared/schema';
import { BadInputError } from '../shared/errors';

const check = (id: CheckId, status: CheckResult['status']): CheckResult => ({
  id,
  section: CHECK_META[id].section,
  status,
  title: CHECK_META[id].title,
  summary: '',
  durationMs: 0,
  evidence: {},
});
const finding = (id: FindingId): Finding => ({
  id,
  section: FINDING_META[id].section,
  severity: FINDING_META[id].severity,
  confidence: 0.5,
  title: FINDING_META[id].title,
  explanation: '',
  technical: '',
  checks: [],
  fixes: [],
  evidence: {},
  contradictions: [],
});

const decoded = (kind: DecodedCode['kind'], value: number): DecodedCode => ({ kind, value, hex: '', name: '', meaning: '', official: true, notes: [] });

const reportArb = fc.record({
  findings: fc
    .uniqueArray(fc.record({ id: fc.constantFrom(...FINDING_IDS), fixes: fc.uniqueArray(fc.constantFrom(...FIX_IDS), { maxLength: 2 }) }), { maxLength: 6, selector: (f) => f.id })
    .map((fs) => fs.map((f) => ({ ...finding(f.id), fixes: f.fixes }))),
  checks: fc
    .uniqueArray(fc.record({ id: fc.constantFrom(...CHECK_IDS), status: fc.constantFrom(...CHECK_STATUSES) }), { selector: (c) => c.id })
    .map((cs) => cs.map((c) => check(c.id, c.status))),
  startedAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  errorCodes: fc.option(
    fc.array(fc.record({ kind: fc.constantFrom(...DECODED_CODE_KINDS), value: fc.integer({ min: 0, max: 0xffffffff }) }), { maxLength: 2 }).map((codes) => ({
      input: '',
      summary: '',
      corrections: [],
      steer: 'unknown' as const,
      codes: codes.map((c) => decoded(c.kind, c.value)),
    })),
    { nil: null },
  ),
});

describe('support code', () => {
  it('round-trips the top three findings and the failed checks (property)', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const code = encodeSupportCode(report);
        expect(code).toMatch(/^RD-[2-9A-HJ-NP-Z]{1,4}(-[2-9A-HJ-NP-Z]{1,4})*$/);
        const decoded = decodeSupportCode(code);
        expect(decoded.code).toBe(code);
        expect(decoded.findings.map((f) => f.id)).toEqual(report.findings.slice(0, 3).map((f) => f.id));
        const failed = report.checks
          .filter((c) => c.status === 'fail')
          .map((c) => c.id)
          .sort((a, b) => CHECK_IDS.indexOf(a) - CHECK_IDS.indexOf(b));
        expect(decoded.failedChecks).toEqual(failed.slice(0, 7));
        expect(decoded.recommendedFix?.id ?? null).toBe(planOf(report.findings).find((s) => s.isRecommended)?.fixId ?? null);
        expect(decoded.ranAt?.utcWeekMinute).toBe(utcWeekMinute(report.startedAt));
        expect(decoded.errorCodes).toEqual((report.errorCodes?.codes ?? []).map((c) => ({ kind: c.kind, hex: `0x${c.value.toString(16).toUpperCase()}` })));
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('is short for the common case and readable', () => {
    const code = encodeSupportCode({
      findings: [{ ...finding('certificate-expired'), fixes: ['server.renew-certificate'] }],
      checks: [check('tls.certificate', 'fail'), check('net.tcp', 'pass')],
      startedAt: '2026-12-07T14:23:00Z',
    });
    // Cause, failed check, recommended fix and time: ten symbols, read in three groups.
    expect(code.replace(/[^0-9A-Z]/g, '').length - 2).toBeLessThanOrEqual(10);
    expect(decodeSupportCode(code).recommendedFix?.id).toBe('server.renew-certificate');
    expect(decodeSupportCode(code).ranAt).toEqual({ utcWeekMinute: 1 * 1440 + 14 * 60 + 20 });
    expect(decodeSupportCode(code).findings[0]?.title).toBe(FINDING_META['certificate-expired'].title);
    expect(decodeSupportCode(code.toLowerCase().replace(/-/g, ' ')).failedChecks).toEqual(['tls.certificate']);
  });

  it('detects every single misheard character', () => {
    const code = encodeSupportCode({
      findings: [finding('certificate-expired'), finding('nla-required-client-disabled')],
      checks: [check('tls.certificate', 'fail'), check('client.events', 'fail')],
    });
    const body = code.slice(3).replace(/-/g, '');
    for (let i = 0; i < body.length; i++) {
      for (const ch of SUPPORT_ALPHABET) {
        if (ch === body[i]) continue;
        const wrong = body.slice(0, i) + ch + body.slice(i + 1);
        expect(() => decodeSupportCode(wrong), wrong).toThrow(BadInputError);
      }
    }
  });

  it('detects nearly all swapped neighbours and dropped characters', () => {
    let swaps = 0;
    let caught = 0;
    let drops = 0;
    let dropsCaught = 0;
    fc.assert(
      fc.property(reportArb, (report) => {
        const body = encodeSupportCode(report).slice(3).replace(/-/g, '');
        for (let i = 0; i + 1 < body.length; i++) {
          if (body[i] === body[i + 1]) continue;
          swaps++;
          const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
          try {
            decodeSupportCode(swapped);
          } catch (e) {
            if (e instanceof BadInputError) caught++;
            else throw e;
          }
        }
        for (let i = 0; i < body.length; i++) {
          drops++;
          try {
            decodeSupportCode(body.slice(0, i) + body.slice(i + 1));
          } catch (e) {
            if (e instanceof BadInputError) dropsCaught++;
            else throw e;
          }
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
    expect(caught / swaps).toBeGreaterThan(0.95);
    expect(dropsCaught / drops).toBeGreaterThan(0.97);
  });

  it.each(['', 'RD-', 'RD-0OI1', 'hello world', 'RD-4K7Q-2M!', 'RD-' + 'A'.repeat(40)])('rejects %j with BadInputError', (input) => {
    expect(() => decodeSupportCode(input)).toThrow(BadInputError);
  });

  it('reads a code with or without dashes and spaces, the prefix included or left out (property)', () => {
    fc.assert(
      fc.property(reportArb, fc.constantFrom('', ' ', '  '), fc.boolean(), (report, gap, withPrefix) => {
        const code = encodeSupportCode(report);
        const symbols = code.slice(3).replace(/-/g, '');
        const spoken = `${withPrefix ? `RD${gap}` : ''}${[...symbols].join(gap)}`;
        expect(decodeSupportCode(spoken).code).toBe(code);
        expect(decodeSupportCode(spoken.toLowerCase()).code).toBe(code);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('says "misheard" only when the check character fails', () => {
    const code = encodeSupportCode({ findings: [finding('certificate-expired')], checks: [check('tls.certificate', 'fail')] });
    const misheardLast = code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
    expect(() => decodeSupportCode(misheardLast)).toThrow(/misheard/);
    for (const form of [code, code.replace(/-/g, ''), code.replace(/-/g, ' '), ` ${code.toLowerCase()} `]) {
      expect(() => decodeSupportCode(form), form).not.toThrow();
    }
  });

  it('still decodes a code from before it carried the fix, the time and the error codes', () => {
    // Made by the earlier layout for an expired certificate (and a self-signed one noticed), the certificate check failed.
    expect(decodeSupportCode('RD-6FA4-C2')).toEqual({
      code: 'RD-6FA4-C2',
      findings: [
        { id: 'certificate-expired', title: FINDING_META['certificate-expired'].title },
        { id: 'certificate-self-signed', title: FINDING_META['certificate-self-signed'].title },
      ],
      failedChecks: ['tls.certificate'],
      recommendedFix: null,
      ranAt: null,
      errorCodes: [],
    });
  });

  it('carries the dialog pair 0x904 / 0x7', () => {
    const errorCodes = {
      input: '0x904 0x7',
      summary: '',
      corrections: [],
      steer: 'unknown' as const,
      codes: [decoded('disconnect-reason', 0x904), decoded('extended-reason', 0x7)],
    };
    const code = encodeSupportCode({ findings: [], checks: [], startedAt: '2026-12-07T03:59:59Z', errorCodes });
    expect(decodeSupportCode(code)).toMatchObject({
      errorCodes: [
        { kind: 'disconnect-reason', hex: '0x904' },
        { kind: 'extended-reason', hex: '0x7' },
      ],
      ranAt: { utcWeekMinute: 1440 + 3 * 60 + 50 },
    });
  });

  it('names the confusable characters in its message', () => {
    expect(() => decodeSupportCode('RD-4K0Q')).toThrow(/never contain 0, O, 1 or I/);
  });
});
