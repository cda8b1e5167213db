import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../src-main/shared/schema';
import { answerReceived, initialDecodeState, requestSent, textChanged } from './decode-update';

const answer = (input: string): DecodeResult => ({ input, codes: [], summary: input, corrections: [], steer: 'unknown' });

describe('decode updates', () => {
  it('keeps only the answer to the latest request', () => {
    let state = textChanged(initialDecodeState(), '0x904');
    const first = requestSent(state);
    state = textChanged(first.state, '0x904 0x7');
    const second = requestSent(state);
    state = answerReceived(second.state, second.seq, { result: answer('new') });
    state = answerReceived(state, first.seq, { result: answer('old') });
    expect(state.result?.summary).toBe('new');
    expect(state.isPending).toBe(false);
  });

  it('clears the result when the text is emptied, and drops answers still in flight', () => {
    const sent = requestSent(textChanged(initialDecodeState(), '0x7'));
    const cleared = textChanged(sent.state, '  ');
    expect(cleared.result).toBeNull();
    expect(cleared.isPending).toBe(false);
    expect(answerReceived(cleared, sent.seq, { result: answer('late') }).result).toBeNull();
  });

  it('shows an error from the service', () => {
    const sent = requestSent(textChanged(initialDecodeState(), 'zz'));
    const state = answerReceived(sent.state, sent.seq, { error: 'No code found.' });
    expect(state.error).toBe('No code found.');
    expect(state.result).toBeNull();
  });
});
