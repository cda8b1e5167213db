import { describe, expect, it } from 'vitest';
import { isWindowsOnlySkip, NEEDS_WINDOWS, windowsOnlyTitle } from './needs-windows';

describe('isWindowsOnlySkip', () => {
  it('is true only for a skip because Windows is missing, however the check marked it', () => {
    expect(isWindowsOnlySkip({ status: 'skip', summary: `${NEEDS_WINDOWS}.`, evidence: { reason: 'no-windows' } })).toBe(true);
    expect(isWindowsOnlySkip({ status: 'skip', summary: `${NEEDS_WINDOWS}.`, evidence: { reason: NEEDS_WINDOWS } })).toBe(true);
    expect(isWindowsOnlySkip({ status: 'skip', summary: `${NEEDS_WINDOWS}.`, evidence: null })).toBe(true);
    expect(isWindowsOnlySkip({ status: 'skip', summary: 'The recorded machine is the remote host, not the client.', evidence: { reason: 'host-recording' } })).toBe(false);
    expect(isWindowsOnlySkip({ status: 'skip', summary: 'No Remote Desktop Gateway is configured.', evidence: {} })).toBe(false);
    expect(isWindowsOnlySkip({ status: 'error', summary: `${NEEDS_WINDOWS}.`, evidence: { reason: 'no-windows' } })).toBe(false);
    expect(windowsOnlyTitle(18)).toBe('Checks that need Windows (18)');
  });
});
