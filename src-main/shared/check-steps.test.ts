import { describe, expect, it } from 'vitest';
import { CHECK_META } from './catalog';
import { checkStepNumber } from './check-steps';
import { CHECK_IDS, SECTION_IDS } from './ids';

describe('checkStepNumber', () => {
  it('numbers each check by its section and its place in that section, as the checklist shows them', () => {
    expect(checkStepNumber('dns.resolve')).toBe('1.1');
    expect(checkStepNumber('dns.reverse')).toBe('1.2');
    expect(checkStepNumber('tls.certificate')).toBe('3.1');
    expect(checkStepNumber('server.certificate')).toBe('3.2');
    expect(checkStepNumber('server.machinekeys')).toBe('3.3');
    expect(checkStepNumber('client.policy')).toBe('4.3');
    expect(checkStepNumber('client.updates')).toBe('11.1');
  });

  it('gives every check a distinct number whose section part is its section', () => {
    const numbers = CHECK_IDS.map(checkStepNumber);
    expect(new Set(numbers).size).toBe(CHECK_IDS.length);
    for (const id of CHECK_IDS) expect(checkStepNumber(id).split('.')[0]).toBe(String(SECTION_IDS.indexOf(CHECK_META[id].section) + 1));
  });
});
