/** Pure helpers of the start screen: the recent-targets list and validating what the user typed. */
import { BadInputError } from '../../src-main/shared/errors';
import { parseTarget, targetLabel } from '../../src-main/shared/target-input';

/** Most-recently-used first, without duplicates (case-insensitive), at most `limit` entries. */
export function rememberTarget(recent: readonly string[], target: string, limit = 10): string[] {
  const clean = target.trim();
  if (!clean) return [...recent].slice(0, limit);
  const rest = recent.filter((item) => item.toLowerCase() !== clean.toLowerCase());
  return [clean, ...rest].slice(0, limit);
}

/** Recent targets that start with or contain what is typed, prefix matches first. */
export function filterTargets(recent: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  if (!needle) return [...recent];
  const starts = recent.filter((item) => item.toLowerCase().startsWith(needle));
  const contains = recent.filter((item) => !item.toLowerCase().startsWith(needle) && item.toLowerCase().includes(needle));
  return [...starts, ...contains];
}

/**
 * A one-line problem with the typed target, or null when a diagnosis can start: the same parser as the service and
 * the command line, so the form never folds away into a diagnosis that cannot start. Empty is fine with a .rdp file.
 */
export function targetProblem(target: string, hasRdpFile: boolean): string | null {
  if (!target.trim()) return hasRdpFile ? null : 'Type the name or address of the remote computer.';
  try {
    parseTarget(target);
    return null;
  } catch (error) {
    return error instanceof BadInputError ? error.message : 'That is not a computer name or address.';
  }
}

/** The computer as the results name it: `host` or `host:port`, whatever form was pasted; the text itself when it does not parse. */
export function shownTarget(text: string): string {
  try {
    return targetLabel(parseTarget(text));
  } catch {
    return text.trim();
  }
}
