/** The other possible causes, less likely than the verdict, each with its own fixes. */
import { Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { readableText } from '../details/evidence-format';
import type { Finding } from '../../../src-main/shared/schema';
import { confidencePercent, confidenceWords, SEVERITY_WORDS } from '../../state/findings';
import { FixButtons } from './FixButtons';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalM} 0`, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
});

const BADGE_COLOR = { critical: 'danger', high: 'danger', medium: 'warning', low: 'informative', info: 'subtle' } as const;

/** The list of other findings. */
export function OtherFindings({ findings }: { findings: readonly Finding[] }): React.JSX.Element {
  const styles = useStyles();
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
            <FixButtons fixes={finding.fixes} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
