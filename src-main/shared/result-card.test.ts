import { describe, expect, it } from 'vitest';
import { decodeSupportCode, encodeSupportCode } from '../diagnosis/support-code';
import { CHECK_META, FINDING_META } from './catalog';
import type { CheckId, FindingId } from './ids';
import { resultCardOfCode, resultCardOfReport, weekMinuteWords } from './result-card';
import type { Finding, Report } from './schema';

const finding = (id: FindingId, fixes: Finding['fixes'] = []): Finding => ({
  id,
  section: FINDING_META[id].section,
  severity: FINDING_META[id].severity,
  confidence: 0.9,
  title: FINDING_META[id].title,
  explanation: '',
  technical: '',
  checks: [],
  fixes,
  evidence: {},
  contradictions: [],
});
const check = (id: CheckId, status: 'pass' | 'fail') => ({ id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary: '', durationMs: 0, evidence: {} });

function report(findings: Finding[], checks: ReturnType<typeof check>[], codes: [number, number] | null): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'rdp-doctor', version: '0' },
    target: { input: 'pc-042:3390', host: 'pc-042', port: 3390, addresses: [] },
    startedAt: '2026-12-07T14:27:31Z',
    durationMs: 1,
    environment: { platform: 'linux', replay: null, node: '20' },
    errorCodes: codes && {
      input: '',
      summary: '',
      corrections: [],
      steer: 'unknown',
      codes: [
        { kind: 'disconnect-reason', value: codes[0], hex: '', name: '', meaning: '', official: true, notes: [] },
        { kind: 'extended-reason', value: codes[1], hex: '', name: '', meaning: '', official: true, notes: [] },
      ],
    },
    checks,
    findings,
    fixesApplied: [],
  } as Report;
}

describe('result card', () => {
  it('reads the same on the user’s screen and from the code the helpdesk typed, but for the computer', () => {
    const r = report(
      [finding('certificate-expired', ['server.renew-certificate']), finding('certificate-self-signed')],
      [check('tls.certificate', 'fail'), check('net.tcp', 'pass')],
      [0x904, 0x7],
    );
    const mine = resultCardOfReport(r);
    expect(mine).toEqual({
      computer: 'pc-042:3390',
      ranAt: 'Monday 14:20–14:30 UTC',
      errorCodes: '0x904 / 0x7',
      cause: "The server's certificate has expired",
      also: ['The certificate is self-signed'],
      failedChecks: [{ step: '3.1', title: 'Server certificate' }],
      recommendedFix: 'Renew the RDP certificate',
    });
    const theirs = resultCardOfCode(decodeSupportCode(encodeSupportCode(r).replace(/-/g, '').toLowerCase()));
    expect(theirs).toEqual({ ...mine, computer: null });
  });

  it('a healthy run has no cause: what was noticed is not called one', () => {
    const card = resultCardOfReport(report([finding('certificate-self-signed')], [check('tls.certificate', 'pass')], null));
    expect(card).toMatchObject({ cause: null, also: ['The certificate is self-signed'], recommendedFix: null, errorCodes: null, failedChecks: [] });
    expect(resultCardOfCode(decodeSupportCode(encodeSupportCode(report([finding('certificate-self-signed')], [], null))))).toMatchObject({
      cause: null,
      also: ['The certificate is self-signed'],
    });
  });

  it('says the ten minutes across midnight and the week’s end', () => {
    expect(weekMinuteWords(6 * 1440 + 23 * 60 + 50)).toBe('Saturday 23:50–00:00 UTC');
    expect(weekMinuteWords(0)).toBe('Sunday 00:00–00:10 UTC');
  });
});
