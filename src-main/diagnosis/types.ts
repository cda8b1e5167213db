/** The inputs and outputs of diagnosis rules: evidence in, finding drafts out. */
import type { CheckId, FindingId, FixId, Severity } from '../shared/ids';
import type { CheckResult, DecodeResult } from '../shared/schema';
import type { ClientSettings, ParsedTarget } from '../shared/target';

/** Everything the rules may look at: every finished check plus the user's hints. */
export interface Evidence {
  readonly target: ParsedTarget;
  readonly checks: ReadonlyMap<CheckId, CheckResult>;
  readonly errorHint: DecodeResult | null;
  readonly clientSettings: ClientSettings | null;
  readonly now: Date;
}

/** A finding as a rule proposes it; title, section and default severity come from FINDING_META. */
export interface FindingDraft {
  readonly id: FindingId;
  /** 0–1 before ranking adjusts it for agreement and contradiction. */
  readonly confidence: number;
  /** Plain words for an end user. */
  readonly explanation: string;
  /** One line for IT staff. */
  readonly technical: string;
  readonly checks: readonly CheckId[];
  readonly fixes: readonly FixId[];
  readonly evidence: Record<string, unknown>;
  readonly contradictions?: readonly string[];
  /** Overrides FINDING_META's default severity when the evidence warrants it. */
  readonly severity?: Severity;
}

/** A rule: a pure function from evidence to zero or more drafts. */
export type Rule = (evidence: Evidence) => readonly FindingDraft[];
