/** Pure helpers of the start screen: the recent-targets list and validating what the user typed. */
/** Same limit as MAX_TARGET_LENGTH in shared/dto.ts (kept here so the renderer does not bundle zod). */
export const MAX_TARGET_LENGTH = 300;

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

/** A one-line problem with the typed target, or null when it is worth sending to the service (which parses it fully). */
export function targetProblem(target: string, hasRdpFile: boolean): string | null {
  const clean = target.trim();
  if (!clean) return hasRdpFile ? null : 'Type the name or address of the remote computer.';
  if (clean.length > MAX_TARGET_LENGTH) return `That is longer than ${MAX_TARGET_LENGTH} characters.`;
  if (/\s/.test(clean)) return 'A computer name cannot contain spaces.';
  return null;
}
