/** Support mode: the short result code the user reads aloud, and the helpdesk's decoder for such a code. */
import { create } from 'zustand';
import type { SupportCode } from '../../src-main/shared/dto';
import type { Report } from '../../src-main/shared/schema';
import { MAX_SUPPORT_CODE_INPUT } from '../../src-main/shared/limits';
import { call, messageOf } from '../bridge';

/** Support state. */
export interface SupportState {
  /** The report the code was made from, so a re-run check or a fix's re-check fetches a new code. */
  readonly codeReport: Report | null;
  readonly code: string | null;
  readonly codeError: string | null;
  /** Whether the helpdesk's "Decode a result code" dialog is open. */
  readonly isHelpdeskOpen: boolean;
  readonly helpdeskResult: SupportCode | null;
  readonly helpdeskError: string | null;
  readonly isDecoding: boolean;
}

/** The support store. */
export const useSupportStore = create<SupportState>()(() => ({
  codeReport: null,
  code: null,
  codeError: null,
  isHelpdeskOpen: false,
  helpdeskResult: null,
  helpdeskError: null,
  isDecoding: false,
}));

/** Fetches the result code of a finished diagnosis (once per version of its report). */
export async function loadSupportCode(taskId: string, report: Report): Promise<void> {
  if (useSupportStore.getState().codeReport === report) return;
  useSupportStore.setState({ codeReport: report, code: null, codeError: null });
  try {
    const { code } = await call('support:code', { taskId });
    if (useSupportStore.getState().codeReport === report) useSupportStore.setState({ code });
  } catch (error) {
    if (useSupportStore.getState().codeReport === report) useSupportStore.setState({ codeError: messageOf(error) });
  }
}

/** Opens or closes the helpdesk's decoder. */
export function setHelpdeskOpen(isOpen: boolean): void {
  useSupportStore.setState({ isHelpdeskOpen: isOpen });
}

/** The helpdesk typed a code the user read out: decode it to the user's result card. */
export async function decodeSupportCode(code: string): Promise<void> {
  const clean = code.trim();
  if (!clean) {
    useSupportStore.setState({ helpdeskResult: null, helpdeskError: 'Type the code the user reads to you.' });
    return;
  }
  useSupportStore.setState({ isDecoding: true, helpdeskError: null });
  try {
    const helpdeskResult = await call('decode:support', { code: clean.slice(0, MAX_SUPPORT_CODE_INPUT) });
    useSupportStore.setState({ helpdeskResult, isDecoding: false });
  } catch (error) {
    useSupportStore.setState({ helpdeskResult: null, helpdeskError: messageOf(error), isDecoding: false });
  }
}
