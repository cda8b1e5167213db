// `npm run bench`: bundles bench/harness.ts with esbuild (no TypeScript loader), runs it once, prints the table,
// writes bench/results.json and refreshes the table in README.md between the bench markers.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'rdp-doctor-bench-build-'));
const out = join(work, 'harness.cjs');
try {
  await build({
    entryPoints: [join(root, 'bench/harness.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron', 'pdfkit', 'playwright-core', '@playwright/test'],
    nodePaths: [join(root, 'node_modules')],
  });
  process.env.RDP_DOCTOR_ROOT = root;
  const { runBench } = createRequire(join(root, 'package.json'))(out);
  const result = await runBench();
  const lines = [
    `Machine: ${result.machine} — ${result.at}`,
    '',
    '| measure | result | goal |',
    '|---|---|---|',
    ...result.rows.map((r) => `| ${r.measure} | ${r.value} | ${r.goal ? `${r.goal} ${r.ok === true ? '✓' : r.ok === false ? '✗' : ''}` : ''} |`),
  ];
  const table = lines.join('\n');
  console.log(table);
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (text.includes(start) && text.includes(end)) {
    writeFileSync(readme, text.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
