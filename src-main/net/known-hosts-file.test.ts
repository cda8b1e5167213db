import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKnownHosts, KNOWN_HOSTS_FILE, LAST_SEEN_REFRESH_MS } from './known-hosts-file';

const A = 'A'.repeat(64);
const B = 'B'.repeat(64);

describe('createFileKnownHosts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdpd-kh-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('remembers across store instances and keeps firstSeen while the certificate is unchanged', async () => {
    const first = createFileKnownHosts(join(dir, 'nested'));
    expect(await first.get('srv:3389')).toBeNull();
    await first.remember('srv:3389', { sha256: A, subject: 'CN=srv' }, new Date('2026-01-01T00:00:00Z'));
    await first.remember('srv:3389', { sha256: A, subject: 'CN=srv' }, new Date('2026-02-01T00:00:00Z'));
    const second = createFileKnownHosts(join(dir, 'nested'));
    expect(await second.get('srv:3389')).toEqual({ sha256: A, subject: 'CN=srv', firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-02-01T00:00:00.000Z' });
    await second.remember('srv:3389', { sha256: B, subject: 'CN=srv' }, new Date('2026-03-01T00:00:00Z'));
    expect((await first.get('srv:3389'))?.firstSeen).toBe('2026-03-01T00:00:00.000Z');
  });

  it('does not write the file again for the same certificate seen within LAST_SEEN_REFRESH_MS, and does after it', async () => {
    const store = createFileKnownHosts(dir);
    const t0 = new Date('2026-01-01T00:00:00Z');
    await store.remember('srv:3389', { sha256: A, subject: 'CN=srv' }, t0);
    const file = join(dir, KNOWN_HOSTS_FILE);
    const written = (await stat(file)).ino;
    await store.remember('srv:3389', { sha256: A, subject: 'CN=srv' }, new Date(t0.getTime() + LAST_SEEN_REFRESH_MS - 1));
    // An atomic write replaces the file (a new inode): the same one means no write.
    expect((await stat(file)).ino).toBe(written);
    expect((await store.get('srv:3389'))?.lastSeen).toBe('2026-01-01T00:00:00.000Z');
    await store.remember('srv:3389', { sha256: A, subject: 'CN=srv' }, new Date(t0.getTime() + LAST_SEEN_REFRESH_MS));
    expect((await store.get('srv:3389'))?.lastSeen).toBe(new Date(t0.getTime() + LAST_SEEN_REFRESH_MS).toISOString());
    // A different certificate is written at once.
    await store.remember('srv:3389', { sha256: B, subject: 'CN=srv' }, new Date(t0.getTime() + LAST_SEEN_REFRESH_MS + 1));
    expect((await store.get('srv:3389'))?.sha256).toBe(B);
  });

  it('leaves no temporary files behind and serialises concurrent writes', async () => {
    const store = createFileKnownHosts(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.remember(`h${i}:3389`, { sha256: A, subject: `CN=h${i}` }, new Date())));
    expect(await readdir(dir)).toEqual([KNOWN_HOSTS_FILE]);
    const json = JSON.parse(await readFile(join(dir, KNOWN_HOSTS_FILE), 'utf8')) as { hosts: object };
    expect(Object.keys(json.hosts)).toHaveLength(20);
  });

  it('moves a corrupt file aside, reports it and starts again', async () => {
    await writeFile(join(dir, KNOWN_HOSTS_FILE), '{ this is not json');
    const seen: string[] = [];
    const store = createFileKnownHosts(dir, { onWarning: (m) => seen.push(m) });
    expect(await store.get('srv:3389')).toBeNull();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/not valid JSON/);
    expect(store.warnings()).toEqual(seen);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${KNOWN_HOSTS_FILE}.corrupt-`))).toBe(true);
    await store.remember('srv:3389', { sha256: A, subject: 'CN=srv' }, new Date());
    expect((await store.get('srv:3389'))?.sha256).toBe(A);
  });

  it('treats well-formed JSON of the wrong shape as corrupt', async () => {
    await writeFile(join(dir, KNOWN_HOSTS_FILE), JSON.stringify({ version: 1, hosts: { 'x:1': { sha256: 'short' } } }));
    const store = createFileKnownHosts(dir);
    expect(await store.get('x:1')).toBeNull();
    expect(store.warnings()[0]).toMatch(/unexpected content/);
  });

  it('sets aside a file larger than the size cap instead of reading it', async () => {
    await writeFile(join(dir, KNOWN_HOSTS_FILE), ' '.repeat(1024 * 1024 + 1));
    const store = createFileKnownHosts(dir);
    expect(await store.get('x:1')).toBeNull();
    expect(store.warnings()[0]).toMatch(/larger than/);
  });

  it('keeps at most maxEntries, dropping the least recently seen', async () => {
    const store = createFileKnownHosts(dir, { maxEntries: 3 });
    for (let i = 0; i < 5; i++) {
      await store.remember(`h${i}:3389`, { sha256: A, subject: 'CN=h' }, new Date(Date.UTC(2026, 0, 1 + i)));
    }
    expect(await store.get('h0:3389')).toBeNull();
    expect(await store.get('h1:3389')).toBeNull();
    expect(await store.get('h4:3389')).not.toBeNull();
  });
});
