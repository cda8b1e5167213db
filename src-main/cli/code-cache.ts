/**
 * Loads a command bundle through V8's code cache. Compiling the 2 MB bundle of `diagnose`, `fix` or `ui` is a large
 * part of their start-up; Node 20 has no module compile cache of its own (module.enableCompileCache() came in Node
 * 22.1), but vm.Script takes V8's cached data. The first run compiles as usual and, at exit, leaves the code V8
 * compiled for this bundle in the user's cache folder; later runs start from it.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isAscii } from 'node:buffer';

/** The per-user cache folder: under RDP_DOCTOR_HOME when set (tests), else the platform's cache folder. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['RDP_DOCTOR_HOME']) return join(env['RDP_DOCTOR_HOME'], 'code-cache');
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'RDP Doctor', 'Cache', 'code');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'RDP Doctor', 'code');
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'rdp-doctor', 'code');
}

/**
 * The cache file for this bundle's exact bytes under this Node: V8 checks its own version and flags, but matches the
 * source only by length, so the name carries a hash of the source.
 */
function cacheName(file: string, source: Buffer): string {
  const hash = createHash('sha256').update(source).update(`${process.version} ${process.arch}`).digest('hex').slice(0, 24);
  return `${basename(file, '.cjs')}-${hash}.v8cache`;
}

/**
 * Reads cached data only from a file this user owns and nobody else may write (it becomes code in this process);
 * null when there is none or it cannot be trusted.
 */
function readTrusted(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    const foreign = process.platform !== 'win32' && (stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0);
    if (!stat.isFile() || foreign) return null;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes the cache atomically (a reader never sees half a file) and removes this bundle's older caches. */
function writeCache(dir: string, name: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, join(dir, name));
  const prefix = name.slice(0, name.lastIndexOf('-') + 1);
  for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== name && old.endsWith('.v8cache')) unlinkSync(join(dir, old));
}

/** How a bundle was compiled: from a good cache, from source (a cache is written at exit), or with the cache off. */
export type CacheUse = 'hit' | 'miss' | 'off';

/**
 * Runs the CommonJS bundle at `file` as require() would, compiled from the code cache when there is a good one;
 * `atExit` is when the cache is written (the process's exit, or a test's own moment).
 */
export function runBundle(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  atExit: (write: () => void) => void = (write) => process.once('exit', write),
): { exports: unknown; cache: CacheUse } {
  // The build writes the bundles in ASCII, which reads fastest as Latin-1 (a one-byte string, no UTF-8 decode).
  const bytes = readFileSync(file);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const useCache = !env['RDP_DOCTOR_NO_CODE_CACHE'];
  const dir = codeCacheDir(env);
  const name = cacheName(file, bytes);
  const cached = useCache ? readTrusted(join(dir, name)) : null;
  const script = new Script(Module.wrap(source), { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const hit = cached !== null && script.cachedDataRejected === false;
  if (useCache && !hit) {
    // At exit the cache holds every function this run compiled, so the next run of the same command starts warm.
    atExit(() => {
      try {
        writeCache(dir, name, script.createCachedData());
      } catch {
        // A read-only or full disk: the next run compiles again.
      }
    });
  }
  const mod = new Module(file);
  mod.filename = file;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  return { exports: mod.exports, cache: useCache ? (hit ? 'hit' : 'miss') : 'off' };
}

/** Runs a command bundle through the code cache and returns its exports. */
export function loadBundle(file: string): unknown {
  return runBundle(file).exports;
}
