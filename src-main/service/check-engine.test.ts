import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckId } from '../shared/ids';
import type { CheckDefinition, CheckOutcome } from '../checks/types';
import { CHECKS } from '../checks/registry';
import { createMemoryKnownHosts } from '../net/known-hosts-store';
import { parseTarget } from '../net/target';
import { runChecks, withDependencies, type SharedContext } from './check-engine';

const shared = (signal = new AbortController().signal): SharedContext => ({
  target: parseTarget('127.0.0.1'),
  options: { timeoutMs: 1000, gateway: null, errorHint: null, clientSettings: null },
  signal,
  now: () => new Date(),
  windows: null,
  knownHosts: createMemoryKnownHosts(),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stand-in check's outcome: its own evidence, which the engine holds to no contract (only the real registry's checks). */
const standIn = (summary: string, evidence: object): CheckOutcome => ({ status: 'pass', summary, evidence }) as unknown as CheckOutcome;

function registry(overrides: Partial<Record<CheckId, CheckDefinition>>): Record<CheckId, CheckDefinition> {
  return { ...CHECKS, ...overrides } as Record<CheckId, CheckDefinition>;
}

describe('runChecks', () => {
  it('runs independent checks in parallel and dependents after their dependencies', async () => {
    const log: string[] = [];
    const slow = (id: CheckId, deps: CheckId[] = []): CheckDefinition => ({
      id,
      dependsOn: deps,
      run: async (ctx) => {
        log.push(`start ${id}`);
        await sleep(100);
        log.push(`end ${id}`);
        return standIn(id, { sawDeps: deps.map((d) => ctx.resultOf(d)?.status ?? null) });
      },
    });
    const reg = registry({
      'dns.resolve': slow('dns.resolve'),
      'net.tcp': slow('net.tcp', ['dns.resolve']),
      'rdp.negotiation': slow('rdp.negotiation'),
    });
    const begin = Date.now();
    const finished: string[] = [];
    const results = await runChecks(
      ['net.tcp', 'rdp.negotiation'],
      shared(),
      { onStart: () => {}, onProgress: () => {}, onFinish: (r) => finished.push(r.id) },
      { deadlineMs: 5000, registry: reg },
    );
    const elapsed = Date.now() - begin;
    expect(results.map((r) => r.id)).toEqual(['dns.resolve', 'net.tcp', 'rdp.negotiation']);
    expect(elapsed).toBeLessThan(290);
    expect(log.indexOf('start net.tcp')).toBeGreaterThan(log.indexOf('end dns.resolve'));
    expect(log.indexOf('start rdp.negotiation')).toBeLessThan(log.indexOf('end dns.resolve'));
    expect(results[1]!.evidence).toEqual({ sawDeps: ['pass'] });
    expect(finished).toHaveLength(3);
  });

  it('turns a throwing check into an error and a stuck check into an error at its budget', async () => {
    const reg = registry({
      'dns.resolve': {
        id: 'dns.resolve',
        dependsOn: [],
        run: async () => {
          throw new Error('resolver exploded\nstack');
        },
      },
      'dns.reverse': { id: 'dns.reverse', dependsOn: [], run: () => new Promise(() => {}) },
    });
    const results = await runChecks(['dns.resolve', 'dns.reverse'], shared(), { onStart: () => {}, onProgress: () => {}, onFinish: () => {} }, { deadlineMs: 150, registry: reg });
    expect(results[0]).toMatchObject({ status: 'error', summary: 'The check failed: resolver exploded' });
    expect(results[1]).toMatchObject({ status: 'error' });
    expect(results[1]!.summary).toContain('150 ms');
  });

  it('gives the whole run one deadline: a dependent that would end past it is cut there, and probes see the abort', async () => {
    let probeAborted = false;
    const step = (id: CheckId, deps: CheckId[]): CheckDefinition => ({
      id,
      dependsOn: deps,
      run: (ctx) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(standIn(id, {})), 250);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            probeAborted = true;
          });
        }),
    });
    const reg = registry({ 'dns.resolve': step('dns.resolve', []), 'net.tcp': step('net.tcp', ['dns.resolve']), 'dns.reverse': step('dns.reverse', ['net.tcp']) });
    const begin = performance.now();
    const results = await runChecks(['dns.reverse'], shared(), { onStart: () => {}, onProgress: () => {}, onFinish: () => {} }, { deadlineMs: 400, registry: reg });
    const elapsed = performance.now() - begin;
    expect(elapsed).toBeGreaterThanOrEqual(395);
    expect(elapsed).toBeLessThan(550);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['dns.resolve', 'pass'],
      ['dns.reverse', 'error'],
      ['net.tcp', 'error'],
    ]);
    expect(results.find((r) => r.id === 'net.tcp')!.summary).toBe('Did not finish within 400 ms, the limit for the whole diagnosis (about two timeouts).');
    expect(results.find((r) => r.id === 'dns.reverse')!.summary).toBe('Did not start within 400 ms, the limit for the whole diagnosis (about two timeouts).');
    expect(probeAborted).toBe(true);
  });

  it('shares a memoized probe between checks', async () => {
    let probes = 0;
    const probe = (id: CheckId): CheckDefinition => ({
      id,
      dependsOn: [],
      run: async (ctx) => {
        const v = await ctx.memo('probe', async () => {
          probes += 1;
          await sleep(20);
          return 7;
        });
        return standIn(String(v), {});
      },
    });
    const reg = registry({ 'dns.resolve': probe('dns.resolve'), 'dns.reverse': probe('dns.reverse') });
    await runChecks(['dns.resolve', 'dns.reverse'], shared(), { onStart: () => {}, onProgress: () => {}, onFinish: () => {} }, { deadlineMs: 1000, registry: reg });
    expect(probes).toBe(1);
  });

  it('stops promptly when cancelled', async () => {
    const controller = new AbortController();
    const reg = registry({ 'dns.resolve': { id: 'dns.resolve', dependsOn: [], run: () => new Promise(() => {}) } });
    setTimeout(() => controller.abort(), 50);
    const begin = Date.now();
    const results = await runChecks(
      ['dns.resolve'],
      shared(controller.signal),
      { onStart: () => {}, onProgress: () => {}, onFinish: () => {} },
      { deadlineMs: 10_000, registry: reg },
    );
    expect(Date.now() - begin).toBeLessThan(1000);
    expect(results[0]!.status).toBe('skip');
  });

  it('includes dependencies of a re-run check', () => {
    const deps = withDependencies(['tls.certificate']);
    expect(deps).toContain('tls.certificate');
    for (const id of deps) for (const d of CHECKS[id].dependsOn) expect(deps).toContain(d);
    expect(deps).toEqual(CHECK_IDS.filter((id) => deps.includes(id)));
  });
});
