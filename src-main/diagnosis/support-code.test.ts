import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSupportCode, encodeSupportCode, SUPPORT_ALPHABET } from './support-code';
import { CHECK_META, FINDING_META } from '../shared/catalog';
import { CHECK_IDS, CHECK_STATUSES, FINDING_IDS, type CheckId, type FindingId } from '../shared/ids';
import type { CheckResult, Finding } from '../shared/schema';
import { BadInputError } from '../shared/errors';

const check = (id: CheckId, status: CheckResult['status']): CheckResult => ({
  id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary: '', durationMs: 0, evidence: {},
});
const finding = (id: FindingId): Finding => ({
  id, section: FINDING_META[id].section, severity: FINDING_META[id].severity, confidence: 0.5, title: FINDING_META[id].title,
  explanation: '', technical: '', checks: [], fixes: [], evidence: {}, contradictions: [],
});

const reportArb = fc.record({
  findings: fc.uniqueArray(fc.constantFrom(...FINDING_IDS), { maxLength: 6 }).map((ids) => ids.map(finding)),
  checks: fc.uniqueArray(fc.record({ id: fc.constantFrom(...CHECK_IDS), status: fc.constantFrom(...CHECK_STATUSES) }), { selector: (c) => c.id })
    .map((cs) => cs.map((c) => check(c.id, c.status))),
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
        const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort((a, b) => CHECK_IDS.indexOf(a) - CHECK_IDS.indexOf(b));
        expect(decoded.failedChecks).toEqual(failed.slice(0, 7));
      }),
      { numRuns: 500 },
    );
  });

  it('is short for the common case and readable', () => {
    const code = encodeSupportCode({ findings: [finding('certificate-expired')], checks: [check('tls.certificate', 'fail'), check('net.tcp', 'pass')] });
    expect(code.replace(/[^0-9A-Z]/g, '').length - 2).toBeLessThanOrEqual(6);
    expect(decodeSupportCode(code).findings[0]?.title).toBe(FINDING_META['certificate-expired'].title);
    expect(decodeSupportCode(code.toLowerCase().replace(/-/g, ' ')).failedChecks).toEqual(['tls.certificate']);
  });

  it('detects every single misheard character', () => {
    const code = encodeSupportCode({ findings: [finding('certificate-expired'), finding('nla-required-client-disabled')], checks: [check('tls.certificate', 'fail'), check('client.events', 'fail')] });
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
      { numRuns: 200 },
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
      { numRuns: 300 },
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

  it('names the confusable characters in its message', () => {
    expect(() => decodeSupportCode('RD-4K0Q')).toThrow(/never contain 0, O, 1 or I/);
  });
});
