import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The knowledge the code points to lives in docs/: every `docs/<page>.md#<section>` a comment or page names must
// exist, and no source cites a document outside the repo or an issue number.
const root = new URL('..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', 'dist', 'release', 'coverage', 'test-results', 'fixtures', 'screenshots', '.git']);

/** Every file below `dir` whose name ends in one of `exts`. */
function filesUnder(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, exts));
    else if (exts.some((ext) => name.endsWith(ext))) out.push(path);
  }
  return out;
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of one docs page. */
function anchorsOf(page: string): Set<string> {
  const text = readFileSync(join(root, 'docs', page), 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1] ?? '')));
}

const CODE = ['src-main', 'src-renderer', 'e2e', 'scripts', 'bench'].flatMap((dir) => filesUnder(join(root, dir), ['.ts', '.tsx', '.mjs', '.cjs']));
const PAGES = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));

describe('links into docs/', () => {
  it('makes the anchors GitHub makes', () => {
    expect(anchorOf('TPKT and X.224 framing')).toBe('tpkt-and-x224-framing');
    expect(anchorOf('Win32_TSGeneralSetting')).toBe('win32_tsgeneralsetting');
    expect(anchorOf('mstsc files, MRU and cache')).toBe('mstsc-files-mru-and-cache');
  });

  it('names only pages and sections that exist', () => {
    const anchors = new Map(PAGES.map((page) => [page, anchorsOf(page)]));
    const broken: string[] = [];
    const sources = [...CODE, join(root, 'README.md'), join(root, 'DEVELOPERS.md')];
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/docs\/([a-z-]+\.md)(?:#([\w-]+))?/g)) {
        const [page, anchor] = [m[1] ?? '', m[2]];
        if (!anchors.has(page) || (anchor !== undefined && !anchors.get(page)?.has(anchor))) broken.push(`${relative(root, file)}: ${m[0]}`);
      }
    }
    for (const page of PAGES) {
      for (const m of readFileSync(join(root, 'docs', page), 'utf8').matchAll(/\]\(([a-z-]+\.md)?#([\w-]+)\)/g)) {
        const target = m[1] ?? page;
        if (!anchors.get(target)?.has(m[2] ?? '')) broken.push(`docs/${page}: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('finds no citation of a document outside the repo or of an issue number in the code', () => {
    const cited = CODE.filter((file) => !file.endsWith('docs-links.test.ts')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/rdp-facts|landscape|CATALOG|[Ii]ssue [0-9]/.test(line) ? [`${relative(root, file)}:${i + 1}`] : [])),
    );
    expect(cited).toEqual([]);
  });
});
