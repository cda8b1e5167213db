// `npm run bench`: bundles bench/harness.ts with esbuild (no TypeScript loader), runs it once, prints the table,
// writes bench/results.json and refreshes the table in README.md between the bench markers.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
// Two folders below the root, like e2e/support/, so the harness finds the repository the same way.
const out = join(root, 'dist', 'bench', 'harness.mjs');
{
  await build({
    entryPoints: [join(root, 'bench/harness.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __rdCreateRequire } from 'node:module'; const require = __rdCreateRequire(import.meta.url);" },
    external: ['electron', 'pdfkit', 'playwright-core', '@playwright/test'],
  });
  process.env.RDP_DOCTOR_ROOT = root;
  const { runBench, PARTS } = await import(pathToFileURL(out).href);
  // `npm run bench -- fleet ui` runs only those parts (while working on one); only a whole run refreshes the README.
  const only = process.argv.slice(2);
  const unknown = only.filter((p) => !PARTS.includes(p));
  if (unknown.length > 0) {
    console.error(`bench: no part named ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
    process.exit(2);
  }
  const whole = only.length === 0;
  const result = await runBench(whole ? PARTS : only);
  const lines = [
    `Machine: ${result.machine} — ${result.at}`,
    '',
    '| measure | result | goal |',
    '|---|---|---|',
    ...result.rows.map((r) => `| ${r.measure} | ${r.value} | ${r.goal ? `${r.goal} ${r.ok === true ? '✓' : r.ok === false ? '✗' : ''}` : ''} |`),
  ];
  const table = lines.join('\n');
  console.log(table);
  if (whole) {
    writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
    const readme = join(root, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    if (text.includes(start) && text.includes(end)) {
      writeFileSync(readme, text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`));
    }
  }
  // A missed goal or a run that came to the wrong answer fails the command (the table and results are still written).
  const failed = result.rows.filter((r) => r.ok === false);
  if (failed.length > 0) {
    console.error(`bench: ${failed.length} goal(s) or outcome check(s) failed`);
    process.exitCode = 1;
  }
}
