/** Recent targets (most recent first) as small buttons that fill in "Remote computer". */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { History16Regular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useSettingsStore } from '../../state/settings-store';
import { setTarget, useStartStore } from '../../state/start-store';
import { filterTargets } from '../../state/start-update';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { color: tokens.colorNeutralForeground3 },
});

/** Up to six recent targets matching what is typed; hidden when there are none. */
export function RecentTargets(): React.JSX.Element | null {
  const styles = useStyles();
  const recent = useSettingsStore((state) => state.info?.recentTargets);
  const typed = useStartStore((state) => state.target);
  const shown = useMemo(() => {
    const matches = filterTargets(recent ?? [], typed);
    return matches.filter((item) => item !== typed.trim()).slice(0, 6);
  }, [recent, typed]);
  if (shown.length === 0) return null;
  return (
    <div className={styles.row} role="group" aria-label="Recent computers">
      <Text size={200} className={styles.label}>
        Recent:
      </Text>
      {shown.map((item) => (
        <Button key={item} size="small" appearance="subtle" icon={<History16Regular />} onClick={() => setTarget(item)}>
          {item}
        </Button>
      ))}
    </div>
  );
}
