/** The fix dialog: preview of the exact changes, admin rights, security cost, then apply, verify and undo. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { FIX_META } from '../../../src-main/shared/catalog';
import { downloadBase64 } from '../../bridge';
import { useReturnFocus } from '../../components/use-return-focus';
import { applyFix, closeFix, undoFix, useFixStore } from '../../state/fix-store';
import { canUndo } from '../../state/fix-update';
import { FixOutcome } from './FixOutcome';
import { FixPreview } from './FixPreview';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '65vh', overflowY: 'auto' },
});

/** The dialog; open whenever a fix is selected. */
export function FixDialog(): React.JSX.Element | null {
  const styles = useStyles();
  const state = useFixStore();
  const { phase, fixId, plan, result, undo, error } = state;
  const title = fixId ? `Fix: ${FIX_META[fixId].title}` : 'Fix';
  const isBusy = phase === 'planning' || phase === 'applying' || phase === 'undoing';
  const canApply = phase === 'preview' && plan !== null && plan.canApplyHere;
  const isOpen = phase !== 'closed';
  // The dialog is opened from a store action, not a DialogTrigger, so focus goes back to the fix button by hand.
  useReturnFocus(isOpen);
  // Mounted only while open: a mounted Dialog starts Fluent's focus trap, whose aria-hidden focusable guards would
  // then sit around the whole page on every screen (axe aria-hidden-focus).
  if (!isOpen) return null;

  return (
    <Dialog open={isOpen} onOpenChange={(_event, data) => (data.open ? undefined : closeFix())} modalType="modal">
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          {/* The preview can be taller than the dialog: the scrolling content takes focus so the keyboard can scroll it. */}
          <DialogContent className={styles.content} aria-live="polite" aria-busy={isBusy} tabIndex={0}>
            {phase === 'planning' ? <Spinner size="small" label="Preparing the preview…" /> : null}
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>
                  <MessageBarTitle>That did not work</MessageBarTitle>
                  {error}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {plan && (phase === 'preview' || phase === 'applying') ? <FixPreview plan={plan} /> : null}
            {phase === 'applying' ? <Spinner size="small" label="Applying the fix and checking again…" /> : null}
            {result && (phase === 'applied' || phase === 'undoing' || phase === 'undone') ? <FixOutcome result={result} undo={undo} /> : null}
            {phase === 'undoing' ? <Spinner size="small" label="Undoing…" /> : null}
          </DialogContent>
          <DialogActions>
            {canApply ? (
              <Button appearance="primary" onClick={() => void applyFix()}>
                {plan.securityCost ? 'I understand, apply the fix' : 'Apply the fix'}
              </Button>
            ) : null}
            {result?.output && phase === 'applied' ? (
              <Button appearance="primary" onClick={() => result.output && downloadBase64(result.output.fileName, result.output.mime, result.output.contentBase64)}>
                {`Save ${result.output.fileName}`}
              </Button>
            ) : null}
            {canUndo(state) ? <Button onClick={() => void undoFix()}>Undo</Button> : null}
            <Button appearance={phase === 'applied' || phase === 'undone' ? 'primary' : 'secondary'} onClick={closeFix} disabled={phase === 'applying' || phase === 'undoing'}>
              {phase === 'applied' || phase === 'undone' ? 'Done' : 'Cancel'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
