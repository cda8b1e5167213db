/** App-wide settings: what the app says about itself and whether support mode is on. */
import { create } from 'zustand';
import type { AppInfo } from '../../src-main/shared/dto';
import { call, messageOf } from '../bridge';

/** Settings state. */
export interface SettingsState {
  readonly info: AppInfo | null;
  readonly isSupportMode: boolean;
  /** Per interrupted fix (journal id): undo running, or the last undo's failure message. */
  readonly recoveryUndo: Readonly<Record<string, { readonly isRunning: boolean; readonly error: string | null }>>;
}

/** The settings store. */
export const useSettingsStore = create<SettingsState>()(() => ({ info: null, isSupportMode: false, recoveryUndo: {} }));

/** Loads app:info once at start (version, door, recent targets). */
export async function loadAppInfo(): Promise<void> {
  try {
    const info = await call('app:info', {});
    useSettingsStore.setState({ info });
  } catch {
    // The start screen works without it; recent targets are simply not offered.
  }
}

/** Turns support mode on or off. */
export function setSupportMode(isSupportMode: boolean): void {
  useSettingsStore.setState({ isSupportMode });
}

/** Undoes a fix a crash interrupted; on success it leaves the list, on failure its message stays beside it. */
export async function undoInterruptedFix(journalId: string): Promise<void> {
  const mark = (value: { isRunning: boolean; error: string | null }): void =>
    useSettingsStore.setState((state) => ({ recoveryUndo: { ...state.recoveryUndo, [journalId]: value } }));
  mark({ isRunning: true, error: null });
  try {
    const result = await call('fix:undo', { journalId });
    if (!result.ok) {
      mark({ isRunning: false, error: result.message });
      return;
    }
    useSettingsStore.setState((state) => ({
      info: withoutInterrupted(state.info, journalId),
      recoveryUndo: Object.fromEntries(Object.entries(state.recoveryUndo).filter(([id]) => id !== journalId)),
    }));
  } catch (error) {
    mark({ isRunning: false, error: messageOf(error) });
  }
}

/** Hides the note about a fix the app already undid by itself. */
export function dismissInterruptedFix(journalId: string): void {
  useSettingsStore.setState((state) => ({ info: withoutInterrupted(state.info, journalId) }));
}

/** Hides the note about a journal entry the app left alone. */
export function dismissJournalProblem(problem: string): void {
  useSettingsStore.setState((state) => ({ info: state.info && { ...state.info, journalProblems: state.info.journalProblems.filter((p) => p !== problem) } }));
}

function withoutInterrupted(info: AppInfo | null, journalId: string): AppInfo | null {
  return info && { ...info, interruptedFixes: info.interruptedFixes.filter((fix) => fix.journalId !== journalId) };
}
