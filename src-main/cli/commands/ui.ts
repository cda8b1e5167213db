/** `rdp-doctor ui`: the Electron window where its binary exists, otherwise (or with --browser) browser mode. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MAX_RUNNING_DIAGNOSES, startWebServer } from '../../web/server';
import { int, parseCommand } from '../args';
import type { CliCommand } from '../command';
import { createCliService } from '../service';
import { EXIT } from '../usage';

/** Folder of the built app (dist/), found from this bundle's location (dist/cli/commands/ui.cjs). */
export function distDir(): string {
  return process.env['RDP_DOCTOR_DIST'] ?? join(__dirname, '..', '..');
}

/** The Electron binary, or the one-line reason it cannot be used. */
export function findElectron(): { path: string } | { reason: string } {
  try {
    const path = createRequire(join(distDir(), '..', 'package.json'))('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: 'the Electron binary is not installed' };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { reason: /failed to install correctly|Cannot find module/i.test(first) ? 'the Electron binary is not installed (its download was not possible)' : first };
  }
}

/** Opens `url` in the system browser without a shell. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/** Runs `ui`; resolves with the exit code when the server or window closes. */
export const run: CliCommand = async (io, argv) => {
  const p = parseCommand('ui', argv, { browser: { type: 'boolean' }, 'no-open': { type: 'boolean' }, port: { type: 'string' } });
  if (!p.values['browser']) {
    const electron = findElectron();
    if ('path' in electron) {
      const child = spawn(electron.path, [join(distDir(), 'main', 'main.cjs'), ...p.positionals], { stdio: 'inherit' });
      return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? EXIT.ok)));
    }
    io.stderr.write(`Starting browser mode because ${electron.reason}.\n`);
  }
  const port = int(p, 'port', 0, 65535) ?? 0;
  const service = createCliService({ maxRunningDiagnoses: MAX_RUNNING_DIAGNOSES });
  // The app starting is when the fix journal is recovered; the page shows what was found.
  void service.recovery();
  const server = await startWebServer({ port, staticDir: join(distDir(), 'renderer'), service });
  io.stdout.write(`RDP Doctor is running at ${server.url}\n`);
  if (!p.values['no-open']) openBrowser(server.url);
  return new Promise((resolve) => {
    const stop = (): void => {
      service.shutdown();
      void server.close().then(() => resolve(EXIT.ok));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
};
