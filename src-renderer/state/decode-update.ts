/** Pure updates of the error-code decoder: answers of older requests never overwrite newer ones. */
import type { DecodeResult } from '../../src-main/shared/schema';

/** Decoder state. */
export interface DecodeState {
  readonly text: string;
  /** Sequence number of the latest request sent. */
  readonly seq: number;
  readonly result: DecodeResult | null;
  readonly error: string | null;
  readonly isPending: boolean;
}

/** The decoder before anything was typed. */
export function initialDecodeState(): DecodeState {
  return { text: '', seq: 0, result: null, error: null, isPending: false };
}

/** The text changed; an empty text clears the result at once. */
export function textChanged(state: DecodeState, text: string): DecodeState {
  if (!text.trim()) return { ...state, text, seq: state.seq + 1, result: null, error: null, isPending: false };
  return { ...state, text, isPending: true };
}

/** A request goes out; returns the new state and its sequence number. */
export function requestSent(state: DecodeState): { state: DecodeState; seq: number } {
  const seq = state.seq + 1;
  return { state: { ...state, seq, isPending: true }, seq };
}

/** An answer came back; ignored unless it answers the latest request. */
export function answerReceived(state: DecodeState, seq: number, answer: { result: DecodeResult } | { error: string }): DecodeState {
  if (seq !== state.seq) return state;
  if ('result' in answer) return { ...state, result: answer.result, error: null, isPending: false };
  return { ...state, result: null, error: answer.error, isPending: false };
}
