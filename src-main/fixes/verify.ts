/** Verification after a fix: re-run the linked checks and say in words whether the fix is verified. */
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import type { FixResult } from '../shared/dto';

/** Verified means: at least one linked check passes and none fails or errors. */
export function isVerified(checks: readonly CheckResult[]): boolean {
  return checks.some((c) => c.status === 'pass') && checks.every((c) => c.status === 'pass' || c.status === 'skip' || c.status === 'warn');
}

/** Runs the checks (errors become "not verified", never a crash) and phrases the outcome. */
export async function summarizeVerification(
  runChecks: (target: string, ids: CheckId[], signal: AbortSignal) => Promise<CheckResult[]>,
  target: string,
  ids: readonly CheckId[],
  signal: AbortSignal,
): Promise<{ result: FixResult['verification']; message: string }> {
  if (ids.length === 0) return { result: null, message: 'No check verifies this fix.' };
  let checks: CheckResult[];
  try {
    checks = await runChecks(target, [...ids], signal);
  } catch (error) {
    return { result: { verified: false, checks: [] }, message: `Not verified: the checks could not run (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (isVerified(checks)) return { result: { verified: true, checks }, message: 'Verified: the re-run checks pass.' };
  const bad = checks.filter((c) => c.status !== 'pass');
  const why = bad.map((c) => `${c.title}: ${c.status} (${c.summary})`).join('; ');
  return { result: { verified: false, checks }, message: `Not verified${why ? ` — ${why}` : ''}.` };
}
