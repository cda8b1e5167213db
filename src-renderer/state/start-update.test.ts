import { describe, expect, it } from 'vitest';
import { filterTargets, rememberTarget, targetProblem } from './start-update';

describe('start form helpers', () => {
  it('keeps recent targets most recent first without duplicates', () => {
    expect(rememberTarget(['a', 'B', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(rememberTarget(['a', 'b'], '  ')).toEqual(['a', 'b']);
    expect(rememberTarget(['a', 'b', 'c'], 'd', 2)).toEqual(['d', 'a']);
  });

  it('puts prefix matches before other matches', () => {
    expect(filterTargets(['lab.example', 'pc-lab', 'other'], 'lab')).toEqual(['lab.example', 'pc-lab']);
    expect(filterTargets(['x', 'y'], '')).toEqual(['x', 'y']);
  });

  it('explains a target that cannot be right', () => {
    expect(targetProblem('', false)).toMatch(/Type the name/);
    expect(targetProblem('', true)).toBeNull();
    expect(targetProblem('two words', false)).toMatch(/spaces/);
    expect(targetProblem('x'.repeat(301), false)).toMatch(/longer/);
    expect(targetProblem(' host:3390 ', false)).toBeNull();
  });
});
