/**
 * The step number of every check as support mode reads it out: "3.2" is the second check of section 3. Fixed by
 * the catalog (section order, then check order within the section), so the user's screen, the helpdesk's decoded
 * code and every door give one check the same number whatever ran or was folded away.
 */
import { CHECK_META } from './catalog';
import { CHECK_IDS, SECTION_IDS, type CheckId } from './ids';

const STEPS: ReadonlyMap<CheckId, string> = new Map(
  SECTION_IDS.flatMap((section, s) => CHECK_IDS.filter((id) => CHECK_META[id].section === section).map((id, c) => [id, `${s + 1}.${c + 1}`] as const)),
);

/** The support-mode step number of a check, e.g. "3.2". */
export function checkStepNumber(id: CheckId): string {
  return STEPS.get(id) ?? '?';
}
