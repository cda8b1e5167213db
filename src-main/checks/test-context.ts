/** Builds a CheckContext for tests: real defaults, every field overridable. */
import { setMaxListeners } from 'node:events';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import { createMemoryKnownHosts } from '../net/known-hosts-store';
import { parseTarget } from '../net/target';
import { createMemoTable } from './memo-table';
import type { CheckContext, CheckOptions } from './types';

/** Options for makeTestContext: a target string, prior results, and any context field. */
export interface TestContextInit extends Partial<Omit<CheckContext, 'target' | 'options'>> {
  readonly target?: string;
  readonly options?: Partial<CheckOptions>;
  readonly results?: readonly CheckResult[];
}

/** A context with a 5 s timeout, no Windows source, in-memory known hosts and memoization like the engine's. */
export function makeTestContext(init: TestContextInit = {}): CheckContext & { readonly messages: string[] } {
  const results = new Map<CheckId, CheckResult>((init.results ?? []).map((r) => [r.id, r]));
  const memos = createMemoTable();
  const messages: string[] = [];
  return {
    target: parseTarget(init.target ?? '127.0.0.1'),
    options: { timeoutMs: 5000, gateway: null, errorHint: null, clientSettings: null, ...init.options },
    signal: init.signal ?? unlimitedSignal(),
    remainingMs: init.remainingMs ?? (() => Number.POSITIVE_INFINITY),
    now: init.now ?? (() => new Date()),
    windows: init.windows ?? null,
    knownHosts: init.knownHosts ?? createMemoryKnownHosts(),
    messages,
    report: init.report ?? ((m: string) => void messages.push(m)),
    resultOf: init.resultOf ?? ((id: CheckId) => results.get(id)),
    memo: init.memo ?? memos.memo,
    settled: init.settled ?? memos.settled,
  };
}

/** A signal that never aborts and, like the check engine's, takes any number of listeners (every probe holds it). */
function unlimitedSignal(): AbortSignal {
  const signal = new AbortController().signal;
  setMaxListeners(0, signal);
  return signal;
}
