import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPwsh, isCi, pwshPlan, PWSH_INSTALL } from './pwsh';

function fakeExecutable(dir: string, name: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

describe('findPwsh', () => {
  const root = mkdtempSync(join(tmpdir(), 'rdpd-pwsh-'));

  it('takes RDP_DOCTOR_PWSH first, and says so when it names nothing usable', () => {
    const named = fakeExecutable(join(root, 'named'), 'pwsh');
    expect(findPwsh({ RDP_DOCTOR_PWSH: named, PATH: '' }, join(root, 'nohome'))).toEqual({ path: named });
    const missing = findPwsh({ RDP_DOCTOR_PWSH: join(root, 'absent'), PATH: '' }, join(root, 'nohome'));
    expect(missing).toEqual({ reason: expect.stringContaining('RDP_DOCTOR_PWSH names') });
  });

  it('finds the .NET global tool under the home folder, then PATH; a non-executable file does not count', () => {
    const home = join(root, 'home');
    const tool = fakeExecutable(join(home, '.dotnet', 'tools'), 'pwsh');
    const onPath = fakeExecutable(join(root, 'bin'), 'pwsh');
    expect(findPwsh({ PATH: join(root, 'bin') }, home)).toEqual({ path: tool });
    expect(findPwsh({ PATH: join(root, 'bin') }, join(root, 'nohome'))).toEqual({ path: onPath });
    fakeExecutable(join(root, 'plain'), 'pwsh', 0o644);
    expect(findPwsh({ PATH: join(root, 'plain') }, join(root, 'nohome'))).toEqual({ reason: expect.stringContaining('not installed') });
  });
});

describe('pwshPlan', () => {
  it('runs with a found pwsh, skips with the reason and the install command without one, fails under CI', () => {
    expect(pwshPlan({ path: '/x/pwsh' }, true)).toEqual({ run: '/x/pwsh' });
    const skip = pwshPlan({ reason: 'pwsh is not installed' }, false);
    expect(skip).toEqual({ skip: `pwsh is not installed; install it with: ${PWSH_INSTALL}` });
    expect(pwshPlan({ reason: 'pwsh is not installed' }, true)).toEqual({ fail: expect.stringMatching(/^pwsh is required when CI=true: pwsh is not installed/) });
  });

  it('reads CI the way CI services set it', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '' })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});
