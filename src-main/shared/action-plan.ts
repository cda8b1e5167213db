/**
 * "What to do now": the fixes of the ranked findings as one numbered plan. Each fix appears once, the most likely
 * cause's fix first, a fix that needs another done first comes after it (and says so), and fixes that lower
 * security come last with their cost. Pure, so the dashboard, the command line and the reports order it alike.
 */
import { FINDING_META, FIX_META, type FixMeta } from './catalog';
import { checkStepNumber } from './check-steps';
import type { CheckId, FindingId, FixId } from './ids';
import type { Finding } from './schema';
import { isProblem } from './verdict';

/** A fix that must be done before another one, and why, in words for the step that waits. */
interface Prerequisite {
  readonly fix: FixId;
  readonly why: string;
}

/**
 * Fixes that only work once another has been done. Renewing the RDP certificate makes Windows create a new private
 * key in the MachineKeys folder; while that folder's permissions stop new key files, the renewal fails the same way
 * the automatic one did.
 */
const PREREQUISITES: Partial<Record<FixId, readonly Prerequisite[]>> = {
  'server.renew-certificate': [{ fix: 'server.reset-machinekeys-acl', why: 'Windows cannot create the new certificate’s key until the MachineKeys permissions are repaired' }],
};

/** One step of the plan. */
export interface PlanStep {
  /** 1-based position in the plan. */
  readonly number: number;
  readonly fixId: FixId;
  readonly title: string;
  /** The findings this fix answers, most likely first. */
  readonly answers: readonly FindingId[];
  /** Titles of those findings, for "For: …". */
  readonly answerTitles: readonly string[];
  /** The first step that answers the most likely cause (a finding of medium or above): the one recommended fix. */
  readonly isRecommended: boolean;
  /** True when every finding it answers is below medium: worth doing, not needed. */
  readonly isOptional: boolean;
  /** Steps to do first, and why, e.g. "After step 1: Windows cannot …". Null when it waits for nothing. */
  readonly after: { readonly steps: readonly number[]; readonly why: string } | null;
  /** What the fix costs in security, in plain words; null when it costs nothing. */
  readonly securityCost: string | null;
  /** Where it runs. */
  readonly where: 'this computer' | 'the remote computer';
}

function costOf(fixId: FixId): string | null {
  const meta: FixMeta = FIX_META[fixId];
  return meta.securityCost ?? null;
}

/** Puts each fix after the prerequisites that are also in the list, keeping the given order otherwise. */
function orderByPrerequisites(fixes: readonly FixId[]): FixId[] {
  const inPlan = new Set(fixes);
  const placed: FixId[] = [];
  const place = (fixId: FixId, seen: ReadonlySet<FixId>): void => {
    if (placed.includes(fixId) || seen.has(fixId)) return;
    for (const pre of PREREQUISITES[fixId] ?? []) if (inPlan.has(pre.fix)) place(pre.fix, new Set([...seen, fixId]));
    placed.push(fixId);
  };
  for (const fixId of fixes) place(fixId, new Set());
  return placed;
}

/**
 * The plan for findings ranked most likely first. Information-level findings offer nothing to do; lower findings'
 * fixes come after the problems' fixes and are optional.
 */
export function planOf(findings: readonly Finding[]): PlanStep[] {
  const ranked = [...findings.filter(isProblem), ...findings.filter((f) => !isProblem(f) && f.severity !== 'info')];
  const answers = new Map<FixId, Finding[]>();
  for (const finding of ranked) {
    for (const fixId of finding.fixes) answers.set(fixId, [...(answers.get(fixId) ?? []), finding]);
  }
  const all = [...answers.keys()];
  const optional = (fixId: FixId): boolean => !(answers.get(fixId) ?? []).some(isProblem);
  // Needed before optional, and whatever lowers security after everything else.
  const bands = [all.filter((f) => !optional(f) && !costOf(f)), all.filter((f) => optional(f) && !costOf(f)), all.filter((f) => costOf(f))];
  const ordered = orderByPrerequisites(bands.flat());
  const cause = ranked.length > 0 && isProblem(ranked[0]!) ? ranked[0]! : null;
  const recommended = ordered.find((fixId) => cause !== null && cause.fixes.includes(fixId)) ?? null;
  return ordered.map((fixId, index) => {
    const found = answers.get(fixId) ?? [];
    const waits = (PREREQUISITES[fixId] ?? []).filter((pre) => ordered.includes(pre.fix));
    const steps = waits.map((pre) => ordered.indexOf(pre.fix) + 1);
    return {
      number: index + 1,
      fixId,
      title: FIX_META[fixId].title,
      answers: found.map((f) => f.id),
      answerTitles: found.map((f) => f.title || FINDING_META[f.id].title),
      isRecommended: fixId === recommended,
      isOptional: optional(fixId),
      after: waits.length > 0 ? { steps, why: `After step ${steps.join(' and ')}: ${waits.map((w) => w.why).join('; ')}.` } : null,
      securityCost: costOf(fixId),
      where: FIX_META[fixId].scope === 'host' ? 'the remote computer' : 'this computer',
    };
  });
}

/** The checklist steps ("3.2") of the checks behind the findings a plan step answers, in checklist order. */
export function checklistStepsOf(step: PlanStep, findings: readonly Finding[]): string[] {
  const ids = new Set<CheckId>(findings.filter((f) => step.answers.includes(f.id)).flatMap((f) => f.checks));
  return [...ids].map(checkStepNumber).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
