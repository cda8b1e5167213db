/** Runs a set of checks concurrently, each as soon as the checks it depends on are done. */
import { setMaxListeners } from 'node:events';
import { CHECK_META } from '../shared/catalog';
import { CHECK_IDS, type CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import { evidenceContractIssue } from '../shared/evidence';
import { CHECKS } from '../checks/registry';
import { createMemoTable } from '../checks/memo-table';
import type { CheckContext, CheckDefinition } from '../checks/types';

/** Everything of the context that is the same for every check of one run. */
export type SharedContext = Omit<CheckContext, 'report' | 'resultOf' | 'memo' | 'settled' | 'peek' | 'remainingMs'>;

/** Callbacks the engine uses to stream progress. */
export interface EngineListener {
  onStart(id: CheckId): void;
  onProgress(id: CheckId, message: string): void;
  onFinish(result: CheckResult): void;
}

/** The requested checks plus everything they depend on, in catalog order. */
export function withDependencies(ids: readonly CheckId[], registry: Record<CheckId, CheckDefinition> = CHECKS): CheckId[] {
  const wanted = new Set<CheckId>();
  const visit = (id: CheckId): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of registry[id].dependsOn) visit(dep);
  };
  ids.forEach(visit);
  return CHECK_IDS.filter((id) => wanted.has(id));
}

/** Builds a result for a check that did not run to completion. */
function resultOf(id: CheckId, status: CheckResult['status'], summary: string, durationMs: number, evidence: Record<string, unknown> = {}): CheckResult {
  const meta = CHECK_META[id];
  return { id, section: meta.section, title: meta.title, status, summary, durationMs, evidence };
}

/**
 * A result whose evidence breaks its check's contract (shared/evidence) becomes an error that says where, with the
 * evidence kept: the rules could not read it, and the report must not present it as a verdict.
 */
export function keepContract(result: CheckResult): CheckResult {
  const issue = evidenceContractIssue(result.id, result.status, result.evidence);
  return issue === null ? result : { ...result, status: 'error', summary: `The check's evidence does not match its contract (${issue}).` };
}

/** The reason the run's signal carries when the whole-diagnosis deadline passed (not a user's cancel). */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** Rejects as soon as `signal` aborts, with its reason; `cancel` stops listening. */
function whenAborted(signal: AbortSignal): { promise: Promise<never>; cancel: () => void } {
  let onAbort: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, cancel: () => onAbort && signal.removeEventListener('abort', onAbort) };
}

/** A signal that aborts with the caller's reason when `outer` aborts, or with a DeadlineError after `ms`. */
function runSignal(outer: AbortSignal, ms: number): { signal: AbortSignal; deadlineAt: number; dispose: () => void } {
  const controller = new AbortController();
  // Every check and probe of the run listens on this one signal: far more than the default ten listeners.
  setMaxListeners(0, controller.signal);
  const deadlineAt = performance.now() + ms;
  const onOuter = (): void => controller.abort(outer.reason);
  const timer = setTimeout(() => controller.abort(new DeadlineError(ms)), Math.max(1, ms));
  if (outer.aborted) onOuter();
  else outer.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    deadlineAt,
    dispose: () => {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuter);
    },
  };
}

/**
 * Runs `ids` (dependencies included) with `shared` context. Independent checks run in parallel; a check
 * whose dependency could not run still runs and reads `undefined` for it. The whole run has one deadline,
 * `deadlineMs` (about two timeouts in total, `diagnosisDeadlineMs`): at it the signal every check and probe holds aborts, so
 * their sockets close, and each check still running ends as an error that says so. Evidence of the real checks is
 * held to its contract (`keepContract`); a test's own registry carries whatever its stand-ins return.
 */
export async function runChecks(
  ids: readonly CheckId[],
  shared: SharedContext,
  listener: EngineListener,
  options: { deadlineMs: number; registry?: Record<CheckId, CheckDefinition>; skipReason?: (id: CheckId) => string | null },
): Promise<CheckResult[]> {
  const registry = options.registry ?? CHECKS;
  const contract = options.registry === undefined ? keepContract : (r: CheckResult): CheckResult => r;
  const order = withDependencies(ids, registry);
  const results = new Map<CheckId, CheckResult>();
  const memos = createMemoTable();
  const started = new Map<CheckId, Promise<CheckResult>>();
  const run$ = runSignal(shared.signal, options.deadlineMs);
  const lateSummary = (what: string): string => `${what} within ${options.deadlineMs} ms, the limit for the whole diagnosis (about two timeouts).`;

  const run = (id: CheckId): Promise<CheckResult> => {
    const existing = started.get(id);
    if (existing) return existing;
    const def = registry[id];
    const promise = Promise.all(def.dependsOn.filter((d) => order.includes(d)).map(run)).then(async () => {
      const begin = performance.now();
      if (shared.signal.aborted) return resultOf(id, 'skip', 'Cancelled before it started.', 0);
      if (run$.signal.aborted) {
        const late = resultOf(id, 'error', lateSummary('Did not start'), 0, { deadlineMs: options.deadlineMs });
        results.set(id, late);
        listener.onFinish(late);
        return late;
      }
      const skip = options.skipReason?.(id);
      if (skip) {
        const skipped = resultOf(id, 'skip', skip, 0);
        results.set(id, skipped);
        listener.onFinish(skipped);
        return skipped;
      }
      listener.onStart(id);
      const ctx: CheckContext = {
        ...shared,
        signal: run$.signal,
        remainingMs: () => Math.max(0, run$.deadlineAt - performance.now()),
        report: (message) => listener.onProgress(id, message),
        resultOf: (dep) => results.get(dep),
        memo: memos.memo,
        settled: memos.settled,
        peek: memos.peek,
      };
      const limit = whenAborted(run$.signal);
      let result: CheckResult;
      try {
        const outcome = await Promise.race([def.run(ctx), limit.promise]);
        result = contract(resultOf(id, outcome.status, outcome.summary, performance.now() - begin, outcome.evidence));
      } catch (error) {
        const ms = performance.now() - begin;
        const message = error instanceof Error ? error.message : String(error);
        result = shared.signal.aborted
          ? resultOf(id, 'skip', 'Cancelled.', ms)
          : error instanceof DeadlineError
            ? resultOf(id, 'error', lateSummary('Did not finish'), ms, { deadlineMs: options.deadlineMs })
            : resultOf(id, 'error', `The check failed: ${message.split('\n')[0]}`, ms);
      } finally {
        limit.cancel();
      }
      result = { ...result, durationMs: Math.round(result.durationMs) };
      results.set(id, result);
      listener.onFinish(result);
      return result;
    });
    started.set(id, promise);
    return promise;
  };

  try {
    await Promise.all(order.map(run));
  } finally {
    run$.dispose();
  }
  return order.map((id) => results.get(id)).filter((r): r is CheckResult => r !== undefined);
}
