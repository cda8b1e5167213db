/** The fix dialog store and its actions: preview a fix, apply it, verify, undo. */
import { create } from 'zustand';
import type { FixId } from '../../src-main/shared/ids';
import { call, messageOf } from '../bridge';
import { applyFinished, applyRequested, closedFix, planReceived, planRequested, recheckIds, stepFailed, undoFinished, undoRequested, type FixState } from './fix-update';
import { rerunChecks, useRunStore } from './run-store';

/** The fix dialog store. */
export const useFixStore = create<FixState>()(() => closedFix());

function set(fn: (state: FixState) => FixState): void {
  useFixStore.setState((state) => fn(state), true);
}

function runContext(): { target: string; taskId?: string } {
  const { target, taskId } = useRunStore.getState();
  return taskId ? { target, taskId } : { target };
}

/** Opens the fix dialog and loads the fix's plan (the exact changes, before anything runs). */
export async function openFix(fixId: FixId): Promise<void> {
  const answered = useRunStore
    .getState()
    .findings.filter((f) => f.fixes.includes(fixId))
    .map((f) => ({ id: f.id, title: f.title, checks: [...f.checks] }));
  set(() => planRequested(fixId, answered));
  try {
    const plan = await call('fix:plan', { fixId, ...runContext() });
    set((state) => planReceived(state, fixId, plan));
  } catch (error) {
    set((state) => stepFailed(state, fixId, messageOf(error)));
  }
}

/** Applies the previewed fix; the service backs up, applies and re-runs the verifying checks. */
export async function applyFix(): Promise<void> {
  const { fixId, phase } = useFixStore.getState();
  if (!fixId || phase !== 'preview') return;
  set(applyRequested);
  try {
    const result = await call('fix:apply', { fixId, ...runContext() });
    set((state) => applyFinished(state, fixId, result));
  } catch (error) {
    set((state) => stepFailed(state, fixId, messageOf(error)));
  }
}

/** Undoes the fix just applied, from its journal. */
export async function undoFix(): Promise<void> {
  const { fixId, result } = useFixStore.getState();
  const journalId = result?.journalId;
  if (!fixId || !journalId) return;
  set(undoRequested);
  try {
    const undo = await call('fix:undo', { journalId });
    set((state) => undoFinished(state, fixId, undo));
  } catch (error) {
    set((state) => stepFailed(state, fixId, messageOf(error)));
  }
}

/** "Did this fix it?": re-runs the affected checks within the diagnosis; the dialog reads the new findings. */
export async function recheckAfterFix(): Promise<void> {
  await rerunChecks(recheckIds(useFixStore.getState()));
}

/** Closes the dialog (a running step still finishes on the service side). */
export function closeFix(): void {
  set(() => closedFix());
}
