/** Support mode on the user's screen: the result code to read aloud and the result card the helpdesk will see too. */
import { Card, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { resultCardOfReport } from '../../../src-main/shared/result-card';
import { useRunStore } from '../../state/run-store';
import { loadSupportCode, useSupportStore } from '../../state/support-store';
import { ResultCard } from './ResultCard';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  // The code on its own line (it is up to 22 characters at 40px), the card below it.
  grid: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: '40px',
    lineHeight: '52px',
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: '0.12em',
    color: tokens.colorBrandForeground1,
    overflowWrap: 'anywhere',
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The support panel of a run, shown while Support mode is on. */
export function SupportPanel(): React.JSX.Element {
  const styles = useStyles();
  const taskId = useRunStore((state) => state.taskId);
  const phase = useRunStore((state) => state.phase);
  const report = useRunStore((state) => state.report);
  const { code, codeError } = useSupportStore();
  const card = useMemo(() => (report && phase === 'finished' ? resultCardOfReport(report) : null), [report, phase]);

  useEffect(() => {
    if (taskId && report && phase === 'finished') void loadSupportCode(taskId, report);
  }, [taskId, report, phase]);

  return (
    <Card className={styles.card} appearance="filled" role="region" aria-label="Support">
      <div className={styles.grid}>
        <section className={styles.column} aria-labelledby="support-code-heading">
          <h2 id="support-code-heading" className={styles.heading}>
            Your result code
          </h2>
          {code ? (
            <>
              <Text className={styles.code} data-testid="support-code">
                {code}
              </Text>
              <Text>Read this code to your helpdesk: it shows them this card. The numbered steps below match what they see.</Text>
            </>
          ) : codeError ? (
            <Text>{codeError}</Text>
          ) : phase === 'finished' ? (
            <Spinner size="tiny" label="Getting the code…" />
          ) : (
            <Text className={styles.muted}>Run the diagnosis; the code appears here when it is done.</Text>
          )}
        </section>
        {card ? (
          <section className={styles.column} aria-labelledby="support-card-heading">
            <h2 id="support-card-heading" className={styles.heading}>
              Result card
            </h2>
            <ResultCard card={card} label="Result card" />
          </section>
        ) : null}
      </div>
    </Card>
  );
}
