/** The details of one check in human form; evidence without a dedicated view is shown as a definition list. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { CheckId } from '../../../src-main/shared/ids';
import { CertificateCard } from './CertificateCard';
import { EventTimeline } from './EventTimeline';
import { EvidenceList } from './EvidenceList';
import { NegotiationMatrix } from './NegotiationMatrix';
import { readCertificate, readEvents, readNegotiation, readNtlm } from './evidence-shapes';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

function DedicatedView({ id, evidence }: { id: CheckId; evidence: Readonly<Record<string, unknown>> }): React.JSX.Element | null {
  if (id === 'tls.certificate' || id === 'server.certificate') {
    const cert = readCertificate(evidence);
    if (cert) return <CertificateCard cert={cert} />;
  }
  if (id === 'rdp.negotiation') {
    const rows = readNegotiation(evidence);
    if (rows) return <NegotiationMatrix rows={rows} />;
  }
  if (id === 'credssp.ntlm-info') {
    const ntlm = readNtlm(evidence);
    if (ntlm) return <EvidenceList evidence={ntlm} />;
  }
  if (id === 'client.events' || id === 'server.events') {
    const events = readEvents(evidence);
    if (events) return <EventTimeline events={events} />;
  }
  return null;
}

/** Picks the view for a check's evidence; the raw fields stay available below a dedicated view. */
export function CheckDetails({ id, evidence }: { id: CheckId; evidence: Readonly<Record<string, unknown>> }): React.JSX.Element {
  const styles = useStyles();
  const dedicated = DedicatedView({ id, evidence });
  if (!dedicated) return <EvidenceList evidence={evidence} />;
  return <div className={styles.stack}>{dedicated}</div>;
}
