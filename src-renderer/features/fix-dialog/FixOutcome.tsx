/** What applying a fix did: its message, the verification against its intended state, "Did this fix it?", and the undo result. */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwise16Regular, Open16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { FixPlan, FixResult, UndoResult } from '../../../src-main/shared/dto';
import { downloadBase64 } from '../../bridge';
import { recheckAfterFix } from '../../state/fix-store';
import type { AnsweredFinding } from '../../state/fix-update';
import { useRunStore } from '../../state/run-store';
import { StatusIcon } from '../checklist/StatusIcon';
import { STATE_WORDS } from '../checklist/status-words';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

const STATUS_TITLES = {
  applied: 'The fix was applied',
  'dry-run': 'Nothing was changed (dry run)',
  failed: 'The fix failed',
  declined: 'The fix was not applied',
  'script-only': 'Run the script on the remote computer',
} as const satisfies Record<FixResult['status'], string>;

/** The verification heading: what the fix set out to do, and whether the checks show it. */
function verificationTitle(verification: NonNullable<FixResult['verification']>): string {
  const words = verification.intended?.words;
  if (verification.verified) return words ? `Verified: ${words}` : 'Verified: the problem is gone';
  if (verification.intended?.reached === false) return `Not verified: the checks do not show that ${words}`;
  const still = verification.remaining.filter((r) => r.explained === null).map((r) => r.title);
  if (still.length > 0) return `Not verified: ${still.join(' and ')} still ${still.length === 1 ? 'shows' : 'show'}`;
  return 'Not verified: the problem is still there';
}

/** "Did this fix it?": re-run the affected checks in the diagnosis and say whether the findings the fix answered are gone. */
function DidItWork({ answered, output }: { answered: readonly AnsweredFinding[]; output: FixResult['output'] }): React.JSX.Element {
  const styles = useStyles();
  const [asked, setAsked] = useState(false);
  const isRechecking = useRunStore((state) => state.reruns.length > 0 || state.awaitingReruns > 0);
  const findings = useRunStore((state) => state.findings);
  const canRecheck = useRunStore((state) => state.phase === 'finished' && state.taskId !== null);
  const still = answered.filter((a) => findings.some((f) => f.id === a.id));
  const isRdp = output !== null && /\.rdp$/i.test(output.fileName);
  return (
    <section className={styles.section} aria-label="Did this fix it?">
      <h3 className={styles.heading}>Did this fix it?</h3>
      <div className={styles.row}>
        {canRecheck ? (
          <Button
            icon={<ArrowClockwise16Regular />}
            disabled={isRechecking}
            onClick={() => {
              setAsked(true);
              void recheckAfterFix();
            }}
          >
            Check again
          </Button>
        ) : null}
        {isRdp && output ? (
          <Button icon={<Open16Regular />} onClick={() => downloadBase64(output.fileName, output.mime, output.contentBase64)}>
            {`Open ${output.fileName} in Remote Desktop Connection`}
          </Button>
        ) : null}
      </div>
      {isRdp ? (
        <Text size={200} className={styles.muted}>
          The file is saved first; opening it starts Remote Desktop Connection with the clean settings.
        </Text>
      ) : null}
      <div aria-live="polite">
        {asked && isRechecking ? <Spinner size="tiny" label="Checking again…" /> : null}
        {asked && !isRechecking ? (
          answered.length === 0 ? (
            <Text>The checks ran again; the results above are up to date.</Text>
          ) : still.length === 0 ? (
            <Text weight="semibold">{`Yes: ${answered.map((a) => `"${a.title}"`).join(' and ')} no longer ${answered.length === 1 ? 'shows' : 'show'}. Try connecting again.`}</Text>
          ) : (
            <Text weight="semibold">{`Not yet: ${still.map((a) => `"${a.title}"`).join(' and ')} still ${still.length === 1 ? 'shows' : 'show'}. See the results for the next step.`}</Text>
          )
        ) : null}
      </div>
    </section>
  );
}

/** The outcome panel. */
export function FixOutcome({
  result,
  undo,
  plan,
  answered,
}: {
  result: FixResult;
  undo: UndoResult | null;
  plan: FixPlan | null;
  answered: readonly AnsweredFinding[];
}): React.JSX.Element {
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
      {plan?.reversibility === 'irreversible' && result.status === 'applied' ? <Text className={styles.muted}>{`This cannot be undone. ${plan.undo[0] ?? ''}`}</Text> : null}
      {verification ? (
        <section aria-label="Verification">
          <h3 className={styles.heading}>{verificationTitle(verification)}</h3>
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
      {result.status === 'applied' && !undo?.ok ? <DidItWork answered={answered} output={result.output} /> : null}
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
