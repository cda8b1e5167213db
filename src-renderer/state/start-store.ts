/** The start screen's form: the typed target, the opened .rdp file and what the service found in it. */
import { create } from 'zustand';
import type { RdpFileInput, RdpFileSummary } from '../../src-main/shared/dto';
import { displayText } from '../../src-main/shared/display-text';
import { MAX_RDP_FILE_BYTES } from '../../src-main/shared/limits';
import { bytesToBase64, call, messageOf } from '../bridge';
import { resetCleanCopy } from './clean-copy-store';
import { useDecodeStore } from './decode-store';
import { useHostEvidenceStore } from './host-evidence-store';
import { cancelDiagnosis, startDiagnosis, useRunStore } from './run-store';

/** Start form state. */
export interface StartState {
  readonly target: string;
  readonly rdpFile: RdpFileInput | null;
  readonly rdpSummary: RdpFileSummary | null;
  readonly rdpError: string | null;
  readonly isReadingFile: boolean;
}

/** The start form store. */
export const useStartStore = create<StartState>()(() => ({ target: '', rdpFile: null, rdpSummary: null, rdpError: null, isReadingFile: false }));

/** The user typed or picked a target. */
export function setTarget(target: string): void {
  useStartStore.setState({ target });
}

/** Reads a dropped or chosen .rdp file and asks the service what it says. */
export async function openRdpFile(file: File): Promise<void> {
  // A downloaded file's name is chosen by whoever sent it: shown with its hidden characters escaped.
  const name = displayText(file.name).slice(0, 260);
  if (file.size > MAX_RDP_FILE_BYTES) {
    useStartStore.setState({ rdpFile: null, rdpSummary: null, rdpError: `${name} is too large to be a connection file.` });
    return;
  }
  useStartStore.setState({ isReadingFile: true, rdpError: null });
  let input: RdpFileInput;
  try {
    input = { name, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  } catch (error) {
    useStartStore.setState({ rdpFile: null, rdpSummary: null, isReadingFile: false, rdpError: `${name} cannot be read: ${messageOf(error)}` });
    return;
  }
  await inspectRdpFile(input, false);
}

/**
 * Takes a .rdp file opened from outside the page (double-clicked, passed on the command line, dropped on the
 * window): its computer replaces the typed one, because the user just chose this file, and the diagnosis of that
 * computer starts (a running one is cancelled first). A file that names no computer only fills the form.
 */
export async function openOutsideRdpFile(input: RdpFileInput): Promise<void> {
  useStartStore.setState({ isReadingFile: true, rdpError: null });
  const summary = await inspectRdpFile(input, true);
  if (!summary?.target) return;
  const { phase } = useRunStore.getState();
  if (phase === 'running' || phase === 'starting') await cancelDiagnosis();
  await startDiagnosis({ target: summary.target, rdpFile: input, error: useDecodeStore.getState().text, hostEvidence: useHostEvidenceStore.getState().file ?? undefined });
}

async function inspectRdpFile(input: RdpFileInput, replaceTarget: boolean): Promise<RdpFileSummary | null> {
  resetCleanCopy();
  try {
    const summary = await call('rdpfile:inspect', input);
    useStartStore.setState((state) => ({
      rdpFile: input,
      rdpSummary: summary,
      isReadingFile: false,
      target: !replaceTarget && state.target.trim() ? state.target : (summary.target ?? state.target),
    }));
    return summary;
  } catch (error) {
    useStartStore.setState({ rdpFile: null, rdpSummary: null, isReadingFile: false, rdpError: messageOf(error) });
    return null;
  }
}

/** Forgets the opened .rdp file. */
export function clearRdpFile(): void {
  resetCleanCopy();
  useStartStore.setState({ rdpFile: null, rdpSummary: null, rdpError: null });
}
