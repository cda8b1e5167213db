/** Builds a CheckContext for tests: real defaults, every field overridable. */
import { setMaxListeners } from 'node:events';
import { CHECK_EVIDENCE, type CheckEvidence } from '../shared/evidence';
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
    peek: init.peek ?? memos.peek,
  };
}

/** A signal that never aborts and, like the check engine's, takes any number of listeners (every probe holds it). */
function unlimitedSignal(): AbortSignal {
  const signal = new AbortController().signal;
  setMaxListeners(0, signal);
  return signal;
}

/**
 * The evidence of check `id`'s outcome as its schema reads it, with the test failing when it does not fit the
 * contract or when the schema would drop a field the check wrote (so the schema names every field).
 */
export function contractEvidence<K extends CheckId>(id: K, outcome: { readonly evidence: unknown }): CheckEvidence<K> {
  const parsed = CHECK_EVIDENCE[id].safeParse(outcome.evidence);
  if (!parsed.success) throw new Error(`${id} evidence breaks its contract: ${parsed.error.message}`);
  const written = JSON.stringify(sortKeys(outcome.evidence));
  const read = JSON.stringify(sortKeys(parsed.data));
  if (written !== read) throw new Error(`${id} evidence has fields its schema does not name:\n${written}\n${read}`);
  return parsed.data as CheckEvidence<K>;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
