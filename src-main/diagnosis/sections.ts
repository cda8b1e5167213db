/** Groups checks and findings into the technician's checklist (docs/contract.md#checklist-sections), for the UI and the reports. */
import { SECTION_TITLES } from '../shared/catalog';
import { CHECK_IDS, CHECK_STATUSES, SECTION_IDS, type CheckStatus, type SectionId } from '../shared/ids';
import type { CheckResult, Finding } from '../shared/schema';

/** A section's overall state: its worst check or what its findings imply, or 'empty' when none of its checks ran. */
export type SectionStatus = CheckStatus | 'empty';

/** One checklist section with its checks (catalog order) and findings (ranked order). */
export interface SectionGroup {
  readonly id: SectionId;
  readonly title: string;
  /** Its worst check, raised by its findings: a high or critical finding makes it 'fail', a medium one at least 'warn'. */
  readonly status: SectionStatus;
  readonly checks: readonly CheckResult[];
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
  /** A finding of severity high or critical sits in this section. */
  readonly hasBlockingFinding: boolean;
}

/** Worst first: a failure outranks an error, which outranks a warning, and so on. */
const WORST_FIRST: readonly CheckStatus[] = ['fail', 'error', 'warn', 'pass', 'skip'];

/** The worst status among `statuses`, or 'empty'. */
export function worstStatus(statuses: readonly CheckStatus[]): SectionStatus {
  for (const s of WORST_FIRST) if (statuses.includes(s)) return s;
  return 'empty';
}

/** The status a finding gives its section: a section holding a cause is never "Passed". */
function findingStatus(f: Finding): CheckStatus | null {
  if (f.severity === 'critical' || f.severity === 'high') return 'fail';
  return f.severity === 'medium' ? 'warn' : null;
}

/** All 11 sections in checklist order, each with its checks and findings; nothing is dropped or duplicated. */
export function groupBySection(checks: readonly CheckResult[], findings: readonly Finding[]): SectionGroup[] {
  const order = (c: CheckResult) => CHECK_IDS.indexOf(c.id);
  return SECTION_IDS.map((id) => {
    const own = checks.filter((c) => c.section === id).sort((a, b) => order(a) - order(b));
    const ownFindings = findings.filter((f) => f.section === id);
    const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, own.filter((c) => c.status === s).length])) as Record<CheckStatus, number>;
    return {
      id,
      title: SECTION_TITLES[id],
      status: worstStatus([...own.map((c) => c.status), ...ownFindings.map(findingStatus).filter((x): x is CheckStatus => x !== null)]),
      checks: own,
      findings: ownFindings,
      counts,
      hasBlockingFinding: ownFindings.some((f) => f.severity === 'critical' || f.severity === 'high'),
    };
  });
}
