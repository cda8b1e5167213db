/** What applying a fix did: its message, the verification checks, and the undo result. */
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { FixResult, UndoResult } from '../../../src-main/shared/dto';
import { StatusIcon } from '../checklist/StatusIcon';
import { STATE_WORDS } from '../checklist/status-words';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const STATUS_TITLES = {
  applied: 'The fix was applied',
  'dry-run': 'Nothing was changed (dry run)',
  failed: 'The fix failed',
  declined: 'The fix was not applied',
  'script-only': 'Run the script on the remote computer',
} as const satisfies Record<FixResult['status'], string>;

/** The outcome panel. */
export function FixOutcome({ result, undo }: { result: FixResult; undo: UndoResult | null }): React.JSX.Element {
  const styles = useStyles();
  const verification = result.verification;
  const intent = result.status === 'failed' ? 'error' : result.status === 'applied' ? (verification && !verification.verified ? 'warning' : 'success') : 'info';
  return (
    <>
      <MessageBar intent={intent}>
        <MessageBarBody>
          <MessageBarTitle>{STATUS_TITLES[result.status]}</MessageBarTitle>
          {result.message}
        </MessageBarBody>
      </MessageBar>
      {verification ? (
        <section aria-label="Verification">
          <h3 className={styles.heading}>{verification.verified ? 'Verified: the problem is gone' : 'Not verified: the problem is still there'}</h3>
          <ul className={styles.list}>
            {verification.checks.map((check) => (
              <li key={check.id} className={styles.item}>
                <StatusIcon state={check.status} />
                <Text>
                  <Text weight="semibold">{check.title}</Text>
                  {` — ${STATE_WORDS[check.status]}: ${check.summary}`}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {undo ? (
        <MessageBar intent={undo.ok ? 'success' : 'error'}>
          <MessageBarBody>
            <MessageBarTitle>{undo.ok ? 'Undone' : 'Undo failed'}</MessageBarTitle>
            {undo.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
