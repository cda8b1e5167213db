/**
 * The verdict of a diagnosis, in one place for every door (dashboard, command line, HTML/PDF/JSON reports): a
 * finding of severity medium or above is a problem and the most likely one is the cause; without one, "No problem
 * found", with one line on what that means and what to try next. Lower findings are only "other things we noticed".
 */
import type { Severity } from './ids';
import type { CheckResult, Finding } from './schema';
import { targetLabel } from './target-input';

/** Severities that make a finding a problem (exit code 1, docs/contract.md#exit-codes): it can break or disturb the connection. */
export const PROBLEM_SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium'];

/** True when a finding is medium or above, i.e. worth naming as the cause. */
export function isProblem(finding: Pick<Finding, 'severity'>): boolean {
  return PROBLEM_SEVERITIES.includes(finding.severity);
}

/** True when no finding is medium or above: the diagnosis reads "No problem found" and the command line exits 0. */
export function isHealthy(findings: readonly Pick<Finding, 'severity'>[]): boolean {
  return !findings.some(isProblem);
}

/** What a diagnosis concluded. */
export type VerdictKind =
  /** A finding of medium or above: the most likely cause. */
  | 'cause'
  /** No finding of medium or above, but a check failed or could not run: nothing to name, something to look at. */
  | 'unclear'
  /** No finding of medium or above and no failed check. */
  | 'no-problem';

/** The verdict in words and parts: the cause (or none), everything else noticed, and the headline and one line shown. */
export interface Verdict {
  readonly kind: VerdictKind;
  /** The most likely cause; null unless `kind` is `cause`. */
  readonly cause: Finding | null;
  /** Every other finding, in ranking order (information-level ones only ever land here). */
  readonly noticed: readonly Finding[];
  /** "No problem found", "No single cause identified", or the cause's title. */
  readonly headline: string;
  /** One line: what the headline means and, without a cause, the next thing to try. */
  readonly summary: string;
  /** Checks that failed or could not run, for the `unclear` verdict (empty otherwise). */
  readonly failedChecks: readonly CheckResult['id'][];
}

/** The computer a verdict speaks of. */
export interface VerdictTarget {
  readonly host: string;
  readonly port: number;
}

/** The verdict headline when nothing medium or above was found (docs/contract.md#accessible-names). */
export const NO_PROBLEM_HEADLINE = 'No problem found';
/** The verdict headline when checks failed without pointing to one known cause. */
export const UNCLEAR_HEADLINE = 'No single cause identified';

const NEXT_STEP =
  'If it still fails, the sign-in is the next thing to check: the user name and password, and that this account may use Remote Desktop there. Then run the diagnosis again with the exact error message.';

function place(target: VerdictTarget | undefined): string {
  return target ? targetLabel(target) : 'the remote computer';
}

function healthyLine(checks: readonly Pick<CheckResult, 'id' | 'status'>[], target: VerdictTarget | undefined): string {
  const passed = (id: CheckResult['id']): boolean => checks.some((c) => c.id === id && c.status === 'pass');
  const where = place(target);
  // "Answers" is only said when the handshake really got an answer; a recorded host is judged from its own state.
  const head = passed('rdp.negotiation') ? `Remote Desktop on ${where} answers and its security is in order.` : `Nothing that could be checked on ${where} points to a problem.`;
  return `${head} ${NEXT_STEP}`;
}

/**
 * The verdict of ranked findings (most likely first, as the diagnosis sorts them) and, optionally, the checks
 * they came from (for "unclear" and the wording of "No problem found").
 */
export function verdictOf(findings: readonly Finding[], checks: readonly Pick<CheckResult, 'id' | 'status'>[] = [], target?: VerdictTarget): Verdict {
  const cause = findings.find(isProblem) ?? null;
  const noticed = findings.filter((f) => f !== cause);
  if (cause) return { kind: 'cause', cause, noticed, headline: cause.title, summary: cause.explanation, failedChecks: [] };
  const failedChecks = checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.id);
  if (failedChecks.length > 0) {
    return {
      kind: 'unclear',
      cause: null,
      noticed,
      headline: UNCLEAR_HEADLINE,
      summary: 'Some checks failed or could not run, but together they do not point to one known cause. Start with these.',
      failedChecks,
    };
  }
  return { kind: 'no-problem', cause: null, noticed, headline: NO_PROBLEM_HEADLINE, summary: healthyLine(checks, target), failedChecks: [] };
}
