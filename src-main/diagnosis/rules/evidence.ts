/** Typed reads of the check results for the rules: each check's evidence is parsed once by its schema (shared/evidence). */
import { hasRun, parseCheckEvidence, type CheckEvidence } from '../../shared/evidence';
import type { CheckId, CheckStatus } from '../../shared/ids';
import type { CheckResult } from '../../shared/schema';
import type { Evidence } from '../types';

// Results come from this run or from an earlier report (a re-run), so each is parsed, and only once.
const parsed = new WeakMap<CheckResult, unknown>();

/** A check's evidence whatever its status (some skips still carry it), or null when absent or not of its schema. */
export function evidenceOf<K extends CheckId>(ev: Evidence, id: K): CheckEvidence<K> | null {
  const result = ev.checks.get(id);
  if (!result) return null;
  if (!parsed.has(result)) parsed.set(result, parseCheckEvidence(id, result.evidence));
  return parsed.get(result) as CheckEvidence<K> | null;
}

/** The evidence of a check that ran to a verdict (pass, warn or fail), or null. */
export function ranEvidence<K extends CheckId>(ev: Evidence, id: K): CheckEvidence<K> | null {
  const status = statusOf(ev, id);
  return status !== null && hasRun(status) ? evidenceOf(ev, id) : null;
}

/** A check's status, or null when it did not run. */
export function statusOf(ev: Evidence, id: CheckId): CheckStatus | null {
  return ev.checks.get(id)?.status ?? null;
}
