/** Playwright fixture: starts the real backend in browser mode (`rdp-doctor ui --browser`) and hands its URL to the test. */
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** A running browser-mode backend. */
export interface RunningApp {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly output: string[];
  /** The backend's process id (memory measurements). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts `rdp-doctor ui --browser --no-open --port 0` (or `npm start`-style `scripts/start.mjs`) and waits for its URL line. */
export async function startApp(opts: { replay?: string; viaStart?: boolean; env?: Record<string, string> } = {}): Promise<RunningApp> {
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-e2e-'));
  const args = opts.viaStart
    ? [join(ROOT, 'scripts', 'start.mjs'), '--no-open', '--port', '0']
    : [join(ROOT, 'bin', 'rdp-doctor.cjs'), 'ui', '--browser', '--no-open', '--port', '0'];
  const env: NodeJS.ProcessEnv = { ...process.env, RDP_DOCTOR_HOME: home, ...opts.env };
  if (opts.replay) env['RDP_DOCTOR_REPLAY'] = resolve(ROOT, opts.replay);
  else delete env['RDP_DOCTOR_REPLAY'];
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`backend did not print its URL: ${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${code}: ${output.join('')}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    output,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** `test` with an `app` fixture (browser-mode backend per test) and a `replay` option for recorded Windows machines. */
export const test = base.extend<{ replay: string | undefined; app: RunningApp }>({
  replay: [undefined, { option: true }],
  app: async ({ replay }, use) => {
    const app = await startApp(replay ? { replay } : {});
    await use(app);
    await app.stop();
  },
});

export { expect } from '@playwright/test';
