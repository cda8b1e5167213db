/** The server certificate in human form: who it names, when it is valid, who issued it, thumbprints, problems. */
import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { daysLeftText, formatDate } from './evidence-format';
import type { CertificateView } from './evidence-shapes';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalL}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  dd: { margin: 0, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const VALIDITY = {
  valid: { words: 'Valid', color: 'success' },
  'expiring-soon': { words: 'Expires soon', color: 'warning' },
  expired: { words: 'Expired', color: 'danger' },
  'not-yet-valid': { words: 'Not valid yet', color: 'danger' },
} as const;

function daysText(daysLeft: number | null): string {
  return daysLeft === null ? '' : ` (${daysLeftText(daysLeft).toLowerCase()})`;
}

/** The certificate card. */
export function CertificateCard({ cert }: { cert: CertificateView }): React.JSX.Element {
  const styles = useStyles();
  const validity = cert.validity && cert.validity in VALIDITY ? VALIDITY[cert.validity as keyof typeof VALIDITY] : null;
  const names = [...cert.dnsNames, ...cert.ipAddresses];
  return (
    <section className={styles.card} aria-label="Certificate">
      <div className={styles.head}>
        <h4 className={styles.title}>Certificate</h4>
        {validity ? (
          <Badge appearance="filled" color={validity.color}>
            {validity.words}
          </Badge>
        ) : null}
        {cert.selfSigned ? (
          <Badge appearance="tint" color="informative">
            Self-signed
          </Badge>
        ) : null}
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>Issued to</dt>
        <dd className={styles.dd}>{cert.subject}</dd>
        <dt className={styles.term}>Names</dt>
        <dd className={styles.dd}>{names.length ? names.join(', ') : 'none besides the subject'}</dd>
        <dt className={styles.term}>Valid from</dt>
        <dd className={styles.dd}>{cert.notBefore ? formatDate(cert.notBefore) : '—'}</dd>
        <dt className={styles.term}>Valid until</dt>
        <dd className={styles.dd}>
          {cert.notAfter ? formatDate(cert.notAfter) : '—'}
          {daysText(cert.daysLeft)}
        </dd>
        <dt className={styles.term}>Issued by</dt>
        <dd className={styles.dd}>{cert.issuer}</dd>
        {cert.keyText ? (
          <>
            <dt className={styles.term}>Key</dt>
            <dd className={styles.dd}>
              {cert.keyText}
              {cert.signature ? `, signed with ${cert.signature}` : ''}
            </dd>
          </>
        ) : null}
        {cert.sha1 ? (
          <>
            <dt className={styles.term}>Thumbprint (SHA-1)</dt>
            <dd className={mergeClasses(styles.dd, styles.mono)}>{cert.sha1}</dd>
          </>
        ) : null}
        {cert.sha256 ? (
          <>
            <dt className={styles.term}>SHA-256</dt>
            <dd className={mergeClasses(styles.dd, styles.mono)}>{cert.sha256}</dd>
          </>
        ) : null}
      </dl>
      {cert.problems.length ? (
        <>
          <Text weight="semibold" size={200}>
            Problems
          </Text>
          <ul className={styles.problems}>
            {cert.problems.map((problem, index) => (
              <li key={index}>
                <Text size={200}>{problem}</Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
