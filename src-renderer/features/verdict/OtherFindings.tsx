/** The other things noticed, less likely than the verdict (or not problems at all); their fixes are steps of the plan above. */
import { Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { readableText } from '../details/evidence-format';
import type { Finding } from '../../../src-main/shared/schema';
import { confidencePercent, confidenceWords, SEVERITY_WORDS } from '../../state/findings';
import { planOf } from '../../../src-main/shared/action-plan';
import { useMemo } from 'react';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
});

function StepsOf({ steps }: { steps: readonly number[] }): React.JSX.Element | null {
  const styles = useStyles();
  if (steps.length === 0) return null;
  return <Text size={200} className={styles.muted}>{`What to do: step ${steps.join(' and ')} of the plan above.`}</Text>;
}

const BADGE_COLOR = { critical: 'danger', high: 'danger', medium: 'warning', low: 'informative', info: 'subtle' } as const;

/** The list of other findings. */
export function OtherFindings({ findings, all }: { findings: readonly Finding[]; all: readonly Finding[] }): React.JSX.Element {
  const styles = useStyles();
  // Each fix is offered once, in the plan: here a finding only says which steps answer it.
  const plan = useMemo(() => planOf(all), [all]);
  return (
    <Card className={styles.card} appearance="filled" role="region" aria-label="Other findings">
      <h2 className={styles.heading}>Other things we noticed</h2>
      <ul className={styles.list}>
        {findings.map((finding) => (
          <li key={finding.id} className={styles.item}>
            <div className={styles.line}>
              <h3 className={styles.title}>{finding.title}</h3>
              <Badge appearance="tint" color={BADGE_COLOR[finding.severity]}>
                {SEVERITY_WORDS[finding.severity]}
              </Badge>
              <Text size={200} className={styles.muted}>
                {confidenceWords(finding.confidence)} ({confidencePercent(finding.confidence)}%)
              </Text>
            </div>
            <Text className={styles.muted}>{readableText(finding.explanation)}</Text>
            <StepsOf steps={plan.filter((step) => step.answers.includes(finding.id)).map((step) => step.number)} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
