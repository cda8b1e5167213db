import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from './schema';
import { isHealthy, isProblem, NO_PROBLEM_HEADLINE, UNCLEAR_HEADLINE, verdictOf } from './verdict';

const finding = (id: Finding['id'], severity: Finding['severity'], confidence = 0.8): Finding => ({
  id,
  section: 'certificates',
  severity,
  confidence,
  title: `title of ${id}`,
  explanation: `explanation of ${id}`,
  technical: '',
  checks: [],
  fixes: [],
  evidence: {},
  contradictions: [],
});

const check = (id: CheckResult['id'], status: CheckResult['status']): Pick<CheckResult, 'id' | 'status'> => ({ id, status });

describe('verdictOf', () => {
  it('names the first finding of medium or above as the cause, even after a more confident info finding', () => {
    const list = [finding('certificate-self-signed', 'info', 0.99), finding('certificate-expired', 'high'), finding('pending-reboot', 'low')];
    const v = verdictOf(list);
    expect(v.kind).toBe('cause');
    expect(v.cause?.id).toBe('certificate-expired');
    expect(v.headline).toBe('title of certificate-expired');
    expect(v.summary).toBe('explanation of certificate-expired');
    expect(v.noticed.map((f) => f.id)).toEqual(['certificate-self-signed', 'pending-reboot']);
  });

  it('a medium finding is a cause', () => {
    expect(verdictOf([finding('certificate-name-mismatch', 'medium', 0.3)]).cause?.id).toBe('certificate-name-mismatch');
  });

  it('only info and low findings: no cause, "No problem found", and they are things noticed', () => {
    const v = verdictOf([finding('certificate-self-signed', 'info'), finding('vpn-active', 'low')], [check('rdp.negotiation', 'pass')], { host: 'rdp-lab.example', port: 3389 });
    expect(v.kind).toBe('no-problem');
    expect(v.cause).toBeNull();
    expect(v.headline).toBe(NO_PROBLEM_HEADLINE);
    expect(v.noticed.map((f) => f.id)).toEqual(['certificate-self-signed', 'vpn-active']);
    expect(v.summary).toMatch(/^Remote Desktop on rdp-lab\.example answers and its security is in order\. If it still fails, /);
  });

  it('says "answers" only when the negotiation passed, and names a port that is not the default', () => {
    const v = verdictOf([], [check('rdp.negotiation', 'skip')], { host: 'rdp-host01', port: 3390 });
    expect(v.summary).toMatch(/^Nothing that could be checked on rdp-host01:3390 points to a problem\./);
    expect(verdictOf([], [check('rdp.negotiation', 'pass')], { host: '::1', port: 3390 }).summary).toContain('on [::1]:3390 answers');
  });

  it('failed or errored checks without a cause are "No single cause identified", with those checks', () => {
    const v = verdictOf(
      [finding('certificate-self-signed', 'info')],
      [check('net.tcp', 'pass'), check('tls.handshake', 'fail'), check('client.versions', 'error'), check('client.vpn', 'skip')],
    );
    expect(v.kind).toBe('unclear');
    expect(v.headline).toBe(UNCLEAR_HEADLINE);
    expect(v.failedChecks).toEqual(['tls.handshake', 'client.versions']);
    expect(v.cause).toBeNull();
  });

  it('isProblem and isHealthy agree with the verdict at every severity', () => {
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      const list = [finding('clock-skew', severity)];
      expect(isProblem(list[0]!)).toBe(severity === 'critical' || severity === 'high' || severity === 'medium');
      expect(isHealthy(list)).toBe(verdictOf(list).kind !== 'cause');
    }
    expect(isHealthy([])).toBe(true);
  });
});
