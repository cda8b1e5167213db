import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack } from './after-pack';
import { FUSES } from './fuses';

// The hook with the real @electron/fuses on a stand-in binary: the fuse wire exactly as Electron embeds it
// (sentinel, wire version 1, length, one ASCII '0'/'1' per fuse), surrounded by other bytes.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookies plain, NODE_OPTIONS and inspector on, no asar checks, file:// privileged.
const DEFAULT_WIRE = '10110001';
/** How a fuse reads back: the ASCII byte in the wire. */
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

describe('afterPack', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-fuses-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('flips exactly the listed fuses in the packed Linux binary and leaves the rest as Electron set them', async () => {
    const binary = join(dir, 'rdp-doctor');
    const before = Buffer.concat([Buffer.alloc(4096, 0xcc), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.alloc(4096, 0xdd)]);
    await writeFile(binary, before);
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'RDP Doctor' }, executableName: 'rdp-doctor' } });

    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    for (const [name, value] of Object.entries(FUSES)) {
      expect(wire[FuseV1Options[name as keyof typeof FUSES]], name).toBe(value ? ON : OFF);
    }
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ON);
    const after = await readFile(binary);
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, 4096)).toEqual(before.subarray(0, 4096));
  });

  it('fails loudly when the binary has no fuse wire, so a package is never shipped unfused', async () => {
    await writeFile(join(dir, 'RDP Doctor.exe'), Buffer.alloc(1024, 0x41));
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'win32', arch: 1, packager: { appInfo: { productFilename: 'RDP Doctor' } } })).rejects.toThrow(/sentinel/i);
  });
});
