import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDir, runBundle } from './code-cache';

/** A small CommonJS bundle that uses what a real one does: require, module.exports, __dirname. */
function bundle(dir: string, body = 'exports.answer = 42;'): string {
  const file = join(dir, 'cmd.cjs');
  writeFileSync(file, `'use strict';\nconst path = require('node:path');\nexports.where = path.basename(__dirname);\n${body}\n`);
  return file;
}

describe('command bundles through the V8 code cache', () => {
  it('compiles from source once, writes the cache at exit, and starts from it next time', () => {
    const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-cc-'));
    const env = { RDP_DOCTOR_HOME: home };
    const file = bundle(home);
    const writes: (() => void)[] = [];
    const first = runBundle(file, env, (write) => writes.push(write));
    expect(first).toMatchObject({ cache: 'miss', exports: { answer: 42, where: home.split('/').pop() } });
    expect(writes).toHaveLength(1);
    writes[0]!();
    expect(readdirSync(codeCacheDir(env)).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
    const second = runBundle(file, env, (write) => writes.push(write));
    expect(second).toMatchObject({ cache: 'hit', exports: { answer: 42 } });
    expect(writes).toHaveLength(1);
  });

  it('a changed bundle of the same length gets a cache of its own, and the old one goes', () => {
    const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-cc-'));
    const env = { RDP_DOCTOR_HOME: home };
    const write = (w: () => void): void => w();
    runBundle(bundle(home, 'exports.answer = 42;'), env, write);
    // Same length: V8 alone would take the old cache for it.
    const changed = runBundle(bundle(home, 'exports.answer = 43;'), env, write);
    expect(changed).toMatchObject({ cache: 'miss', exports: { answer: 43 } });
    expect(readdirSync(codeCacheDir(env)).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
  });

  it('ignores a cache file others may write, and can be switched off', () => {
    const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-cc-'));
    const env = { RDP_DOCTOR_HOME: home };
    const file = bundle(home);
    runBundle(file, env, (w) => w());
    const [name] = readdirSync(codeCacheDir(env)).filter((f) => f.endsWith('.v8cache'));
    chmodSync(join(codeCacheDir(env), name!), 0o666);
    expect(runBundle(file, env, () => undefined).cache).toBe('miss');
    expect(runBundle(file, { ...env, RDP_DOCTOR_NO_CODE_CACHE: '1' }, () => undefined).cache).toBe('off');
  });
});
