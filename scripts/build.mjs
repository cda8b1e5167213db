// Builds plain JavaScript: main, preload and the CLI with esbuild (one CommonJS file each, no TypeScript
// loader at run time), the renderer with Vite. `--if-needed` skips the build when dist/ is newer than the sources.
import { build } from 'esbuild';
import { readFileSync, statSync, readdirSync, existsSync } from 'node:fs';
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

const outputs = ['dist/cli/rdp-doctor.cjs', 'dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/hooks/after-pack.cjs', 'dist/renderer/index.html'].map((p) => join(root, p));
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

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'src-main/cli/main.ts')], outfile: join(root, 'dist/cli/rdp-doctor.cjs') }),
  build({ ...common, entryPoints: [join(root, 'src-main/electron/main.ts')], outfile: join(root, 'dist/main/main.cjs') }),
  build({ ...common, platform: 'browser', entryPoints: [join(root, 'src-main/electron/preload.ts')], outfile: join(root, 'dist/main/preload.cjs') }),
  // electron-builder's afterPack hook (fuses); it runs in the packaging Node, is left out of the app by electron-builder.yml.
  build({ ...common, sourcemap: false, external: ['@electron/fuses'], entryPoints: [join(root, 'src-main/electron/after-pack.ts')], outfile: join(root, 'dist/hooks/after-pack.cjs') }),
]);
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
