import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileBounded } from './bounded-file';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-bounded-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readFileBounded', () => {
  it('reads a regular file byte for byte, also an empty one', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x0d, 0x00]);
    writeFileSync(join(dir, 'a.rdp'), bytes);
    expect(await readFileBounded(join(dir, 'a.rdp'), 100)).toEqual({ ok: true, bytes });
    writeFileSync(join(dir, 'empty'), '');
    expect(await readFileBounded(join(dir, 'empty'), 100)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
  });

  it('refuses a FIFO at once, without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.rdp')]);
    const begin = performance.now();
    expect(await readFileBounded(join(dir, 'pipe.rdp'), 100)).toEqual({ ok: false, reason: 'not-a-file', message: 'pipe.rdp is not a regular file.' });
    expect(performance.now() - begin).toBeLessThan(500);
  });

  it('refuses devices (/dev/zero never ends, /dev/null is no file) and folders', async () => {
    expect(await readFileBounded('/dev/zero', 100, { label: 'the .rdp file "/dev/zero"' })).toMatchObject({
      ok: false,
      reason: 'not-a-file',
      message: 'the .rdp file "/dev/zero" is not a regular file.',
    });
    expect(await readFileBounded('/dev/null', 100)).toMatchObject({ ok: false, reason: 'not-a-file' });
    mkdirSync(join(dir, 'folder.rdp'));
    expect(await readFileBounded(join(dir, 'folder.rdp'), 100)).toMatchObject({ ok: false, reason: 'not-a-file', message: 'folder.rdp is not a regular file.' });
  });

  it('refuses a file over the limit before reading it, naming the size and the limit', async () => {
    writeFileSync(join(dir, 'big.rdp'), Buffer.alloc(2048, 0x41));
    expect(await readFileBounded(join(dir, 'big.rdp'), 1024, { kind: 'a .rdp file' })).toEqual({
      ok: false,
      reason: 'too-large',
      message: 'big.rdp is too large for a .rdp file (2048 bytes; the limit is 1024).',
    });
    writeFileSync(join(dir, 'exact.rdp'), Buffer.alloc(1024, 0x41));
    expect((await readFileBounded(join(dir, 'exact.rdp'), 1024)).ok).toBe(true);
  });

  it('a missing file is not-found; a symbolic link is followed unless noFollow', async () => {
    expect(await readFileBounded(join(dir, 'gone'), 100)).toEqual({ ok: false, reason: 'not-found', message: 'gone was not found.' });
    writeFileSync(join(dir, 'target.json'), '{}');
    symlinkSync(join(dir, 'target.json'), join(dir, 'link.json'));
    expect((await readFileBounded(join(dir, 'link.json'), 100)).ok).toBe(true);
    expect(await readFileBounded(join(dir, 'link.json'), 100, { noFollow: true })).toMatchObject({ ok: false, reason: 'not-a-file' });
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    expect(await readFileBounded(join(dir, 'zero.json'), 100)).toMatchObject({ ok: false, reason: 'not-a-file' });
  });

  it('a file that grows while it is read is read to the limit and no further', async () => {
    // A /proc file reports size 0 but has content: the reader must still stop at the limit.
    const read = await readFileBounded('/proc/self/maps', 16);
    expect(read).toMatchObject({ ok: false, reason: 'too-large' });
    const small = join(dir, 'grows');
    writeFileSync(small, 'a');
    appendFileSync(small, 'b'.repeat(10));
    expect(await readFileBounded(small, 11)).toEqual({ ok: true, bytes: Buffer.from(`a${'b'.repeat(10)}`) });
  });
});
