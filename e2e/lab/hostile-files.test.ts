// Files are data: whatever a user (or someone who can write where they point) names as a .rdp file, targets list or
// evidence, the command line answers at once with one line and exit 2 — a FIFO never blocks it, /dev/zero never grows it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rdpFileSummary } from '../../src-main/rdpfile/summary';
import { MAX_RDP_FILE_BYTES } from '../../src-main/shared/limits';
import { buildCliIfNeeded, ROOT, runCli, type CliRun } from '../support/cli';

let home: string;
let dir: string;

beforeAll(() => {
  buildCliIfNeeded();
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-hostile-files-'));
  dir = join(home, 'files');
  mkdirSync(dir);
  execFileSync('mkfifo', [join(dir, 'pipe.rdp')]);
  execFileSync('mkfifo', [join(dir, 'targets.fifo')]);
  mkdirSync(join(dir, 'folder.rdp'));
  symlinkSync('/dev/zero', join(dir, 'zero.rdp'));
  writeFileSync(join(dir, 'huge.rdp'), Buffer.alloc(1_000_001, 0x41));
}, 180_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Exit 2, one line on stderr saying what is wrong with which file, well within a second of work. */
function expectRefused(r: CliRun, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).toBe('');
  // A node start plus the refusal; a blocked open or an endless read would be killed at the time-out.
  expect(r.ms).toBeLessThan(5000);
}

const NOT_REGULAR = /is not a regular file\.$/m;

describe('files named on the command line are bounded before they are read', () => {
  it.each([
    ['a FIFO', 'pipe.rdp'],
    ['/dev/zero', '/dev/zero'],
    ['a link to /dev/zero', 'zero.rdp'],
    ['a folder', 'folder.rdp'],
  ])('rdp-file check refuses %s at once', (_what, name) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    expectRefused(runCli(['rdp-file', 'check', path], home, { timeoutMs: 8000 }), NOT_REGULAR);
  });

  it('rdp-file check refuses a file over the one .rdp limit without reading it', () => {
    expectRefused(
      runCli(['rdp-file', 'check', join(dir, 'huge.rdp')], home, { timeoutMs: 8000 }),
      /huge\.rdp" is too large for a \.rdp file \(1000001 bytes; the limit is 1000000\)/,
    );
  });

  it.each([
    ['a FIFO', 'pipe.rdp'],
    ['/dev/zero', '/dev/zero'],
  ])('diagnose --rdp-file refuses %s before any check runs', (_what, name) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    expectRefused(runCli(['diagnose', '--rdp-file', path, '127.0.0.1:1', '--timeout', '100'], home, { timeoutMs: 8000 }), NOT_REGULAR);
  });

  it('a .rdp file given as the target is read the same way', () => {
    expectRefused(runCli(['diagnose', join(dir, 'pipe.rdp')], home, { timeoutMs: 8000 }), NOT_REGULAR);
    expectRefused(runCli(['diagnose', join(dir, 'zero.rdp')], home, { timeoutMs: 8000 }), NOT_REGULAR);
  });

  it.each([
    ['a FIFO', 'targets.fifo'],
    ['/dev/zero', '/dev/zero'],
    ['a folder', 'folder.rdp'],
  ])('diagnose --targets refuses %s', (_what, name) => {
    const path = name.startsWith('/') ? name : join(dir, name);
    expectRefused(runCli(['diagnose', '--targets', path], home, { timeoutMs: 8000 }), /^rdp-doctor: The targets file ".*" is not a regular file\.$/m);
  });

  it('a missing file is named in one line, exit 2', () => {
    expectRefused(runCli(['rdp-file', 'check', join(dir, 'gone.rdp')], home), /The \.rdp file ".*gone\.rdp" was not found\./);
  });
});

/** A .rdp file of at most the size limit, one `line(i)` per line, UTF-8 with CRLF. */
function linesFile(count: number, line: (i: number) => string): Buffer {
  const bytes = Buffer.from(Array.from({ length: count }, (_, i) => `${line(i)}\r\n`).join(''), 'utf8');
  expect(bytes.length).toBeLessThanOrEqual(MAX_RDP_FILE_BYTES);
  return bytes;
}

const LARGE_FILES: readonly (readonly [string, () => Buffer])[] = [
  ['35,000 copies of "full address"', () => linesFile(35_000, () => 'full address:s:server01')],
  ['35,000 settings nobody knows', () => linesFile(35_000, (i) => `k${i}:s:x`)],
  ['35,000 lines that are not settings', () => linesFile(35_000, (i) => (i === 0 ? 'full address:s:server01' : `garbage ${i}`))],
  ['35,000 out-of-range ports', () => linesFile(35_000, () => 'server port:i:99999')],
  ['35,000 clear-text passwords', () => linesFile(35_000, () => 'password:s:hunter2')],
  ['one line of 999,000 characters', () => Buffer.from(`full address:s:${'a:s:'.repeat(199_795)}\r\n`)],
];

describe('a .rdp file within the size limit is parsed and judged in well under a second', () => {
  it.each(LARGE_FILES)('%s: judged at once, long lists summarised', (_what, make) => {
    const bytes = make();
    // CPU time, not wall time: the lab machine is shared, and only the work done is the parser's to answer for.
    const begin = process.cpuUsage();
    const summary = rdpFileSummary({ name: 'big.rdp', contentBase64: bytes.toString('base64') });
    const used = process.cpuUsage(begin);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
    // Every repeated problem is counted in one issue, every list cut short: the answer stays readable.
    expect(summary.issues.length).toBeLessThan(80);
    for (const issue of summary.issues) expect(issue.message.length).toBeLessThan(1200);
  });

  it('says how many times and where, with the rest counted ("and 34,995 more")', () => {
    const summary = rdpFileSummary({ name: 'dup.rdp', contentBase64: LARGE_FILES[0]![1]().toString('base64') });
    expect(summary.issues.find((i) => i.code === 'duplicate')?.message).toBe(
      '"full address" appears 35,000 times (lines 1, 2, 3, 4, 5 and 34,995 more); only the last one (line 35000) is used.',
    );
    const garbage = rdpFileSummary({ name: 'g.rdp', contentBase64: LARGE_FILES[2]![1]().toString('base64') });
    expect(
      garbage.issues
        .filter((i) => i.code === 'malformed-line')
        .map((i) => i.message)
        .at(-1),
    ).toBe('34,979 more problems like these are not listed one by one (lines 22, 23, 24, 25, 26 and 34,974 more).');
  });

  it('rdp-doctor rdp-file check answers for 35,000 duplicate lines within a second of work', () => {
    const file = join(dir, 'dup.rdp');
    writeFileSync(file, LARGE_FILES[0]![1]());
    const r = runCli(['rdp-file', 'check', file], home, { timeoutMs: 20_000 });
    expect(r.code).not.toBeNull();
    expect(r.stdout).toContain('appears 35,000 times (lines 1, 2, 3, 4, 5 and 34,995 more)');
    // Node's start-up and the bundle load come on top of the parse; before, this took 40 s and more.
    expect(r.ms).toBeLessThan(3000);
  });
});

describe('report files are written safely, and checked before the diagnosis runs', () => {
  // 192.0.2.1 (TEST-NET-1) never answers: a diagnosis of it would take the whole time-out, a refusal none of it.
  const slow = ['diagnose', '192.0.2.1', '--timeout', '6000'];
  let out: string;
  beforeAll(() => {
    out = join(home, 'reports');
    mkdirSync(out);
    writeFileSync(join(out, 'victim.txt'), 'keep me');
    symlinkSync(join(out, 'victim.txt'), join(out, 'link.html'));
    mkdirSync(join(out, 'folder.html'));
    writeFileSync(join(out, 'old.json'), 'old report');
    writeFileSync(join(out, 'locked.json'), 'locked report', { mode: 0o444 });
  });

  it.each([
    ['a symbolic link', 'link.html', [], /"[^"]*link\.html" is a symbolic link; it is not followed/],
    ['a folder', 'folder.html', [], /folder\.html" exists and is not a regular file/],
    ['an existing file without --force', 'old.json', [], /old\.json" already exists; add --force/],
    ['a read-only file, even with --force', 'locked.json', ['--force'], /locked\.json" is read-only; --force does not replace it/],
    ['a missing folder', 'missing/report.pdf', [], /The folder of "[^"]*missing\/report\.pdf" does not exist/],
    ['a name that is no report format', 'report.txt', [], /--report must end in \.html, \.json or \.pdf/],
  ] as const)('refuses %s with exit 2 at once', (_what, name, extra, message) => {
    expectRefused(runCli([...slow, '--report', join(out, name), ...extra], home, { timeoutMs: 8000 }), message);
    expect(readFileSync(join(out, 'victim.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(out, 'old.json'), 'utf8')).toBe('old report');
    expect(readFileSync(join(out, 'locked.json'), 'utf8')).toBe('locked report');
    expect(lstatSync(join(out, 'link.html')).isSymbolicLink()).toBe(true);
  });

  it('--force replaces a writable report, keeping the old one as .bak', () => {
    const r = runCli(['diagnose', '127.0.0.1:1', '--timeout', '300', '--report', join(out, 'old.json'), '--force'], home, { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'old.json'), 'utf8'))).toMatchObject({ target: { port: 1 } });
    expect(readFileSync(join(out, 'old.json.bak'), 'utf8')).toBe('old report');
  });

  it('rdp-file clean -o - writes the file to stdout and what it says to stderr', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rdp-doctor.cjs'), 'rdp-file', 'clean', 'server01.example', '-o', '-'], {
      env: { ...process.env, RDP_DOCTOR_HOME: home, NO_COLOR: '1' },
      timeout: 20_000,
    });
    expect(r.status, r.stderr.toString()).toBe(0);
    expect([...r.stdout.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(r.stdout.toString('utf16le')).toContain('full address:s:server01.example\r\n');
    expect(existsSync(join(home, '-'))).toBe(false);
  });
});
