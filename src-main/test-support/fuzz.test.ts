import { describe, expect, it } from 'vitest';
import { fuzzRuns, MAX_FUZZ_RUNS } from './fuzz';

describe('fuzzRuns', () => {
  it('uses the default when FUZZ_RUNS is unset or empty', () => {
    expect(fuzzRuns(300, {})).toBe(300);
    expect(fuzzRuns(300, { FUZZ_RUNS: '  ' })).toBe(300);
  });

  it('uses FUZZ_RUNS when it is a whole number', () => {
    expect(fuzzRuns(300, { FUZZ_RUNS: '20000' })).toBe(20000);
    expect(fuzzRuns(300, { FUZZ_RUNS: ' 7 ' })).toBe(7);
  });

  it.each(['0', '-5', '1e4', '12abc', '2.5', String(MAX_FUZZ_RUNS + 1)])('refuses FUZZ_RUNS=%s with one clear line', (value) => {
    expect(() => fuzzRuns(300, { FUZZ_RUNS: value })).toThrow(/^FUZZ_RUNS must be a whole number/);
  });
});
