/** The checks a finding rests on, with their status and one-line result (and, in support mode, their step numbers). */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { Info20Regular } from '@fluentui/react-icons';
import { CHECK_META } from '../../../src-main/shared/catalog';
import { checkStepNumber } from '../../../src-main/shared/check-steps';
import type { CheckId } from '../../../src-main/shared/ids';
import { useRunStore } from '../../state/run-store';
import { StatusIcon } from '../checklist/StatusIcon';
import { summarizeRow } from '../checklist/row-summary';
import { STATE_WORDS } from '../checklist/status-words';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  muted: { color: tokens.colorNeutralForeground2 },
  neutral: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  step: {
    minWidth: '2.6em',
    flexShrink: 0,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
    fontVariantNumeric: 'tabular-nums',
  },
});

/**
 * The evidence checks of a finding. As the evidence of the cause (`isEvidenceOfCause`), a check that passed is a
 * fact the cause rests on, not a sign that all is well: it gets a neutral mark, never the green pass tick.
 */
export function SupportingChecks({
  ids,
  isEvidenceOfCause = false,
  showSteps = false,
}: {
  ids: readonly CheckId[];
  isEvidenceOfCause?: boolean;
  showSteps?: boolean;
}): React.JSX.Element | null {
  const styles = useStyles();
  const rows = useRunStore((state) => state.rows);
  if (ids.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Evidence">
      {ids.map((id) => {
        const row = rows[id];
        const state = row?.state ?? 'queued';
        const isNeutral = isEvidenceOfCause && state === 'pass';
        return (
          <li key={id} className={styles.item}>
            {showSteps ? <span className={styles.step}>{checkStepNumber(id)}</span> : null}
            {isNeutral ? <Info20Regular className={styles.neutral} aria-hidden="true" /> : <StatusIcon state={state} />}
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
