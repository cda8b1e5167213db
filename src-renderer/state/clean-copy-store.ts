/** "Make a clean copy" of the opened .rdp file: the service builds it, the page saves it, the card says what it kept. */
import { create } from 'zustand';
import type { RdpCleanCopy, RdpFileInput } from '../../src-main/shared/dto';
import { call, downloadBase64, messageOf } from '../bridge';

/** The clean copy for one file: nothing yet, being made, saved (with what it kept), or why it could not be made. */
export interface CleanCopyState {
  /** The name of the file the state belongs to, so another file's card never shows it. */
  readonly forFile: string | null;
  readonly phase: 'idle' | 'making' | 'saved' | 'failed';
  readonly copy: Omit<RdpCleanCopy, 'contentBase64'> | null;
  readonly error: string | null;
}

const IDLE: CleanCopyState = { forFile: null, phase: 'idle', copy: null, error: null };

/** The clean-copy store. */
export const useCleanCopyStore = create<CleanCopyState>()(() => IDLE);

/** Forgets the last clean copy (another file was opened, or the file was removed). */
export function resetCleanCopy(): void {
  useCleanCopyStore.setState(IDLE);
}

/** Asks the service for the clean copy of `file` and saves it as a download. */
export async function makeCleanCopy(file: RdpFileInput): Promise<void> {
  useCleanCopyStore.setState({ forFile: file.name, phase: 'making', copy: null, error: null });
  try {
    const { contentBase64, ...copy } = await call('rdpfile:clean', { file });
    downloadBase64(copy.fileName, copy.mime, contentBase64);
    useCleanCopyStore.setState({ forFile: file.name, phase: 'saved', copy, error: null });
  } catch (error) {
    useCleanCopyStore.setState({ forFile: file.name, phase: 'failed', copy: null, error: messageOf(error) });
  }
}
