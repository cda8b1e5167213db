/** The start form folded into one line once a diagnosis runs: what is diagnosed, run again, change. */
import { Button, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, Edit20Regular } from '@fluentui/react-icons';
import { shownTarget } from '../../state/start-update';

const useStyles = makeStyles({
  card: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`, flexDirection: 'row', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  text: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Props of the summary bar. */
export interface RunSummaryBarProps {
  readonly target: string;
  readonly fileName: string | null;
  readonly errorText: string;
  /** The computer the loaded host evidence was read on, when one is loaded. */
  readonly evidenceFrom?: string | null;
  readonly isBusy: boolean;
  readonly onRunAgain: () => void;
  readonly onChange: () => void;
}

/** The folded start form. */
export function RunSummaryBar({ target, fileName, errorText, evidenceFrom, isBusy, onRunAgain, onChange }: RunSummaryBarProps): React.JSX.Element {
  const styles = useStyles();
  const label = target ? shownTarget(target) : '';
  const details = [
    label && label !== target ? `entered as “${target.slice(0, 80)}”` : '',
    fileName ? `from ${fileName}` : '',
    errorText.trim() ? `error “${errorText.trim().slice(0, 60)}”` : '',
    evidenceFrom != null ? `host checks from the evidence of ${evidenceFrom || 'an unnamed computer'}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card className={styles.card} appearance="filled" role="region" aria-label="Diagnosed computer">
      <div className={styles.text}>
        {/* The page's h1 once the start form (which holds it before a run) has folded away. */}
        <Text as="h1" weight="semibold" size={400} className={styles.title}>
          {label || fileName || 'Remote computer'}
        </Text>
        {details ? (
          <Text size={200} className={styles.muted}>
            {details}
          </Text>
        ) : null}
      </div>
      <Button icon={<ArrowClockwise20Regular />} onClick={onRunAgain} disabled={isBusy}>
        Run again
      </Button>
      <Button icon={<Edit20Regular />} onClick={onChange}>
        New diagnosis
      </Button>
    </Card>
  );
}
