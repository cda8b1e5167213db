import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecentTargets } from './recent-targets';

describe('recent targets', () => {
  it('a batch remembered at once keeps every update, newest first, with one write at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-recent-'));
    const recent = createRecentTargets(join(dir, 'recent-targets.json'));
    const writes = Array.from({ length: 200 }, (_, i) => recent.remember(`host-${i}`));
    await Promise.all(writes);
    expect(await recent.list()).toEqual(Array.from({ length: 10 }, (_, i) => `host-${199 - i}`));
    // No temporary file is left behind.
    expect(readdirSync(dir)).toEqual(['recent-targets.json']);
    await recent.remember('HOST-5');
    expect((await recent.list()).slice(0, 2)).toEqual(['HOST-5', 'host-199']);
    // The newest target again changes nothing: the file is not rewritten (an atomic write would give a new inode).
    const inode = statSync(join(dir, 'recent-targets.json')).ino;
    await recent.remember('HOST-5');
    expect(statSync(join(dir, 'recent-targets.json')).ino).toBe(inode);
  });

  it('creates its folder, and reads a damaged file as an empty list that the next remember replaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-recent-'));
    const fresh = createRecentTargets(join(dir, 'new-folder', 'recent-targets.json'));
    await fresh.remember('server01');
    expect(await fresh.list()).toEqual(['server01']);
    const file = join(dir, 'damaged.json');
    writeFileSync(file, '{ not json');
    const recent = createRecentTargets(file);
    expect(await recent.list()).toEqual([]);
    await recent.remember('10.0.0.5');
    expect(await recent.list()).toEqual(['10.0.0.5']);
  });
});
