import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { rankFindings } from './ranking';
import { decodeCodes } from './decode';
import { CHECK_IDS, FINDING_IDS, FIX_IDS, type CheckId } from '../shared/ids';
import { CHECK_META } from '../shared/catalog';
import type { CheckResult } from '../shared/schema';
import type { Evidence, FindingDraft } from './types';

function check(id: CheckId, status: CheckResult['status']): CheckResult {
  return { id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary: '', durationMs: 1, evidence: {} };
}

function evidenceOf(checks: CheckResult[] = [], error?: string): Evidence {
  return {
    target: { input: 'srv', host: 'srv', port: 3389, isAddress: false },
    checks: new Map(checks.map((c) => [c.id, c])),
    errorHint: error ? decodeCodes(error) : null,
    clientSettings: null,
    now: new Date('2026-01-01T00:00:00Z'),
  };
}

function draft(partial: Partial<FindingDraft> & Pick<FindingDraft, 'id'>): FindingDraft {
  return { confidence: 0.5, explanation: 'e', technical: 't', checks: [], fixes: [], evidence: {}, ...partial };
}

describe('rankFindings', () => {
  it('merges drafts of one id; independent sources raise confidence, one source does not', () => {
    const a = draft({ id: 'certificate-expired', confidence: 0.6, checks: ['tls.certificate'], evidence: { notAfter: 'x' } });
    const b = draft({ id: 'certificate-expired', confidence: 0.6, checks: ['client.events'], evidence: { reason: 2308 } });
    const same = draft({ id: 'certificate-expired', confidence: 0.5, checks: ['tls.certificate'] });
    const [merged] = rankFindings([a, b], evidenceOf());
    expect(merged?.confidence).toBeCloseTo(0.84, 2);
    expect(merged?.checks).toEqual(['tls.certificate', 'client.events']);
    expect(merged?.evidence).toEqual({ notAfter: 'x', reason: 2308 });
    expect(merged?.technical).toMatch(/2 independent sources agree/);
    expect(rankFindings([a, same], evidenceOf())[0]?.confidence).toBe(0.6);
  });

  it('counts overlapping sources once (a cross-source draft does not double-count its inputs)', () => {
    const single = draft({ id: 'connection-dropped-during-negotiation', confidence: 0.8, checks: ['rdp.negotiation'] });
    const both = draft({ id: 'connection-dropped-during-negotiation', confidence: 0.85, checks: ['rdp.negotiation', 'tls.handshake'] });
    const other = draft({ id: 'connection-dropped-during-negotiation', confidence: 0.5, checks: ['client.events'] });
    expect(rankFindings([single, both], evidenceOf())[0]?.confidence).toBe(0.85);
    expect(rankFindings([single, both, other], evidenceOf())[0]?.confidence).toBeCloseTo(1 - 0.15 * 0.5, 1);
  });

  it('lowers confidence for each contradiction and lists them', () => {
    const plain = rankFindings([draft({ id: 'tls-handshake-failed', confidence: 0.8 })], evidenceOf())[0]!;
    const contradicted = rankFindings(
      [draft({ id: 'tls-handshake-failed', confidence: 0.8, contradictions: ['the server sent a certificate'] })],
      evidenceOf([check('tls.handshake', 'pass')]),
    )[0]!;
    expect(contradicted.confidence).toBeLessThan(plain.confidence);
    expect(contradicted.contradictions).toHaveLength(2);
    expect(contradicted.contradictions.join(' ')).toMatch(/tls\.handshake.*passed/);
  });

  it('the 0x904/0x7 pair weighs a server refusal over a client network cause, and says so', () => {
    const drafts = [
      draft({ id: 'dns-stale-record', confidence: 0.6, checks: ['dns.reverse'] }),
      draft({ id: 'tls-handshake-failed', confidence: 0.5, checks: ['tls.handshake'] }),
      draft({ id: 'port-unreachable', confidence: 0.5, checks: ['net.tcp'] }),
    ];
    const without = rankFindings(drafts, evidenceOf());
    const steered = rankFindings(drafts, evidenceOf([], '0x904 0x7'));
    const order = (fs: typeof without) => fs.filter((f) => f.severity === 'high').map((f) => f.id);
    expect(order(without)).toEqual(['dns-stale-record', 'tls-handshake-failed']);
    expect(order(steered)).toEqual(['tls-handshake-failed', 'dns-stale-record']);
    const tls = steered.find((f) => f.id === 'tls-handshake-failed')!;
    expect(tls.technical).toMatch(/0x904\/0x7.*server-side refusal/);
    const port = steered.find((f) => f.id === 'port-unreachable')!;
    expect(port.confidence).toBeLessThan(without.find((f) => f.id === 'port-unreachable')!.confidence);
    expect(port.contradictions.join(' ')).toMatch(/0x904\/0x7/);
  });

  it('sorts plausible blockers by severity first, then confidence', () => {
    const out = rankFindings(
      [draft({ id: 'high-latency', confidence: 0.99 }), draft({ id: 'port-refused', confidence: 0.6 }), draft({ id: 'certificate-expired', confidence: 0.9 })],
      evidenceOf(),
    );
    expect(out.map((f) => [f.id, f.severity])).toEqual([
      ['port-refused', 'critical'],
      ['certificate-expired', 'high'],
      ['high-latency', 'medium'],
    ]);
  });

  it('an unlikely blocker (below 0.5) sorts with the medium causes, by confidence', () => {
    const out = rankFindings(
      [
        draft({ id: 'high-latency', confidence: 0.8 }),
        draft({ id: 'port-refused', confidence: 0.3 }),
        draft({ id: 'certificate-expired', confidence: 0.9 }),
        draft({ id: 'pending-reboot', confidence: 0.95 }),
      ],
      evidenceOf(),
    );
    expect(out.map((f) => f.id)).toEqual(['certificate-expired', 'high-latency', 'port-refused', 'pending-reboot']);
    expect(out.find((f) => f.id === 'port-refused')?.severity).toBe('critical');
  });

  it('a contradicted critical cause no longer outranks an uncontradicted high one (0x904/0x7: the server answered)', () => {
    const closed = check('net.tcp', 'fail');
    const out = rankFindings(
      [draft({ id: 'port-unreachable', confidence: 0.5, checks: ['net.tcp'] }), draft({ id: 'tls-handshake-failed', confidence: 0.8, checks: ['tls.handshake'] })],
      evidenceOf([closed], '0x904 0x7'),
    );
    const port = out.find((f) => f.id === 'port-unreachable')!;
    expect(port.contradictions.length).toBeGreaterThan(0);
    expect(port.confidence).toBeLessThan(0.5);
    expect(out.map((f) => f.id)).toEqual(['tls-handshake-failed', 'port-unreachable']);
    // Contradicted yet still confident: the contradiction alone moves it below a plausible high cause.
    const strong = rankFindings(
      [draft({ id: 'port-refused', confidence: 0.99, checks: ['net.tcp'], contradictions: ['the server answered'] }), draft({ id: 'certificate-expired', confidence: 0.55 })],
      evidenceOf(),
    );
    expect(strong.map((f) => f.id)).toEqual(['certificate-expired', 'port-refused']);
  });

  it('is stable under any reordering of drafts and checks (property)', () => {
    const draftArb = fc.record({
      id: fc.constantFrom(...FINDING_IDS),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      explanation: fc.constantFrom('a', 'b'),
      technical: fc.constantFrom('x', 'y'),
      checks: fc.subarray([...CHECK_IDS], { maxLength: 3 }),
      fixes: fc.subarray([...FIX_IDS], { maxLength: 2 }),
      evidence: fc.dictionary(fc.constantFrom('k1', 'k2', 'k3'), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }))),
      contradictions: fc.option(fc.subarray(['c1', 'c2', 'c3']), { nil: undefined }),
      severity: fc.option(fc.constantFrom('critical' as const, 'low' as const), { nil: undefined }),
    });
    const checksArb = fc.uniqueArray(fc.record({ id: fc.constantFrom(...CHECK_IDS), status: fc.constantFrom('pass' as const, 'fail' as const, 'warn' as const) }), {
      selector: (c) => c.id,
      maxLength: 8,
    });
    // A real permutation (any order of all items), not a rotation: fast-check's shuffledSubarray at full length.
    const permutationOf = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });
    const caseArb = fc.tuple(fc.array(draftArb, { maxLength: 12 }), checksArb, fc.constantFrom(undefined, '0x904 0x7', '0x204', '0x807')).chain(([drafts, checks, error]) =>
      fc.record({
        drafts: fc.constant(drafts),
        checks: fc.constant(checks),
        error: fc.constant(error),
        reordered: fc.tuple(...drafts.map((d) => permutationOf(d.checks).map((ch) => ({ ...d, checks: ch })))).chain((ds) => permutationOf(ds)),
        reorderedChecks: permutationOf(checks),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ drafts, checks, error, reordered, reorderedChecks }) => {
        const results = (list: typeof checks) => list.map((c) => check(c.id, c.status));
        const a = rankFindings(drafts, evidenceOf(results(checks), error));
        const b = rankFindings(reordered, evidenceOf(results(reorderedChecks), error));
        expect(b).toEqual(a);
        for (const f of a) expect(f.confidence).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
