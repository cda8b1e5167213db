import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src-main/shared/schema';
import { verdictTone } from './verdict-tone';

const cause = (severity: Finding['severity']) => ({ kind: 'cause' as const, cause: { severity } as Finding });
const none = (kind: 'unclear' | 'no-problem') => ({ kind, cause: null });

describe('verdictTone', () => {
  it('a cause sets the tone by its severity, while running and when done', () => {
    expect(verdictTone('running', cause('critical'))).toBe('blocking');
    expect(verdictTone('finished', cause('high'))).toBe('blocking');
    expect(verdictTone('finished', cause('medium'))).toBe('warning');
  });

  it('without a cause: pending while checking, then healthy or warning, neutral when stopped', () => {
    expect(verdictTone('starting', none('no-problem'))).toBe('pending');
    expect(verdictTone('running', none('no-problem'))).toBe('pending');
    expect(verdictTone('finished', none('no-problem'))).toBe('healthy');
    expect(verdictTone('finished', none('unclear'))).toBe('warning');
    expect(verdictTone('cancelled', none('no-problem'))).toBe('neutral');
    expect(verdictTone('failed', none('no-problem'))).toBe('neutral');
    expect(verdictTone('idle', none('no-problem'))).toBe('neutral');
  });
});
