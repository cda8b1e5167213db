/** The error-code decoder store: decodes as the user types or pastes, debounced. */
import { create } from 'zustand';
import { call, messageOf } from '../bridge';
import { answerReceived, initialDecodeState, requestSent, textChanged, type DecodeState } from './decode-update';

/** Wait this long after the last keystroke before asking the service. */
export const DECODE_DEBOUNCE_MS = 250;

/** The decoder store. */
export const useDecodeStore = create<DecodeState>()(() => initialDecodeState());

let timer: ReturnType<typeof setTimeout> | null = null;

/** The user typed or pasted into "Error message or code". */
export function setErrorText(text: string): void {
  useDecodeStore.setState((state) => textChanged(state, text), true);
  if (timer) clearTimeout(timer);
  if (!text.trim()) return;
  timer = setTimeout(() => void decodeNow(), DECODE_DEBOUNCE_MS);
}

async function decodeNow(): Promise<void> {
  const { state, seq } = requestSent(useDecodeStore.getState());
  useDecodeStore.setState(state, true);
  try {
    const result = await call('decode:code', { text: state.text.slice(0, 4000) });
    useDecodeStore.setState((current) => answerReceived(current, seq, { result }), true);
  } catch (error) {
    useDecodeStore.setState((current) => answerReceived(current, seq, { error: messageOf(error) }), true);
  }
}
