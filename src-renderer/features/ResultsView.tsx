/** Everything below the start form once a diagnosis exists: verdict, checklist and details. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useRunStore } from '../state/run-store';
import { Checklist } from './checklist/Checklist';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
});

/** The results area; empty before the first run. */
export function ResultsView(): React.JSX.Element | null {
  const styles = useStyles();
  const phase = useRunStore((state) => state.phase);
  if (phase === 'idle') return null;
  return (
    <div className={styles.stack}>
      <Checklist />
    </div>
  );
}
