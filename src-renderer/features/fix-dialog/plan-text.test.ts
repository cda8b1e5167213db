import { describe, expect, it } from 'vitest';
import { splitPlanLine } from './plan-text';

describe('plan lines', () => {
  it('separates the words from the script they introduce, keeping every line break', () => {
    const line = splitPlanLine('Record the saved credentials:\n$ErrorActionPreference = "Stop"\ncmdkey /list\n\n');
    expect(line).toEqual({ prose: 'Record the saved credentials', code: '$ErrorActionPreference = "Stop"\ncmdkey /list' });
  });

  it('a line of words stays words', () => {
    expect(splitPlanLine('Restore the saved credential from the backup.')).toEqual({ prose: 'Restore the saved credential from the backup.', code: null });
    expect(splitPlanLine('Nothing to back up:\n   ')).toEqual({ prose: 'Nothing to back up', code: null });
  });
});
