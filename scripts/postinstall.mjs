// Electron is an optional dependency: where its binary cannot be downloaded, npm drops the package.
// This puts back its JavaScript part (types, CLI shim, version for electron-builder) without the binary,
// so typechecking and packaging config keep working and `npm start` falls back to browser mode.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

/** The exact version package-lock.json pins (a fresh range lookup could pick a newer patch than electron-builder.yml names). */
function electronSpec() {
  const lockPath = join(root, 'package-lock.json');
  if (existsSync(lockPath)) {
    const locked = JSON.parse(readFileSync(lockPath, 'utf8')).packages?.['node_modules/electron']?.version;
    if (typeof locked === 'string' && /^\d+\.\d+\.\d+$/.test(locked)) return locked;
  }
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies.electron;
}

const target = join(root, 'node_modules', 'electron');
if (!existsSync(join(target, 'package.json'))) {
  const spec = electronSpec();
  const work = mkdtempSync(join(tmpdir(), 'rdp-doctor-electron-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const file = execFileSync(npm, ['pack', `electron@${spec}`, '--silent'], { cwd: work, encoding: 'utf8', shell: process.platform === 'win32' })
      .trim()
      .split('\n')
      .pop();
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(work, file), '-C', target, '--strip-components=1']);
    console.log('rdp-doctor: the Electron binary could not be downloaded; installed its package without it, so `npm start` will use browser mode.');
  } catch (error) {
    console.log(`rdp-doctor: Electron is not installed (${error.message.split('\n')[0]}); \`npm start\` will use browser mode.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
