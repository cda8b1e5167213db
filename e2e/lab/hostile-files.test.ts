// Files are data: whatever a user (or someone who can write where they point) names as a .rdp file, targets list or
// evidence, the command line answers at once with one line and exit 2 — a FIFO never blocks it, /dev/zero never grows it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfNeeded, runCli, type CliRun } from '../support/cli';

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
    expectRefused(runCli(['rdp-file', 'check', join(dir, 'huge.rdp')], home, { timeoutMs: 8000 }), /huge\.rdp" is too large for a \.rdp file \(1000001 bytes; the limit is 1000000\)/);
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
