/** Pure updates of the fix dialog: plan preview, apply, verification and undo, one step at a time. */
import type { FixPlan, FixResult, UndoResult } from '../../src-main/shared/dto';
import type { CheckId, FindingId, FixId } from '../../src-main/shared/ids';

/** Where the fix dialog is. */
export type FixPhase = 'closed' | 'planning' | 'preview' | 'applying' | 'applied' | 'undoing' | 'undone';

/** A finding the open fix answers, as the diagnosis showed it when the dialog opened. */
export interface AnsweredFinding {
  readonly id: FindingId;
  readonly title: string;
  readonly checks: readonly CheckId[];
}

/** Fix dialog state. */
export interface FixState {
  readonly phase: FixPhase;
  readonly fixId: FixId | null;
  /** The findings this fix answers, so "Did this fix it?" can tell whether they are gone. */
  readonly answered: readonly AnsweredFinding[];
  readonly plan: FixPlan | null;
  readonly result: FixResult | null;
  readonly undo: UndoResult | null;
  readonly error: string | null;
}

/** Nothing open. */
export function closedFix(): FixState {
  return { phase: 'closed', fixId: null, answered: [], plan: null, result: null, undo: null, error: null };
}

/** The user asked for a fix: fetch its plan. */
export function planRequested(fixId: FixId, answered: readonly AnsweredFinding[] = []): FixState {
  return { ...closedFix(), phase: 'planning', fixId, answered };
}

/** The checks "Did this fix it?" re-runs: the ones the fix is verified by and the ones its findings rest on. */
export function recheckIds(state: Pick<FixState, 'plan' | 'answered'>): CheckId[] {
  return [...new Set<CheckId>([...(state.plan?.verifyChecks ?? []), ...state.answered.flatMap((f) => f.checks)])];
}

/** The plan arrived (ignored if the dialog moved on to another fix or closed). */
export function planReceived(state: FixState, fixId: FixId, plan: FixPlan): FixState {
  if (state.fixId !== fixId || state.phase !== 'planning') return state;
  return { ...state, phase: 'preview', plan };
}

/** A step failed; the dialog stays on the step it was at, showing the message. */
export function stepFailed(state: FixState, fixId: FixId, message: string): FixState {
  if (state.fixId !== fixId) return state;
  const back: FixPhase = state.phase === 'planning' ? 'preview' : state.phase === 'applying' ? 'preview' : state.phase === 'undoing' ? 'applied' : state.phase;
  return { ...state, phase: back, error: message };
}

/** The user confirmed; only from the preview. */
export function applyRequested(state: FixState): FixState {
  if (state.phase !== 'preview' || !state.plan) return state;
  return { ...state, phase: 'applying', error: null };
}

/** The apply call answered. */
export function applyFinished(state: FixState, fixId: FixId, result: FixResult): FixState {
  if (state.fixId !== fixId || state.phase !== 'applying') return state;
  return { ...state, phase: 'applied', result };
}

/** True when the applied fix can be undone: it was journaled and its backup can put something back. */
export function canUndo(state: FixState): boolean {
  return state.phase === 'applied' && !!state.result?.journalId && state.result.status === 'applied' && state.plan?.reversibility === 'undoable';
}

/** Undo was requested. */
export function undoRequested(state: FixState): FixState {
  if (!canUndo(state)) return state;
  return { ...state, phase: 'undoing', error: null };
}

/** Undo answered. */
export function undoFinished(state: FixState, fixId: FixId, undo: UndoResult): FixState {
  if (state.fixId !== fixId || state.phase !== 'undoing') return state;
  return undo.ok ? { ...state, phase: 'undone', undo } : { ...state, phase: 'applied', undo, error: undo.message };
}
