/** Fixes a crash interrupted last time: what happened, and Undo where the app could not undo by itself. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { FIX_META } from '../../../src-main/shared/catalog';
import { dismissInterruptedFix, undoInterruptedFix, useSettingsStore } from '../../state/settings-store';

/** One message bar per interrupted fix; nothing when there is none. */
export function InterruptedFixes(): React.JSX.Element | null {
  const fixes = useSettingsStore((state) => state.info?.interruptedFixes);
  const undoState = useSettingsStore((state) => state.recoveryUndo);
  if (!fixes || fixes.length === 0) return null;
  return (
    <section aria-label="Interrupted fixes">
      {fixes.map((fix) => {
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
