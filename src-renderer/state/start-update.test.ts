import { describe, expect, it } from 'vitest';
import { filterTargets, rememberTarget, shownTarget, targetProblem } from './start-update';

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
    expect(targetProblem('x'.repeat(301), false)).toMatch(/too long/);
    expect(targetProblem(' host:3390 ', false)).toBeNull();
    expect(targetProblem('mstsc /v:host:3390 /admin', false)).toBeNull();
    expect(targetProblem('host:99999', false)).toMatch(/from 1 to 65535/);
    expect(targetProblem('https://intranet.example/rdweb', false)).toMatch(/web address/);
    expect(targetProblem('10.0.0.300', false)).toMatch(/not a valid IP address/);
  });

  it('names the computer the same way whatever form was pasted', () => {
    expect(shownTarget('mstsc.exe /v:PC-042:3390 /admin')).toBe('pc-042:3390');
    expect(shownTarget('rdp://full%20address=s:pc-042:3389&audiomode=i:2')).toBe('pc-042');
    expect(shownTarget('[::1]:3390')).toBe('[::1]:3390');
    expect(shownTarget(' not valid:x ')).toBe('not valid:x');
  });
});
