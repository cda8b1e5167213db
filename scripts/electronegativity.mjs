// `npm run security`: Electronegativity over the Electron sources (and the built main/preload when present);
// prints every finding and fails when one is HIGH severity, or when a file could not be parsed at all.
// Usage: node scripts/electronegativity.mjs [--min-fail=HIGH|MEDIUM|LOW] [extra input paths...]
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const LEVELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];

const args = process.argv.slice(2);
const minArg = args.find((a) => a.startsWith('--min-fail='));
const minFail = (minArg?.split('=')[1] ?? 'HIGH').toUpperCase();
if (!LEVELS.includes(minFail)) {
  console.error(`security: unknown level ${minFail}; use one of ${LEVELS.join(', ')}`);
  process.exit(2);
}
const extra = args.filter((a) => !a.startsWith('--'));
// The built main and preload are scanned together (the global checks look across files); the directory
// loader only reads .js, so they are copied under that extension into a private temp folder.
const built = ['dist/main/main.cjs', 'dist/main/preload.cjs'].map((p) => join(root, p));
let builtDir = null;
if (built.every(existsSync)) {
  builtDir = mkdtempSync(join(tmpdir(), 'rdp-doctor-egativity-'));
  for (const file of built) copyFileSync(file, join(builtDir, basename(file).replace(/\.cjs$/, '.js')));
}
const inputs = [join(root, 'src-main/electron'), ...(builtDir ? [builtDir] : []), ...extra];

// The installed electron package names the version we ship; Electronegativity would otherwise try the network.
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const run = require('@doyensec/electronegativity/dist/runner.js');

// Electronegativity logs translation/network warnings through console; keep our output readable.
const quiet =
  (fn) =>
  async (...a) => {
    const saved = [console.log, console.warn, console.info];
    console.log = console.warn = console.info = () => undefined;
    try {
      return await fn(...a);
    } finally {
      [console.log, console.warn, console.info] = saved;
    }
  };

let failed = 0;
let total = 0;
for (const input of inputs) {
  const result = await quiet(run)({ input, isRelative: false, electronVersionOverride: electronVersion, parserPlugins: [] });
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    console.error(`security: could not parse ${relative(root, error.file)}: ${error.message}`);
    failed += 1;
  }
  for (const issue of result.issues) {
    total += 1;
    const level = issue.severity?.name ?? 'HIGH';
    const shown = builtDir && issue.file.startsWith(builtDir) ? join('dist/main(built)', relative(builtDir, issue.file)) : relative(root, issue.file);
    const where = `${shown}:${issue.location?.line ?? '?'}`;
    const isFailing = LEVELS.indexOf(level) >= LEVELS.indexOf(minFail);
    if (isFailing) failed += 1;
    console.log(`${isFailing ? 'FAIL' : 'note'} ${level.padEnd(13)} ${String(issue.confidence?.name ?? '').padEnd(9)} ${issue.id} ${where}`);
  }
}
if (builtDir) rmSync(builtDir, { recursive: true, force: true });
console.log(`security: ${total} finding(s) in ${inputs.length} input(s); ${failed} at or above ${minFail} or unparsable`);
process.exit(failed > 0 ? 1 : 0);
