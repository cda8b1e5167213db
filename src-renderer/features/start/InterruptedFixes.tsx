/** Fixes a crash interrupted last time: what happened, and Undo where the app could not undo by itself. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { FIX_META } from '../../../src-main/shared/catalog';
import { dismissInterruptedFix, dismissJournalProblem, undoInterruptedFix, useSettingsStore } from '../../state/settings-store';

/** One message bar per interrupted fix and per journal entry the app left alone; nothing when there is none. */
export function InterruptedFixes(): React.JSX.Element | null {
  const fixes = useSettingsStore((state) => state.info?.interruptedFixes);
  const problems = useSettingsStore((state) => state.info?.journalProblems);
  const undoState = useSettingsStore((state) => state.recoveryUndo);
  if ((!fixes || fixes.length === 0) && (!problems || problems.length === 0)) return null;
  return (
    <section aria-label="Interrupted fixes">
      {(problems ?? []).map((problem) => (
        <MessageBar key={problem} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>A fix record was left alone</MessageBarTitle>
            {problem} Nothing was undone or run from it.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => dismissJournalProblem(problem)}>OK</Button>
          </MessageBarActions>
        </MessageBar>
      ))}
      {(fixes ?? []).map((fix) => {
        const state = undoState[fix.journalId];
        const title = FIX_META[fix.fixId].title;
        return (
          <MessageBar key={fix.journalId} intent={fix.undone ? 'info' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{fix.undone ? `An interrupted fix was undone: ${title}` : `A fix was interrupted: ${title}`}</MessageBarTitle>
              {fix.message}
              {state?.error ? ` Undo failed: ${state.error}` : null}
            </MessageBarBody>
            <MessageBarActions>
              {fix.undone || !fix.canUndo ? (
                <Button onClick={() => dismissInterruptedFix(fix.journalId)}>OK</Button>
              ) : state?.isRunning ? (
                <Spinner size="tiny" label="Undoing…" />
              ) : (
                <Button appearance="primary" aria-label={`Undo: ${title}`} onClick={() => void undoInterruptedFix(fix.journalId)}>
                  Undo
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        );
      })}
    </section>
  );
}
