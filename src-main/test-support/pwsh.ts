/**
 * Finds PowerShell 7 (pwsh) for the tests that parse and run the app's Windows scripts. Without pwsh those tests
 * report themselves skipped with the reason; under CI (CI=true) a missing pwsh fails them instead.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/** The pwsh version `.ci/run` installs (the newest one does not install as a .NET global tool). */
export const PWSH_VERSION = '7.6.10';

/** How a contributor gets it. */
export const PWSH_INSTALL = `dotnet tool install --global PowerShell --version ${PWSH_VERSION}`;

/** The environment variable naming the pwsh to use (set by `.ci/run`). */
export const PWSH_ENV = 'RDP_DOCTOR_PWSH';

/** Where pwsh is, or why there is none. */
export type PwshLookup = { readonly path: string } | { readonly reason: string };

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks in RDP_DOCTOR_PWSH, then ~/.dotnet/tools (where the .NET tool install puts it), then PATH. */
export function findPwsh(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): PwshLookup {
  const named = env[PWSH_ENV]?.trim();
  if (named) return isExecutableFile(named) ? { path: named } : { reason: `${PWSH_ENV} names ${named}, which is not an executable file` };
  const exe = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';
  const candidates = [
    join(home, '.dotnet', 'tools', exe),
    ...(env['PATH'] ?? '')
      .split(delimiter)
      .filter((d) => d !== '')
      .map((d) => join(d, exe)),
  ];
  const path = candidates.find(isExecutableFile);
  return path ? { path } : { reason: 'pwsh (PowerShell 7) is not installed: not in ~/.dotnet/tools nor on PATH' };
}

/** True when the tests run under CI, where a missing pwsh is a failure, not a skip. */
export function isCi(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const ci = env['CI']?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/** What to do with the PowerShell tests: run them with this pwsh, skip them (and say why), or fail under CI. */
export function pwshPlan(lookup: PwshLookup, ci: boolean): { readonly run: string } | { readonly skip: string } | { readonly fail: string } {
  if ('path' in lookup) return { run: lookup.path };
  const why = `${lookup.reason}; install it with: ${PWSH_INSTALL}`;
  return ci ? { fail: `pwsh is required when CI=true: ${why}` } : { skip: why };
}

/**
 * A describe block for tests that need pwsh: `body` gets its path. Without pwsh the block is skipped and its name
 * carries the reason; under CI one test fails with that reason.
 */
export function describeWithPwsh(name: string, body: (pwsh: string) => void): void {
  const plan = pwshPlan(findPwsh(), isCi());
  if ('run' in plan) {
    describe(name, () => body(plan.run));
  } else if ('fail' in plan) {
    describe(name, () => {
      it('has pwsh', () => {
        throw new Error(plan.fail);
      });
    });
  } else {
    // The default reporter names a skipped file but not why: say it once on the console too.
    console.log(`${name}: skipped because ${plan.skip}`);
    describe.skip(`${name} — skipped: ${plan.skip}`, () => body('pwsh'));
  }
}
