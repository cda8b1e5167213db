/** Tolerant reads of check evidence for fix previews and verification: a missing or odd field is undefined, never a throw. */
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';

/** Checks by id. */
export type ChecksById = ReadonlyMap<CheckId, CheckResult>;

/** Indexes checks by id. */
export function byId(checks: readonly CheckResult[]): ChecksById {
  return new Map(checks.map((check) => [check.id, check]));
}

/** A field of a check's evidence, nested by path; undefined when the check or the field is missing. */
export function evidenceField(checks: ChecksById, id: CheckId, ...path: string[]): unknown {
  let value: unknown = checks.get(id)?.evidence;
  for (const key of path) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
