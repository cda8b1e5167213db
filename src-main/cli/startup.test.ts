import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');
let dir: string;

// Every script the process loaded, through require or read as a bundle for the code cache (code-cache.ts), written
// when the process exits (a preload, so the CLI itself is unchanged).
const SPY = `
const fs = require('node:fs');
const read = new Set();
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  if (typeof path === 'string' && /\\.c?js$/.test(path)) read.add(path);
  return readFileSync.call(this, path, ...rest);
};
process.on('exit', () => fs.writeFileSync(process.env.RDP_SPY_OUT, JSON.stringify([...new Set([...Object.keys(require.cache), ...read])])));
`;

/** Runs the built CLI and returns its exit code and the files it loaded, relative to the repository. */
function loaded(args: string[]): { code: number | null; files: string[] } {
  const out = join(dir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', join(dir, 'spy.cjs'), BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, RDP_SPY_OUT: out, RDP_DOCTOR_HOME: dir, NO_COLOR: '1' },
  });
  const files = (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((f) => relative(ROOT, f)).filter((f) => !f.startsWith('..'));
  return { code: r.status, files };
}

/** The source files bundled into one CLI bundle, from the build's own record. */
function inputsOf(bundle: string): string[] {
  const inputs = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli', 'bundle-inputs.json'), 'utf8')) as Record<string, string[]>;
  const list = inputs[bundle];
  if (!list) throw new Error(`no record of ${bundle}`);
  return list;
}

// What a command that neither diagnoses nor exports may not parse: the certificate code, the schemas, the probes,
// the checks, the report renderers, the fix engine, the service.
const HEAVY = [
  /node_modules\/node-forge\//,
  /node_modules\/zod\//,
  /node_modules\/pdfkit\//,
  /^src-main\/net\/(?!target\.ts$)/,
  /^src-main\/checks\//,
  /^src-main\/report\//,
  /^src-main\/fixes\//,
  /^src-main\/service\//,
  /^src-main\/windows\//,
];

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-startup-'));
  writeFileSync(join(dir, 'spy.cjs'), SPY);
  writeFileSync(join(dir, 'plain.rdp'), 'full address:s:server01.example\r\n');
}, 180_000);

describe('command-line start-up: each command loads only what it needs', () => {
  it('--help and --version read the entry alone, no command bundle and nothing from node_modules', () => {
    for (const args of [['--help'], ['--version'], ['decode', '--help']]) {
      const r = loaded(args);
      expect(r.code).toBe(0);
      expect(r.files).toEqual(['bin/rdp-doctor.cjs', 'dist/cli/rdp-doctor.cjs']);
    }
    expect(inputsOf('rdp-doctor.cjs').filter((f) => HEAVY.some((h) => h.test(f)))).toEqual([]);
  });

  it.each([
    ['decode', ['decode', '0x904', '0x7']],
    ['decode-support', ['decode-support', 'RD-4K7Q-2M']],
    ['rdp-file', ['rdp-file', 'check', 'PLAIN']],
  ])('%s loads its own bundle, which holds no forge, zod, probe, check, renderer, fix engine or service', (name, args) => {
    const r = loaded(args.map((a) => (a === 'PLAIN' ? join(dir, 'plain.rdp') : a)));
    expect(r.files).toEqual(['bin/rdp-doctor.cjs', 'dist/cli/rdp-doctor.cjs', `dist/cli/commands/${name}.cjs`]);
    const inputs = inputsOf(`commands/${name}.cjs`);
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((f) => HEAVY.some((h) => h.test(f)))).toEqual([]);
  });

  it('diagnose does hold the probes and forge, so the record above is one that can fail', () => {
    const heavy = inputsOf('commands/diagnose.cjs').filter((f) => HEAVY.some((h) => h.test(f)));
    expect(heavy.some((f) => f.startsWith('node_modules/node-forge/'))).toBe(true);
    expect(heavy.some((f) => f.startsWith('src-main/checks/'))).toBe(true);
  });

  it('every command-line bundle is plain ASCII (read as Latin-1, no UTF-8 decode) and still matches accented Windows text', () => {
    const bundles = Object.keys(JSON.parse(readFileSync(join(ROOT, 'dist', 'cli', 'bundle-inputs.json'), 'utf8')) as Record<string, string[]>);
    expect(bundles.length).toBeGreaterThan(3);
    for (const bundle of bundles)
      expect(
        readFileSync(join(ROOT, 'dist', 'cli', bundle)).some((b) => b > 0x7f),
        bundle,
      ).toBe(false);
    // An accented letter of a pattern (the decoder's "código") is its escape now, and the pattern still reads the word.
    const escaped = /c\[o\\u00f3\]dig/.exec(readFileSync(join(ROOT, 'dist', 'cli', 'commands', 'decode.cjs'), 'latin1'));
    expect(escaped?.[0]).toBe('c[o\\u00f3]dig');
    expect(new RegExp(escaped![0], 'i').test('Código de error')).toBe(true);
  });

  it("diagnose holds zod's English messages and none of its other languages", () => {
    const locales = inputsOf('commands/diagnose.cjs').filter((f) => f.startsWith('node_modules/zod/v4/locales/'));
    expect(locales).toContain('node_modules/zod/v4/locales/en.js');
    expect(locales.filter((f) => !f.endsWith('/en.js'))).toEqual([]);
  });
});
