/** What a check is and what it is given: the context every check reads through (STYLE "Shape"). */
import type { CheckId } from '../shared/ids';
import type { CheckResult, DecodeResult } from '../shared/schema';
import type { CheckEvidence, NotRunEvidence } from '../shared/evidence';
import type { WindowsSource } from '../windows/source';
import type { KnownHostsStore } from '../net/known-hosts-store';
import type { ClientSettings, ParsedTarget } from '../shared/target';
import type { MemoState } from './memo-table';

/** Options of one diagnosis that checks may read. */
export interface CheckOptions {
  /** Bound for every network step. */
  readonly timeoutMs: number;
  readonly gateway: string | null;
  /** The decoded dialog codes, when the user gave them. */
  readonly errorHint: DecodeResult | null;
  readonly clientSettings: ClientSettings | null;
}

/** The context a check runs in: its inputs, shared probes, cancellation and progress. */
export interface CheckContext {
  readonly target: ParsedTarget;
  readonly options: CheckOptions;
  readonly signal: AbortSignal;
  /** Time left before the whole diagnosis's deadline aborts `signal`; probes size their budgets by it. */
  remainingMs(): number;
  /** Current time; tests pass a fixed clock. */
  readonly now: () => Date;
  /** Local Windows state, or null where there is none (not Windows and no replay). */
  readonly windows: WindowsSource | null;
  /** Trust-on-first-use store of certificates seen before. */
  readonly knownHosts: KnownHostsStore;
  /** Say what the check is doing now (throttled before it reaches the UI). */
  report(message: string): void;
  /** The finished result of a check named in `dependsOn`. */
  resultOf(id: CheckId): CheckResult | undefined;
  /** Run `fn` once per diagnosis for `key`, so several checks share one probe. */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Resolves once every shared probe whose key starts with `prefix` has ended (also those they start), or after `maxWaitMs`. */
  settled(prefix: string, maxWaitMs: number): Promise<void>;
  /** Where the shared probe `key` stands (running, ended with its value, failed), without starting it; undefined if never started. */
  peek<T>(key: string): MemoState<T> | undefined;
}

/**
 * What check `K`'s run returns; the engine adds id, section, title and time. A verdict carries the check's own
 * evidence (its schema in shared/evidence); a skip or error may carry flat facts such as the reason instead.
 */
export type CheckOutcome<K extends CheckId = CheckId> =
  | { readonly status: 'pass' | 'warn' | 'fail'; readonly summary: string; readonly evidence: CheckEvidence<K> }
  | { readonly status: 'skip' | 'error'; readonly summary: string; readonly evidence: CheckEvidence<K> | NotRunEvidence };

/** One check: its id, the checks whose results it needs first, and how it runs. */
export interface CheckDefinition<K extends CheckId = CheckId> {
  readonly id: K;
  readonly dependsOn: readonly CheckId[];
  run(ctx: CheckContext): Promise<CheckOutcome<K>>;
}
