/** The fix dialog: preview of the exact changes, admin rights, security cost, then apply, verify and undo. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ShieldError16Regular } from '@fluentui/react-icons';
import type { FixPlan } from '../../../src-main/shared/dto';
import type { FixId } from '../../../src-main/shared/ids';
import { FIX_META } from '../../../src-main/shared/catalog';
import { checklistStepsOf, planOf } from '../../../src-main/shared/action-plan';
import { useRunStore } from '../../state/run-store';
import { useSettingsStore } from '../../state/settings-store';
import { downloadBase64 } from '../../bridge';
import { useReturnFocus } from '../../components/use-return-focus';
import { applyFix, closeFix, undoFix, useFixStore } from '../../state/fix-store';
import { canUndo } from '../../state/fix-update';
import { FixOutcome } from './FixOutcome';
import { FixPreview } from './FixPreview';

/** The risks said right next to Apply: what it costs in security, and whether it can be taken back. */
function risksOf(plan: FixPlan): { title: string; text: string }[] {
  const risks: { title: string; text: string }[] = [];
  if (plan.reversibility === 'irreversible') risks.push({ title: 'This cannot be undone.', text: plan.undo[0] ?? '' });
  if (plan.securityCost) risks.push({ title: 'This lowers security.', text: plan.securityCost });
  return risks;
}

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: 'calc(100vw - 48px)' },
  actions: { flexWrap: 'wrap', justifyContent: 'flex-end', gridColumnStart: 1, gridColumnEnd: -1 },
  risks: { flexBasis: '100%', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXS },
  risk: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'flex-start', color: tokens.colorPaletteDarkOrangeForeground1 },
  riskIcon: { flexShrink: 0, marginTop: '2px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '65vh', overflowY: 'auto' },
  step: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
});

/** Support mode: where this fix stands in "What to do now" and the checklist, in the numbers both sides see. */
function SupportStep({ fixId }: { fixId: FixId }): React.JSX.Element | null {
  const styles = useStyles();
  const findings = useRunStore((state) => state.findings);
  const step = planOf(findings).find((s) => s.fixId === fixId);
  if (!step) return null;
  const checks = checklistStepsOf(step, findings);
  return (
    <Text className={styles.step}>{`Step ${step.number} of “What to do now”${checks.length ? ` · checklist step${checks.length > 1 ? 's' : ''} ${checks.join(', ')}` : ''}`}</Text>
  );
}

/** The dialog; open whenever a fix is selected. */
export function FixDialog(): React.JSX.Element | null {
  const styles = useStyles();
  const state = useFixStore();
  const isSupportMode = useSettingsStore((s) => s.isSupportMode);
  const { phase, fixId, plan, result, undo, error } = state;
  const title = fixId ? `Fix: ${FIX_META[fixId].title}` : 'Fix';
  const isBusy = phase === 'planning' || phase === 'applying' || phase === 'undoing';
  const canApply = phase === 'preview' && plan !== null && plan.canApplyHere;
  const isOpen = phase !== 'closed';
  const risks = plan ? risksOf(plan) : [];
  const riskId = 'fix-risks';
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
            {isSupportMode && fixId ? <SupportStep fixId={fixId} /> : null}
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
            {result && (phase === 'applied' || phase === 'undoing' || phase === 'undone') ? <FixOutcome result={result} undo={undo} plan={plan} answered={state.answered} /> : null}
            {phase === 'undoing' ? <Spinner size="small" label="Undoing…" /> : null}
          </DialogContent>
          <DialogActions position="end" className={styles.actions}>
            {canApply && risks.length > 0 ? (
              <div className={styles.risks} id={riskId}>
                {risks.map((risk) => (
                  <Text key={risk.title} className={styles.risk}>
                    <ShieldError16Regular className={styles.riskIcon} aria-hidden="true" />
                    <span>
                      <strong>{risk.title}</strong> {risk.text}
                    </span>
                  </Text>
                ))}
              </div>
            ) : null}
            {canApply ? (
              <Button appearance="primary" onClick={() => void applyFix()} aria-describedby={risks.length > 0 ? riskId : undefined}>
                {plan.securityCost || plan.reversibility === 'irreversible' ? 'I understand, apply the fix' : 'Apply the fix'}
              </Button>
            ) : null}
            {result?.output && phase === 'applied' && !/\.rdp$/i.test(result.output.fileName) ? (
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
