/**
 * Verification after a fix: re-run the linked checks (and, within a diagnosis, recompute its findings), then say
 * whether the fix is verified. Verified means the fix's intended state is there and the findings it answered are
 * gone, or still show only on evidence the fix cannot change (an event log of earlier attempts).
 */
import { CHECK_META } from '../shared/catalog';
import type { FixResult } from '../shared/dto';
import type { CheckId, FixId } from '../shared/ids';
import type { CheckResult, Finding, Report } from '../shared/schema';
import { intendedState } from './intended-state';

/** The old rule, kept for fixes whose checks cannot show their state: a linked check passes and none fails or errors. */
export function isVerified(checks: readonly CheckResult[]): boolean {
  return checks.some((c) => c.status === 'pass') && checks.every((c) => c.status === 'pass' || c.status === 'skip' || c.status === 'warn');
}

/** What verification needs: the fix, the re-run checks, and the diagnosis's findings before and after. */
export interface VerificationInput {
  readonly fixId: FixId;
  readonly option: string | undefined;
  readonly verifyChecks: readonly CheckId[];
  readonly checks: readonly CheckResult[];
  /** Findings of the diagnosis the fix answers (their `fixes` name it); empty without a diagnosis. */
  readonly answered: readonly Finding[];
  /** The diagnosis's findings recomputed over the re-run checks; null without a diagnosis. */
  readonly after: readonly Finding[] | null;
}

type Verification = NonNullable<FixResult['verification']>;

function quoted(findings: readonly { readonly title: string }[]): string {
  return findings.map((f) => `"${f.title}"`).join(' and ');
}

/** Judges a fix from the re-run checks and findings; pure, so every case is tested without a machine. */
export function judgeVerification(input: VerificationInput): { result: Verification; message: string } {
  const intended = intendedState(input.fixId, input.checks, { option: input.option });
  const reached = intended.reached ?? isVerified(input.checks);
  const remaining =
    input.after === null
      ? []
      : input.answered.flatMap((before) => {
          const now = input.after?.find((f) => f.id === before.id);
          if (!now) return [];
          // Evidence the fix does not touch (a log of earlier failed attempts) keeps a finding alive until the next connection.
          const untouched = now.checks.filter((id) => !input.verifyChecks.includes(id));
          const explained =
            untouched.length > 0
              ? `It also rests on ${untouched.map((id) => CHECK_META[id].title.toLowerCase()).join(' and ')}, which this fix does not change; connect again to confirm.`
              : null;
          return [{ id: now.id, title: now.title, explained }];
        });
  const gone = input.answered.filter((f) => !remaining.some((r) => r.id === f.id));
  const verified = reached && remaining.every((r) => r.explained !== null);
  const result: Verification = { verified, checks: [...input.checks], intended: { words: intended.words, reached: intended.reached }, remaining };
  if (verified) {
    const lines = [`Verified: ${intended.words}.`];
    if (gone.length > 0) lines.push(`${quoted(gone)} no longer ${gone.length === 1 ? 'shows' : 'show'}.`);
    for (const r of remaining) lines.push(`"${r.title}" still shows. ${r.explained ?? ''}`.trim());
    return { result, message: lines.join(' ') };
  }
  if (!reached) {
    const bad = input.checks.filter((c) => c.status !== 'pass');
    const why = bad.map((c) => `${c.title}: ${c.summary}`).join(' ');
    return { result, message: `Not verified: the checks do not show that ${intended.words}.${why ? ` ${why}` : ''}` };
  }
  return { result, message: `Not verified: ${intended.words}, but ${quoted(remaining)} still ${remaining.length === 1 ? 'shows' : 'show'}.` };
}

/** How verification re-runs checks: within the diagnosis (findings recomputed) when there is one, else on their own. */
export interface Rechecker {
  runChecks(target: string, ids: CheckId[], signal: AbortSignal): Promise<CheckResult[]>;
  /** Re-runs `ids` within a finished diagnosis and returns its report with the findings recomputed. */
  recheck?(taskId: string, ids: CheckId[], signal: AbortSignal): Promise<Report>;
}

/** Runs the checks (errors become "not verified", never a crash) and judges the fix. */
export async function summarizeVerification(
  rechecker: Rechecker,
  request: { readonly fixId: FixId; readonly option: string | undefined; readonly target: string; readonly taskId: string | undefined },
  verifyChecks: readonly CheckId[],
  report: Report | undefined,
  signal: AbortSignal,
): Promise<{ result: FixResult['verification']; message: string }> {
  if (verifyChecks.length === 0) return { result: null, message: 'No check verifies this fix.' };
  const answered = Array.isArray(report?.findings) ? report.findings.filter((f) => f.fixes.includes(request.fixId)) : [];
  const ids = [...new Set<CheckId>([...verifyChecks, ...answered.flatMap((f) => f.checks)])];
  try {
    if (request.taskId && report && rechecker.recheck) {
      const fresh = await rechecker.recheck(request.taskId, ids, signal);
      const checks = fresh.checks.filter((c) => verifyChecks.includes(c.id));
      return judgeVerification({ fixId: request.fixId, option: request.option, verifyChecks, checks, answered, after: fresh.findings });
    }
    const checks = await rechecker.runChecks(request.target, [...verifyChecks], signal);
    return judgeVerification({ fixId: request.fixId, option: request.option, verifyChecks, checks, answered: [], after: null });
  } catch (error) {
    const failed: Verification = { verified: false, checks: [], intended: null, remaining: [] };
    return { result: failed, message: `Not verified: the checks could not run (${error instanceof Error ? error.message : String(error)}).` };
  }
}
