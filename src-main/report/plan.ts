/**
 * "What to do now" in a report: the shared action plan (same steps and order as the dashboard and the command line),
 * with what became of each fix in this session, the Microsoft page of the finding it answers, and the problems no
 * fix addresses.
 */
import { CHECK_META, FIX_META } from '../shared/catalog';
import { planOf } from '../shared/action-plan';
import { referenceOf, type FindingReference } from '../shared/finding-references';
import type { FixId } from '../shared/ids';
import type { AppliedFix, Report } from '../shared/schema';
import { isProblem, type Verdict } from '../shared/verdict';

/** One numbered step of the plan, as a report shows it. */
export interface ReportStep {
  readonly number: number;
  readonly title: string;
  /** "on this computer" / "on the remote computer". */
  readonly where: string;
  /** Titles of the findings it answers. */
  readonly forFindings: readonly string[];
  readonly isRecommended: boolean;
  readonly isOptional: boolean;
  /** "After step 1: …" when another step must come first. */
  readonly after: string | null;
  readonly securityCost: string | null;
  /** What became of the fix in this session ("Applied and verified", "Undone"), or null when it did not run. */
  readonly outcome: string | null;
  readonly reference: FindingReference | null;
}

/** The plan of a report. */
export interface ReportPlan {
  readonly steps: readonly ReportStep[];
  /** Problems no fix addresses: what to read instead. */
  readonly withoutFix: readonly { readonly title: string; readonly reference: FindingReference | null }[];
  /** For "No single cause identified": the checks to start with. */
  readonly startWith: readonly string[];
  /** Fixes that ran in the session but are no step of the plan (their finding is gone after a re-run). */
  readonly otherFixesApplied: readonly { readonly title: string; readonly outcome: string }[];
}

/** What became of a fix, in words. */
export function fixOutcome(fix: AppliedFix): string {
  const verified = fix.verified === null ? '' : fix.verified ? ' and verified' : ', but the check still fails';
  const words: Record<AppliedFix['status'], string> = {
    applied: `Applied${verified}`,
    'dry-run': 'Previewed, not applied',
    failed: 'Failed',
    declined: 'Declined',
    'script-only': 'Script handed out for the remote computer',
    undone: 'Undone',
  };
  return words[fix.status];
}

/** The latest record of each fix that ran in the session. */
function latestByFix(applied: readonly AppliedFix[]): Map<FixId, AppliedFix> {
  const latest = new Map<FixId, AppliedFix>();
  for (const fix of applied) {
    const seen = latest.get(fix.fixId);
    if (!seen || seen.at <= fix.at) latest.set(fix.fixId, fix);
  }
  return latest;
}

/** Builds the plan of a report from its findings and verdict. */
export function buildPlan(report: Report, verdict: Verdict): ReportPlan {
  const latest = latestByFix(report.fixesApplied);
  const steps = planOf(report.findings).map((step): ReportStep => {
    const ran = latest.get(step.fixId);
    return {
      number: step.number,
      title: step.title,
      where: `on ${step.where}`,
      forFindings: step.answerTitles,
      isRecommended: step.isRecommended,
      isOptional: step.isOptional,
      after: step.after?.why ?? null,
      securityCost: step.securityCost,
      outcome: ran ? fixOutcome(ran) : null,
      reference: step.answers.map(referenceOf).find((r) => r !== null) ?? null,
    };
  });
  const inPlan = new Set(planOf(report.findings).map((s) => s.fixId));
  return {
    steps,
    withoutFix: report.findings.filter((f) => isProblem(f) && f.fixes.length === 0).map((f) => ({ title: f.title, reference: referenceOf(f.id) })),
    startWith: verdict.kind === 'unclear' ? verdict.failedChecks.map((id) => CHECK_META[id].title) : [],
    otherFixesApplied: [...latest.values()].filter((f) => !inPlan.has(f.fixId)).map((f) => ({ title: FIX_META[f.fixId].title, outcome: fixOutcome(f) })),
  };
}
