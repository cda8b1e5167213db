import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './app';

/** The Electron binary `npm start` would open, or why there is none (its download is not possible on every machine). */
export function findElectronBinary(): { path: string } | { reason: string } {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: 'the Electron binary is not installed (node_modules/electron has no dist/)' };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
    return { reason: `the Electron binary is not installed (${first})` };
  }
}
