/** A check state as a coloured icon (decorative: the row's name says the state in words). */
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Filled, Circle20Regular, DismissCircle20Filled, ErrorCircle20Filled, SubtractCircle20Regular, Warning20Filled } from '@fluentui/react-icons';
import type { RowState } from '../../state/run-update';

const useStyles = makeStyles({
  pass: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  box: { display: 'inline-flex', width: '20px', height: '20px', alignItems: 'center', justifyContent: 'center', flexShrink: 0 },
});

/** The icon for one state. */
export function StatusIcon({ state }: { state: RowState }): React.JSX.Element {
  const styles = useStyles();
  const icon = (() => {
    switch (state) {
      case 'pass':
        return <CheckmarkCircle20Filled className={styles.pass} />;
      case 'warn':
        return <Warning20Filled className={styles.warn} />;
      case 'fail':
        return <DismissCircle20Filled className={styles.fail} />;
      case 'error':
        return <ErrorCircle20Filled className={styles.error} />;
      case 'skip':
      case 'cancelled':
      case 'stopped':
        return <SubtractCircle20Regular className={styles.muted} />;
      case 'running':
        return <Spinner size="extra-tiny" />;
      default:
        return <Circle20Regular className={styles.muted} />;
    }
  })();
  return (
    <span className={styles.box} aria-hidden="true">
      {icon}
    </span>
  );
}
