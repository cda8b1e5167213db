/** One row for every check that skipped because there is no Windows here, with the list behind a disclosure. */
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { SubtractCircle20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { checkStepNumber } from '../../../src-main/shared/check-steps';
import { windowsOnlyTitle } from '../../../src-main/shared/needs-windows';
import type { CheckRow } from '../../state/run-update';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-start',
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  icon: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: { color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: 'flex-start', fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2, columnWidth: '260px' },
});

/** The folded row; its accessible name is the row's title. */
export function WindowsOnlyRow({ rows, isSupportMode }: { rows: readonly CheckRow[]; isSupportMode: boolean }): React.JSX.Element {
  const styles = useStyles();
  const [isOpen, setOpen] = useState(false);
  const title = windowsOnlyTitle(rows.length);
  return (
    <div className={styles.row} role="group" aria-label={title}>
      <SubtractCircle20Regular className={styles.icon} aria-hidden="true" />
      <div className={styles.text}>
        <Text weight="semibold" className={styles.title}>
          {title}
        </Text>
        <Text size={200} className={styles.muted}>
          Skipped here: they read Windows’ own Remote Desktop settings, logs and services. Run RDP Doctor on the Windows computer to include them.
        </Text>
        <Link as="button" className={styles.more} aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
          {isOpen ? 'Hide the list' : `Show the ${rows.length} checks`}
        </Link>
        {isOpen ? (
          <ul className={styles.list}>
            {rows.map((row) => (
              <li key={row.id}>
                <Text size={200}>{isSupportMode ? `${checkStepNumber(row.id)} ${row.title}` : row.title}</Text>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
