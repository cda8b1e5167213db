/** The details of one check in human form; evidence without a dedicated view is shown as a definition list. */
import type { CheckId } from '../../../src-main/shared/ids';
import { EvidenceList } from './EvidenceList';

/** Picks the view for a check's evidence. */
export function CheckDetails({ evidence }: { id: CheckId; evidence: Readonly<Record<string, unknown>> }): React.JSX.Element {
  return <EvidenceList evidence={evidence} />;
}
