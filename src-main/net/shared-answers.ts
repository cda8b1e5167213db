/**
 * Answers about an address shared across the diagnoses of one process for a short while. A batch asks the same
 * question many times (one address on many ports: a PTR record does not depend on the port), and a thousand
 * identical reverse lookups at once made the DNS server and the resolver threads the slowest part of the batch.
 * Concurrent askers share one lookup; a settled answer is kept ANSWER_TTL_MS, unless it is a time-out or a cancel,
 * which say nothing about the next asker.
 */
import { bounded, since, type StopReason } from './bounded';

/** How long a settled answer is reused. */
export const ANSWER_TTL_MS = 30_000;
const MAX_ANSWERS = 1024;

/** What a shared lookup must tell: whether it only stopped (then it is not kept). */
export interface Shareable {
  readonly error: { readonly kind: string } | null;
}

const answers = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();

/**
 * The answer to `key`, asked once for all concurrent callers (`ask` gets no caller's signal: one caller giving up
 * must not cancel the others' lookup). Each caller still waits at most its own `timeoutMs` and until its own signal;
 * then `stopped` makes its answer.
 */
export async function sharedAnswer<T extends Shareable>(
  key: string,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
  ask: () => Promise<T>,
  stopped: (reason: StopReason, ms: number) => T,
): Promise<T> {
  const start = performance.now();
  let entry = answers.get(key);
  if (entry && performance.now() - entry.at > ANSWER_TTL_MS) entry = undefined;
  if (!entry) {
    const answer = ask();
    entry = { at: performance.now(), answer };
    answers.delete(key);
    answers.set(key, entry);
    if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
    const kept = entry;
    void answer.then((a) => {
      if (a.error && (a.error.kind === 'timeout' || a.error.kind === 'cancelled') && answers.get(key) === kept) answers.delete(key);
    });
  }
  const r = await bounded(entry.answer as Promise<T>, options.timeoutMs, options.signal);
  return r.ok ? r.value : stopped(r.reason, since(start));
}
