/** Host evidence on the start screen: the file collect-host.ps1 wrote on the host, read by content and checked by the service. */
import { create } from 'zustand';
import type { HostEvidenceInput, HostEvidenceSummary } from '../../src-main/shared/dto';
import { displayText } from '../../src-main/shared/display-text';
import { MAX_HOST_EVIDENCE_BYTES } from '../../src-main/shared/limits';
import { bytesToBase64, call, messageOf } from '../bridge';

/** The loaded file, what the service says it holds, or why it was refused. */
export interface HostEvidenceState {
  readonly file: HostEvidenceInput | null;
  readonly summary: HostEvidenceSummary | null;
  readonly error: string | null;
  readonly isReading: boolean;
}

/** The host evidence store. */
export const useHostEvidenceStore = create<HostEvidenceState>()(() => ({ file: null, summary: null, error: null, isReading: false }));

/** Reads a chosen file and asks the service what it holds and whether it comes from `target`'s computer. */
export async function loadHostEvidence(file: File, target: string): Promise<void> {
  const name = displayText(file.name).slice(0, 260);
  if (file.size > MAX_HOST_EVIDENCE_BYTES) {
    useHostEvidenceStore.setState({ file: null, summary: null, error: `${name} is too large for a host evidence file (the limit is ${MAX_HOST_EVIDENCE_BYTES} bytes).` });
    return;
  }
  useHostEvidenceStore.setState({ isReading: true, error: null });
  try {
    const input = { name, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
    await inspect(input, target);
  } catch (error) {
    useHostEvidenceStore.setState({ file: null, summary: null, isReading: false, error: `${name} cannot be read: ${messageOf(error)}` });
  }
}

async function inspect(input: HostEvidenceInput, target: string): Promise<void> {
  try {
    const summary = await call('hostevidence:inspect', { file: input, target: target.trim().slice(0, 300) });
    useHostEvidenceStore.setState({ file: input, summary, isReading: false, error: null });
  } catch (error) {
    useHostEvidenceStore.setState({ file: null, summary: null, isReading: false, error: messageOf(error) });
  }
}

/** Asks again whether the loaded file comes from the computer now typed (the note follows the target). */
export async function recheckHostEvidence(target: string): Promise<void> {
  const { file } = useHostEvidenceStore.getState();
  if (file) await inspect(file, target);
}

/** Forgets the loaded file. */
export function clearHostEvidence(): void {
  useHostEvidenceStore.setState({ file: null, summary: null, error: null, isReading: false });
}
