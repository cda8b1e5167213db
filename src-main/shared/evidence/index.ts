/**
 * One evidence contract per check id: the check returns it, the engine validates it, the rules read it typed,
 * the report labels its fields. A schema describes the evidence of a check that ran (pass, warn or fail).
 */
import { z } from 'zod';
import type { CheckId, CheckStatus } from '../ids';
import { NETWORK_EVIDENCE } from './network';
import { TLS_EVIDENCE } from './tls-identity';
import { CLIENT_EVIDENCE } from './client';
import { SERVER_EVIDENCE } from './server';
import { lazySchema } from '../lazy-schema';

export * from './network';
export * from './tls-identity';
export * from './client';
export * from './server';

/** The evidence schema of every check; `satisfies` makes a missing one a compile error. */
export const CHECK_EVIDENCE = {
  ...NETWORK_EVIDENCE,
  ...TLS_EVIDENCE,
  ...CLIENT_EVIDENCE,
  ...SERVER_EVIDENCE,
} as const satisfies Record<CheckId, z.ZodType<Record<string, unknown>>>;

/** A value that may be read but not changed, all the way down. */
export type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [P in keyof T]: DeepReadonly<T[P]> } : T;

/** The evidence of check `K` when it ran. */
export type CheckEvidence<K extends CheckId> = DeepReadonly<z.output<(typeof CHECK_EVIDENCE)[K]>>;

/** What a skipped or unfinished check carries instead of its evidence: flat facts such as the reason. */
export const NotRunEvidenceSchema = lazySchema(() => z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])));
/** Flat facts of a check that did not run to its evidence. */
export type NotRunEvidence = Readonly<z.output<typeof NotRunEvidenceSchema>>;

/** Statuses whose evidence must be the check's own schema; skip and error may carry NotRunEvidence instead. */
const RAN: ReadonlySet<CheckStatus> = new Set<CheckStatus>(['pass', 'warn', 'fail']);

/** True for a status whose evidence is the check's own (the check ran to a verdict). */
export function hasRun(status: CheckStatus): boolean {
  return RAN.has(status);
}

// Each evidence object is parsed once: the engine's contract check and the rules read the same result, and a batch
// of a thousand targets parsed every result twice. Keyed by the evidence object, so a changed result parses anew.
const parsedEvidence = new WeakMap<object, { readonly id: CheckId; readonly result: z.ZodSafeParseResult<unknown> }>();

function parseOnce(id: CheckId, evidence: unknown): z.ZodSafeParseResult<unknown> {
  if (typeof evidence !== 'object' || evidence === null) return CHECK_EVIDENCE[id].safeParse(evidence);
  const known = parsedEvidence.get(evidence);
  if (known && known.id === id) return known.result;
  const result = CHECK_EVIDENCE[id].safeParse(evidence);
  parsedEvidence.set(evidence, { id, result });
  return result;
}

/** The check's evidence parsed by its schema, or null when it does not fit (unknown fields are dropped). */
export function parseCheckEvidence<K extends CheckId>(id: K, evidence: unknown): CheckEvidence<K> | null {
  const parsed = parseOnce(id, evidence);
  return parsed.success ? (parsed.data as CheckEvidence<K>) : null;
}

/** Why a result's evidence breaks its check's contract, in one line, or null when it keeps it. */
export function evidenceContractIssue(id: CheckId, status: CheckStatus, evidence: unknown): string | null {
  // The flat not-run shape first: a failed parse of the check's own schema builds every issue, which a batch of a
  // thousand mostly refused or silent targets (most checks skipped) paid for on every result.
  if (!RAN.has(status) && NotRunEvidenceSchema.safeParse(evidence).success) return null;
  const parsed = parseOnce(id, evidence);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue ? `${issue.path.join('.') || '(evidence)'}: ${issue.message}` : 'does not match';
}
