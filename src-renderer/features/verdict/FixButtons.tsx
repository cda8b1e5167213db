/** One button per fix of a finding, named "Fix: <fix title>" (CATALOG §7). */
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { Wrench16Regular } from '@fluentui/react-icons';
import { FIX_META } from '../../../src-main/shared/catalog';
import type { FixId } from '../../../src-main/shared/ids';
import { openFix } from '../../state/fix-store';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** The fix buttons; the first one is primary when `isPrimary`. */
export function FixButtons({ fixes, isPrimary = false }: { fixes: readonly FixId[]; isPrimary?: boolean }): React.JSX.Element | null {
  const styles = useStyles();
  if (fixes.length === 0) return null;
  return (
    <div className={styles.row}>
      {fixes.map((fixId, index) => (
        <Button key={fixId} appearance={isPrimary && index === 0 ? 'primary' : 'secondary'} icon={<Wrench16Regular />} onClick={() => void openFix(fixId)}>
          {`Fix: ${FIX_META[fixId].title}`}
        </Button>
      ))}
    </div>
  );
}
