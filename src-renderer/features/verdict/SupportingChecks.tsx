/** The checks a finding rests on, with their status and one-line result. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { CHECK_META } from '../../../src-main/shared/catalog';
import type { CheckId } from '../../../src-main/shared/ids';
import { useRunStore } from '../../state/run-store';
import { StatusIcon } from '../checklist/StatusIcon';
import { summarizeRow } from '../checklist/row-summary';
import { STATE_WORDS } from '../checklist/status-words';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The evidence checks of a finding. */
export function SupportingChecks({ ids }: { ids: readonly CheckId[] }): React.JSX.Element | null {
  const styles = useStyles();
  const rows = useRunStore((state) => state.rows);
  if (ids.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Evidence">
      {ids.map((id) => {
        const row = rows[id];
        return (
          <li key={id} className={styles.item}>
            <StatusIcon state={row?.state ?? 'queued'} />
            <Text>
              <Text weight="semibold">{row?.title ?? CHECK_META[id].title}</Text>
              {row ? <span className={styles.muted}>{` — ${summarizeRow(row.id, row.summary, row.evidence).line || STATE_WORDS[row.state]}`}</span> : null}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
