/** The result card of a support call: the same rows on the user's screen and on the helpdesk's decoded view. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { LARGE_STEP_NUMBER } from '../../components/step-number';
import type { ResultCard as Card } from '../../../src-main/shared/result-card';

const useStyles = makeStyles({
  rows: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    alignItems: 'baseline',
  },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, overflowWrap: 'anywhere' },
  cause: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  check: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  step: LARGE_STEP_NUMBER,
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The card's rows as a description list; `label` names it for screen readers. */
export function ResultCard({ card, label }: { card: Card; label: string }): React.JSX.Element {
  const styles = useStyles();
  const rows: { term: string; value: React.ReactNode }[] = [];
  if (card.computer) rows.push({ term: 'Computer', value: <Text weight="semibold">{card.computer}</Text> });
  rows.push({ term: card.cause ? 'Most likely cause' : 'Verdict', value: <Text className={styles.cause}>{card.cause ?? 'No problem found'}</Text> });
  if (card.failedChecks.length) {
    rows.push({
      term: 'Failed checks',
      value: card.failedChecks.map((check) => (
        <span key={check.step} className={styles.check}>
          <Text className={styles.step}>{check.step}</Text>
          <Text>{check.title}</Text>
        </span>
      )),
    });
  }
  rows.push({ term: 'Recommended fix', value: <Text weight="semibold">{card.recommendedFix ? `Fix: ${card.recommendedFix}` : 'None needed'}</Text> });
  if (card.also.length) rows.push({ term: card.cause ? 'Also found' : 'Noticed', value: card.also.map((title) => <Text key={title}>{title}</Text>) });
  rows.push({ term: 'Error codes', value: <Text className={card.errorCodes ? styles.mono : undefined}>{card.errorCodes ?? 'None given'}</Text> });
  rows.push({ term: 'Diagnosis ran', value: <Text>{card.ranAt ?? 'Not known'}</Text> });
  return (
    <dl className={styles.rows} aria-label={label} data-testid="result-card">
      {rows.map((row) => (
        <div key={row.term} style={{ display: 'contents' }}>
          <dt className={styles.label}>{row.term}</dt>
          <dd className={styles.value}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
