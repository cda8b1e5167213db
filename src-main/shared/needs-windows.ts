/**
 * Checks that could not run because there is no Windows here: the dashboard and the command line fold them into one
 * "Checks that need Windows (N)" row instead of many full-weight "skipped" rows.
 */
import type { CheckResult } from './schema';

/** Why a client or host check skipped where there is no Windows state to read; checks end it with a full stop. */
export const NEEDS_WINDOWS = "Runs on Windows only: reads this computer's Remote Desktop settings";

/** True for a check that skipped only because it needs Windows (client checks mark it `no-windows`, host checks with the sentence). */
export function isWindowsOnlySkip(check: Pick<CheckResult, 'summary'> & { readonly status: string; readonly evidence?: Readonly<Record<string, unknown>> | null }): boolean {
  if (check.status !== 'skip') return false;
  const reason = check.evidence?.['reason'];
  return reason === 'no-windows' || reason === NEEDS_WINDOWS || check.summary.startsWith(NEEDS_WINDOWS);
}

/** The folded row's title for `count` checks. */
export function windowsOnlyTitle(count: number): string {
  return `Checks that need Windows (${count})`;
}
