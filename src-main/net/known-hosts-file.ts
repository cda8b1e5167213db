/** A KnownHostsStore kept in a JSON file: atomic writes, a corrupt file is moved aside, size is bounded. */
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-file';
import { readFileBounded } from '../files/bounded-file';
import type { KnownHostEntry, KnownHostsStore } from './known-hosts-store';
import { lazySchema } from '../shared/lazy-schema';

/** The file's name inside the directory it is given. */
export const KNOWN_HOSTS_FILE = 'known-hosts.json';
/** Default cap on remembered hosts; the least recently seen go first. */
export const DEFAULT_MAX_ENTRIES = 1000;
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * How stale an unchanged entry's lastSeen may get before it is written again. It dates the old certificate when a
 * new one appears ("issued since it was last seen looks like a renewal"), which an hour does not change.
 */
export const LAST_SEEN_REFRESH_MS = 60 * 60 * 1000;
const MAX_KEY_LENGTH = 300;

const EntrySchema = lazySchema(() =>
  z.object({
    sha256: z.string().regex(/^[0-9A-Fa-f]{64}$/),
    firstSeen: z.string().max(40),
    lastSeen: z.string().max(40),
    subject: z.string().max(2000),
  }),
);
const FileSchema = lazySchema(() => z.object({ version: z.literal(1), hosts: z.record(z.string().max(MAX_KEY_LENGTH), EntrySchema) }));

/** Options of the file store. */
export interface FileKnownHostsOptions {
  readonly maxEntries?: number;
  /** Told once per problem, e.g. a corrupt file that was moved aside. */
  readonly onWarning?: (message: string) => void;
}

/** The file store, plus the problems it met (for the UI or a log). */
export interface FileKnownHostsStore extends KnownHostsStore {
  readonly path: string;
  warnings(): readonly string[];
}

/** Opens (lazily) the known-hosts file in `dir`; the directory is created on first write. */
export function createFileKnownHosts(dir: string, options: FileKnownHostsOptions = {}): FileKnownHostsStore {
  const path = join(dir, KNOWN_HOSTS_FILE);
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const warnings: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };

  /** Moves an unreadable file aside so the next write starts clean, and says so. */
  async function setAside(reason: string): Promise<void> {
    const aside = `${path}.corrupt-${Date.now()}`;
    try {
      await rename(path, aside);
      warn(`The list of known certificates was unreadable (${reason}); it was moved to ${aside} and a new one started.`);
    } catch {
      warn(`The list of known certificates was unreadable (${reason}) and could not be moved aside.`);
    }
  }

  async function load(): Promise<Record<string, KnownHostEntry>> {
    const read = await readFileBounded(path, MAX_FILE_BYTES, { noFollow: true });
    if (!read.ok) {
      if (read.reason === 'not-found') return {};
      if (read.reason === 'too-large') await setAside(`larger than ${MAX_FILE_BYTES} bytes`);
      else warn(`The list of known certificates could not be read: ${read.message}`);
      return {};
    }
    const text = read.bytes.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      await setAside('not valid JSON');
      return {};
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) {
      await setAside('unexpected content');
      return {};
    }
    return parsed.data.hosts;
  }

  async function save(hosts: Record<string, KnownHostEntry>): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify({ version: 1, hosts }, null, 1)}\n`);
  }

  /** Runs store operations one after another so two checks never interleave a read-modify-write. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    path,
    warnings: () => [...warnings],
    get: (hostPort) => serial(async () => (await load())[hostPort] ?? null),
    remember: (hostPort, { sha256, subject }, now) =>
      serial(async () => {
        if (hostPort.length > MAX_KEY_LENGTH) return;
        const hosts = await load();
        const at = now.toISOString();
        const old = hosts[hostPort];
        const entry = { sha256: sha256.toUpperCase(), subject: subject.slice(0, 2000) };
        const sameCertificate = old !== undefined && old.sha256.toUpperCase() === entry.sha256;
        // The same certificate seen again within the hour: the file already says so closely enough, and each write
        // syncs the file and its folder to disk on the way to every verdict.
        const age = old ? now.getTime() - Date.parse(old.lastSeen) : NaN;
        if (sameCertificate && old.subject === entry.subject && age >= 0 && age < LAST_SEEN_REFRESH_MS) return;
        hosts[hostPort] = { ...entry, firstSeen: sameCertificate ? old.firstSeen : at, lastSeen: at };
        const keys = Object.keys(hosts);
        if (keys.length > maxEntries) {
          keys.sort((a, b) => (hosts[a]?.lastSeen ?? '').localeCompare(hosts[b]?.lastSeen ?? ''));
          for (const key of keys.slice(0, keys.length - maxEntries)) delete hosts[key];
        }
        await save(hosts);
      }),
  };
}
