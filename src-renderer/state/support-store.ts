/** Support mode: the short result code the user reads aloud, and the helpdesk's decoder for such a code. */
import { create } from 'zustand';
import type { SupportCode } from '../../src-main/shared/dto';
import { call, messageOf } from '../bridge';

/** Support state. */
export interface SupportState {
  /** The task the code belongs to, so a new run fetches a new code. */
  readonly codeTaskId: string | null;
  readonly code: string | null;
  readonly codeError: string | null;
  readonly helpdeskResult: SupportCode | null;
  readonly helpdeskError: string | null;
  readonly isDecoding: boolean;
}

/** The support store. */
export const useSupportStore = create<SupportState>()(() => ({ codeTaskId: null, code: null, codeError: null, helpdeskResult: null, helpdeskError: null, isDecoding: false }));

/** Fetches the result code of a finished diagnosis (once per task). */
export async function loadSupportCode(taskId: string): Promise<void> {
  if (useSupportStore.getState().codeTaskId === taskId) return;
  useSupportStore.setState({ codeTaskId: taskId, code: null, codeError: null });
  try {
    const { code } = await call('support:code', { taskId });
    if (useSupportStore.getState().codeTaskId === taskId) useSupportStore.setState({ code });
  } catch (error) {
    if (useSupportStore.getState().codeTaskId === taskId) useSupportStore.setState({ codeError: messageOf(error) });
  }
}

/** The helpdesk typed a code the user read out: decode it to findings and failed checks. */
export async function decodeSupportCode(code: string): Promise<void> {
  const clean = code.trim();
  if (!clean) {
    useSupportStore.setState({ helpdeskResult: null, helpdeskError: 'Type the code the user reads to you.' });
    return;
  }
  useSupportStore.setState({ isDecoding: true, helpdeskError: null });
  try {
    const helpdeskResult = await call('decode:support', { code: clean.slice(0, 64) });
    useSupportStore.setState({ helpdeskResult, isDecoding: false });
  } catch (error) {
    useSupportStore.setState({ helpdeskResult: null, helpdeskError: messageOf(error), isDecoding: false });
  }
}
