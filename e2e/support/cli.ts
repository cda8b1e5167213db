/** Runs the built `rdp-doctor` command as a user would, with its own data folder, for the suites that drive the CLI. */
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');

/** Builds dist/ when it is missing or older than the sources (call in beforeAll). */
export function buildCliIfNeeded(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
}

/** What one run printed and how it ended; `code` is null when it had to be killed at `timeoutMs`. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `rdp-doctor args…` with RDP_DOCTOR_HOME=`home`, no replay and no colour, killed after `timeoutMs`. */
export function runCli(
  args: readonly string[],
  home: string,
  options: { readonly env?: Record<string, string>; readonly timeoutMs?: number; readonly input?: string } = {},
): CliRun {
  const begin = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1', ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - begin };
}
