/** Backup and undo lines of a fix plan: the words, and the script or command they carry. */

/** One plan line split for display. */
export interface PlanLine {
  readonly prose: string;
  /** The script or command, newlines kept; null for a line that is only words. */
  readonly code: string | null;
}

/**
 * The service writes a step that runs something as "<what it does>:\n<script>" (fixes/plan.ts backupText).
 * Everything after the first line break is code; a single line stays prose.
 */
export function splitPlanLine(line: string): PlanLine {
  const index = line.indexOf('\n');
  if (index < 0) return { prose: line, code: null };
  const code = line.slice(index + 1).replace(/^\n+|\s+$/g, '');
  const prose = line.slice(0, index).replace(/:\s*$/, '').trim();
  return code ? { prose, code } : { prose, code: null };
}
