import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushQueue, findRdpArgument, readRdpFile } from './open-rdp';
import { bytesToBase64 } from '../shared/base64';
import { droppedRdpFile, MAX_RDP_FILE_BYTES } from './rdp-drop';

describe('findRdpArgument', () => {
  it('finds the file in packaged, development and second-instance command lines', () => {
    expect(findRdpArgument(['C:\\Program Files\\RDP Doctor\\RDP Doctor.exe', 'C:\\Users\\a\\Desktop\\office.RDP'])).toBe('C:\\Users\\a\\Desktop\\office.RDP');
    expect(findRdpArgument(['/usr/bin/electron', '/app/dist/main/main.cjs', 'work.rdp'])).toBe('work.rdp');
    expect(findRdpArgument(['x.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'a b.rdp'])).toBe('a b.rdp');
  });
  it('ignores the executable itself, switches and other files', () => {
    expect(findRdpArgument(['trap.rdp'])).toBeNull();
    expect(findRdpArgument(['x', '--file=a.rdp', 'notes.txt'])).toBeNull();
    expect(findRdpArgument([])).toBeNull();
  });
});

describe('readRdpFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-open-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a UTF-16LE .rdp file byte for byte', async () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('full address:s:host.example:3390\r\n', 'utf16le')]);
    const path = join(dir, 'Office PC.rdp');
    await writeFile(path, content);
    const read = await readRdpFile(path);
    expect(read).toEqual({ ok: true, file: { name: 'Office PC.rdp', contentBase64: content.toString('base64') } });
  });
  it('refuses other extensions, missing files, folders, FIFOs and oversized files with one line each', async () => {
    expect(await readRdpFile(join(dir, 'a.txt'))).toMatchObject({ ok: false, message: 'a.txt is not a .rdp file.' });
    expect(await readRdpFile(join(dir, 'gone.rdp'))).toMatchObject({ ok: false, message: 'gone.rdp was not found.' });
    await mkdir(join(dir, 'folder.rdp'));
    expect(await readRdpFile(join(dir, 'folder.rdp'))).toMatchObject({ ok: false, message: 'folder.rdp is not a regular file.' });
    execFileSync('mkfifo', [join(dir, 'pipe.rdp')]);
    expect(await readRdpFile(join(dir, 'pipe.rdp'))).toMatchObject({ ok: false, message: 'pipe.rdp is not a regular file.' });
    await writeFile(join(dir, 'big.rdp'), Buffer.alloc(2048, 0x41));
    const big = await readRdpFile(join(dir, 'big.rdp'), 1024);
    expect(big.ok).toBe(false);
    expect(!big.ok && big.message).toMatch(/^big\.rdp is too large/);
  });
  it('keeps the default cap inside the contract (base64 of the cap fits 2,000,000 characters)', () => {
    expect(Math.ceil(MAX_RDP_FILE_BYTES / 3) * 4).toBeLessThanOrEqual(2_000_000);
  });
});

describe('dropped files', () => {
  it('encodes like Buffer, across chunk boundaries', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
  it('accepts .rdp files within the cap only', () => {
    expect(droppedRdpFile('x.RDP', new Uint8Array([1, 2, 3]))).toEqual({ name: 'x.RDP', contentBase64: 'AQID' });
    expect(droppedRdpFile('x.rdp.exe', new Uint8Array([1]))).toBeNull();
    expect(droppedRdpFile('x.rdp', new Uint8Array(MAX_RDP_FILE_BYTES + 1))).toBeNull();
  });
});

describe('createPushQueue', () => {
  it('holds items until ready, then sends them in order; holds again after a reload', () => {
    const sent: number[] = [];
    let canSend = true;
    const q = createPushQueue<number>((n) => canSend && sent.push(n) > 0, 3);
    q.push(1);
    q.push(2);
    expect(sent).toEqual([]);
    q.markReady();
    expect(sent).toEqual([1, 2]);
    q.push(3);
    expect(sent).toEqual([1, 2, 3]);
    q.markNotReady();
    q.push(4);
    canSend = false;
    q.markReady();
    expect(sent).toEqual([1, 2, 3]);
    canSend = true;
    q.markReady();
    expect(sent).toEqual([1, 2, 3, 4]);
  });
  it('keeps only the newest items past its limit', () => {
    const sent: number[] = [];
    const q = createPushQueue<number>((n) => sent.push(n) > 0, 2);
    for (const n of [1, 2, 3, 4]) q.push(n);
    q.markReady();
    expect(sent).toEqual([3, 4]);
  });
});
