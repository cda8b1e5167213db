/** The 11 checklist sections with their checks, streamed live; Cancel while running; checks that need Windows folded into one row. */
import { Button, Card, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SECTION_TITLES } from '../../../src-main/shared/catalog';
import { SECTION_IDS } from '../../../src-main/shared/ids';
import { cancelDiagnosis, useRunStore } from '../../state/run-store';
import { checklistGroups, runProgress, shownPhase } from '../../state/run-update';
import { checkStepNumber } from '../../../src-main/shared/check-steps';
import { WindowsOnlyRow } from './WindowsOnlyRow';
import { useSettingsStore } from '../../state/settings-store';
import { CheckRowItem } from './CheckRowItem';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  sections: { margin: 0, padding: 0, listStyle: 'none', columnWidth: '420px', columnGap: tokens.spacingHorizontalXXL },
  // Support mode reads step by step over the phone: one column of large rows.
  oneColumn: { columnCount: 1 },
  section: { breakInside: 'avoid', paddingBottom: tokens.spacingVerticalL },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  bigTitle: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  number: { color: tokens.colorBrandForeground1, minWidth: '1.5em' },
  rows: { margin: 0, padding: 0, listStyle: 'none', borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, marginTop: tokens.spacingVerticalS },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalXS} 0` },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The checklist card. */
export function Checklist(): React.JSX.Element {
  const styles = useStyles();
  const { order, rows, phase, error } = useRunStore(useShallow((state) => ({ order: state.order, rows: state.rows, phase: shownPhase(state.phase), error: state.error })));
  const isSupportMode = useSettingsStore((state) => state.isSupportMode);
  const { sections, windowsOnly } = useMemo(() => checklistGroups({ order, rows }), [order, rows]);
  const { done, total } = useMemo(() => runProgress({ order, rows }), [order, rows]);
  const isRunning = phase === 'running' || phase === 'starting';

  return (
    <Card className={styles.card} appearance="filled">
      <div className={styles.head}>
        <h2 className={styles.title}>Checklist</h2>
        <Text className={styles.muted} aria-live="polite">
          {phase === 'starting'
            ? 'Starting…'
            : isRunning
              ? `${done} of ${total} checks done`
              : phase === 'cancelled'
                ? 'Cancelled'
                : phase === 'failed'
                  ? 'Stopped'
                  : `${total} checks done`}
        </Text>
        {isRunning ? <Button onClick={() => void cancelDiagnosis()}>Cancel</Button> : null}
      </div>
      {isRunning ? <ProgressBar value={total ? done / total : undefined} aria-label="Diagnosis progress" /> : null}
      {error ? <Text role="alert">{error}</Text> : null}
      <ol className={mergeClasses(styles.sections, isSupportMode && styles.oneColumn)}>
        {SECTION_IDS.map((section, index) => {
          const list = sections.get(section) ?? [];
          return (
            <li key={section} className={styles.section} aria-labelledby={`section-${section}`}>
              <h3 id={`section-${section}`} className={mergeClasses(styles.sectionTitle, isSupportMode && styles.bigTitle)}>
                <span className={styles.number}>{index + 1}.</span>
                {SECTION_TITLES[section]}
              </h3>
              {list.length > 0 ? (
                <ul className={styles.rows}>
                  {list.map((row) => (
                    <CheckRowItem key={row.id} row={row} canRerun={!isRunning} step={isSupportMode ? checkStepNumber(row.id) : null} />
                  ))}
                </ul>
              ) : (
                <Text as="p" size={200} className={styles.empty}>
                  {isRunning
                    ? 'Waiting…'
                    : windowsOnly.some((row) => row.section === section)
                      ? 'Only checks that need Windows (folded below).'
                      : 'Nothing to check in this section.'}
                </Text>
              )}
            </li>
          );
        })}
      </ol>
      {windowsOnly.length > 0 ? <WindowsOnlyRow rows={windowsOnly} isSupportMode={isSupportMode} /> : null}
    </Card>
  );
}
