import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { groupBySection, worstStatus } from './sections';
import { CHECK_META, FINDING_META, SECTION_TITLES } from '../shared/catalog';
import { CHECK_IDS, CHECK_STATUSES, FINDING_IDS, SECTION_IDS, type CheckId, type FindingId } from '../shared/ids';
import type { CheckResult, Finding } from '../shared/schema';

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

describe('groupBySection', () => {
  it('returns the 11 sections in checklist order with their titles', () => {
    const groups = groupBySection([], []);
    expect(groups.map((g) => g.id)).toEqual([...SECTION_IDS]);
    expect(groups.map((g) => g.title)).toEqual(SECTION_IDS.map((s) => SECTION_TITLES[s]));
    expect(groups.every((g) => g.status === 'empty')).toBe(true);
  });

  it('puts each check in its section in catalog order and takes the worst status', () => {
    const groups = groupBySection([check('tls.certificate', 'pass'), check('server.machinekeys', 'fail'), check('server.certificate', 'warn')], [finding('certificate-expired')]);
    const certs = groups.find((g) => g.id === 'certificates')!;
    expect(certs.checks.map((c) => c.id)).toEqual(['tls.certificate', 'server.certificate', 'server.machinekeys']);
    expect(certs.status).toBe('fail');
    expect(certs.counts).toMatchObject({ pass: 1, warn: 1, fail: 1 });
    expect(certs.hasBlockingFinding).toBe(true);
  });

  it('a section holding a high or critical finding is not "passed", even when every check in it passed', () => {
    const groups = groupBySection([check('rdp.negotiation', 'pass'), check('tls.handshake', 'pass')], [finding('nla-required-client-disabled')]);
    const auth = groups.find((g) => g.id === 'auth')!;
    expect(auth.status).toBe('fail');
    expect(auth.hasBlockingFinding).toBe(true);
    const medium = groupBySection([check('tls.certificate', 'pass')], [finding('certificate-name-mismatch')]).find((g) => g.id === 'certificates')!;
    expect(medium.status).toBe('warn');
    const low = groupBySection([check('tls.certificate', 'pass')], [finding('certificate-self-signed')]).find((g) => g.id === 'certificates')!;
    expect(low.status).toBe('pass');
  });

  it('orders statuses fail > error > warn > pass > skip', () => {
    expect(worstStatus(['skip', 'pass'])).toBe('pass');
    expect(worstStatus(['warn', 'error'])).toBe('error');
    expect(worstStatus(['skip'])).toBe('skip');
  });

  it('keeps every check and finding exactly once (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...CHECK_IDS)),
        fc.array(fc.constantFrom(...CHECK_STATUSES)),
        fc.uniqueArray(fc.constantFrom(...FINDING_IDS)),
        (ids, statuses, fids) => {
          const checks = ids.map((id, i) => check(id, statuses[i % Math.max(1, statuses.length)] ?? 'pass'));
          const groups = groupBySection(checks, fids.map(finding));
          expect(groups.flatMap((g) => g.checks.map((c) => c.id)).sort()).toEqual([...ids].sort());
          expect(groups.flatMap((g) => g.findings.map((f) => f.id)).sort()).toEqual([...fids].sort());
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });
});
