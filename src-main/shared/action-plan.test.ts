import { describe, expect, it } from 'vitest';
import { planOf } from './action-plan';
import type { Finding } from './schema';

const finding = (id: Finding['id'], severity: Finding['severity'], fixes: Finding['fixes']): Finding => ({
  id,
  section: 'certificates',
  severity,
  confidence: 0.8,
  title: `title of ${id}`,
  explanation: '',
  technical: '',
  checks: [],
  fixes,
  evidence: {},
  contradictions: [],
});

describe('planOf', () => {
  it('offers each fix once, the cause’s fix first and recommended, with the findings it answers', () => {
    const plan = planOf([
      finding('server-certificate-expired', 'critical', ['server.reset-machinekeys-acl', 'server.renew-certificate']),
      finding('server-certificate-key-inaccessible', 'critical', ['server.repair-key-permissions', 'server.reset-machinekeys-acl']),
    ]);
    expect(plan.map((s) => s.fixId)).toEqual(['server.reset-machinekeys-acl', 'server.renew-certificate', 'server.repair-key-permissions']);
    expect(plan.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(plan[0]).toMatchObject({
      isRecommended: true,
      answers: ['server-certificate-expired', 'server-certificate-key-inaccessible'],
      where: 'the remote computer',
      after: null,
    });
    expect(plan.filter((s) => s.isRecommended)).toHaveLength(1);
  });

  it('repairing MachineKeys comes before renewing the certificate, and the renewal says so', () => {
    // The rule lists the renewal first; the plan still puts the repair it needs before it.
    const plan = planOf([
      finding('server-certificate-expired', 'critical', ['server.renew-certificate']),
      finding('server-certificate-key-inaccessible', 'high', ['server.reset-machinekeys-acl']),
    ]);
    expect(plan.map((s) => s.fixId)).toEqual(['server.reset-machinekeys-acl', 'server.renew-certificate']);
    const renew = plan[1]!;
    expect(renew.after?.steps).toEqual([1]);
    expect(renew.after?.why).toMatch(/^After step 1: Windows cannot create the new certificate’s key until the MachineKeys permissions are repaired\.$/);
    // The renewal answers the cause, so it is the recommended fix even though the repair must come first.
    expect(renew.isRecommended).toBe(true);
    expect(plan[0]!.isRecommended).toBe(false);
  });

  it('without the MachineKeys repair in the plan, the renewal waits for nothing', () => {
    const plan = planOf([finding('certificate-expired', 'high', ['server.renew-certificate'])]);
    expect(plan).toEqual([expect.objectContaining({ number: 1, fixId: 'server.renew-certificate', after: null, isRecommended: true })]);
  });

  it('fixes that lower security come last, with their cost, even when they answer the cause', () => {
    const plan = planOf([
      finding('credssp-oracle-mismatch', 'high', ['client.credssp-oracle']),
      finding('saved-credentials-stale', 'medium', ['credentials.clear']),
      finding('nla-required-client-disabled', 'medium', ['rdpfile.generate-clean', 'server.disable-nla']),
      finding('client-udp-unstable', 'low', ['client.disable-udp']),
    ]);
    expect(plan.map((s) => s.fixId)).toEqual(['credentials.clear', 'client.disable-udp', 'client.credssp-oracle', 'rdpfile.generate-clean', 'server.disable-nla']);
    expect(plan.slice(0, 2).every((s) => s.securityCost === null)).toBe(true);
    expect(plan.slice(2).every((s) => (s.securityCost ?? '').length > 20)).toBe(true);
    expect(plan.find((s) => s.isRecommended)?.fixId).toBe('client.credssp-oracle');
    expect(plan.find((s) => s.fixId === 'client.disable-udp')?.isOptional).toBe(true);
    expect(plan.find((s) => s.fixId === 'credentials.clear')?.isOptional).toBe(false);
  });

  it('information-level findings offer nothing, and a healthy result has only optional steps', () => {
    expect(planOf([finding('certificate-self-signed', 'info', ['server.renew-certificate'])])).toEqual([]);
    const plan = planOf([finding('client-udp-unstable', 'low', ['client.disable-udp'])]);
    expect(plan).toEqual([expect.objectContaining({ fixId: 'client.disable-udp', isOptional: true, isRecommended: false })]);
  });
});
