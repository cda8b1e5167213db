// Builds plain JavaScript: main, preload and the CLI with esbuild (one CommonJS file each, no TypeScript
// loader at run time), the renderer with Vite. `--if-needed` skips the build when dist/ is newer than the sources.
import { build } from 'esbuild';
import { readFileSync, statSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// The command line is an entry that answers --help itself plus one bundle per command, loaded only when that command
// runs: `decode` must not parse node-forge, zod or the probes it never uses (README, "Start-up").
const commandsDir = join(root, 'src-main/cli/commands');
const commands = readdirSync(commandsDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));
const commandOutputs = commands.map((name) => `dist/cli/commands/${name}.cjs`);

const outputs = ['dist/cli/rdp-doctor.cjs', ...commandOutputs, 'dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/hooks/after-pack.cjs', 'dist/renderer/index.html'].map((p) =>
  join(root, p),
);
if (process.argv.includes('--if-needed') && outputs.every(existsSync)) {
  // The sources and everything that shapes the output: this script, the Vite config, the version in package.json, the lock.
  const configs = ['scripts/build.mjs', 'vite.config.ts', 'package.json', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
  const sources = Math.max(newest(join(root, 'src-main')), newest(join(root, 'src-renderer')), ...configs.map((p) => statSync(p).mtimeMs));
  if (Math.min(...outputs.map((p) => statSync(p).mtimeMs)) > sources) process.exit(0);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __RDP_DOCTOR_VERSION__: JSON.stringify(pkg.version) },
  // pdfkit reads its font files from its own folder at run time; electron is provided by the runtime.
  external: ['electron', 'pdfkit'],
};

/**
 * The entry's `import('./commands/<name>')` becomes a require of the command's own bundle beside it (a require: a
 * dynamic import() would start Node's ESM loader, which alone costs more start-up time than the whole entry).
 */
const commandsApart = {
  name: 'cli-commands-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+$/ }, (args) => ({ path: `${args.path}.cjs`, external: true }));
  },
};

/**
 * zod's `z` namespace re-exports its error messages in some fifty languages (`z.locales`, `z.core.locales`), 400 KB of the 2 MB
 * `diagnose` bundle that every run reads, hashes and loads; the project only ever shows zod's English messages, which
 * zod sets itself. The namespace's locale list becomes English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales'), namespace: 'zod-english' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: args.path, loader: 'js' }));
  },
};

// A command removed from the sources must not linger as a bundle.
rmSync(join(root, 'dist/cli'), { recursive: true, force: true });
const cli = { ...common, metafile: true, absWorkingDir: root, plugins: [zodEnglishOnly] };
const cliBuilds = await Promise.all([
  build({
    ...cli,
    entryPoints: [join(root, 'src-main/cli/main.ts')],
    outfile: join(root, 'dist/cli/rdp-doctor.cjs'),
    plugins: [commandsApart, zodEnglishOnly],
    supported: { 'dynamic-import': false },
    define: { ...common.define, __RDP_DOCTOR_CLI_BUNDLE__: 'true' },
  }),
  ...commands.map((name) => build({ ...cli, entryPoints: [join(commandsDir, `${name}.ts`)], outfile: join(root, `dist/cli/commands/${name}.cjs`) })),
]);
// Which source files each command-line bundle holds: the start-up test reads it to prove what a command loads.
const inputs = Object.fromEntries(
  cliBuilds.flatMap((r) =>
    Object.entries(r.metafile.outputs)
      .filter(([out]) => out.endsWith('.cjs'))
      .map(([out, o]) => [out.replace(/^dist\/cli\//, ''), Object.keys(o.inputs)]),
  ),
);
writeFileSync(join(root, 'dist/cli/bundle-inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
// The command-line bundles in plain ASCII: a non-ASCII character anywhere (a regular expression for a French or German
// Windows message, a comment) makes the whole 2 MB source a UTF-8 decode and a two-byte string for V8. Every such
// character becomes its \u escape, which means the same in a string, a regular expression, an identifier or a comment.
for (const file of Object.keys(inputs)) {
  const path = join(root, 'dist/cli', file);
  const text = readFileSync(path, 'utf8');
  if (/[^\x00-\x7f]/.test(text))
    writeFileSync(
      path,
      text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
}
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'src-main/electron/main.ts')], outfile: join(root, 'dist/main/main.cjs') }),
  build({ ...common, platform: 'browser', entryPoints: [join(root, 'src-main/electron/preload.ts')], outfile: join(root, 'dist/main/preload.cjs') }),
  // electron-builder's afterPack hook (fuses); it runs in the packaging Node, is left out of the app by electron-builder.yml.
  build({
    ...common,
    sourcemap: false,
    external: ['@electron/fuses'],
    entryPoints: [join(root, 'src-main/electron/after-pack.ts')],
    outfile: join(root, 'dist/hooks/after-pack.cjs'),
  }),
]);
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
