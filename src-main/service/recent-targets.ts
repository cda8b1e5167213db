/** The most recent targets, newest first, kept in a small JSON file written atomically. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import { readFileBounded } from '../files/bounded-file';

const MAX_RECENT = 10;
// Ten targets of at most 300 characters, JSON-quoted.
const MAX_FILE_BYTES = 64 * 1024;

/** Reads and updates the recent-targets file at `file`. */
export function createRecentTargets(file: string): { list(): Promise<string[]>; remember(target: string): Promise<void> } {
  const list = async (): Promise<string[]> => {
    try {
      const read = await readFileBounded(file, MAX_FILE_BYTES, { noFollow: true });
      if (!read.ok) return [];
      const data: unknown = JSON.parse(read.bytes.toString('utf8'));
      return Array.isArray(data) ? data.filter((t): t is string => typeof t === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  };
  // One write at a time, each taking every target remembered meanwhile: a batch of a thousand targets finishing
  // together made a thousand read-modify-writes at once, each holding a descriptor, and lost each other's updates.
  let queued: string[] = [];
  let chain: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    const before = await list();
    let next = before;
    for (const target of batch) next = [target, ...next.filter((t) => t.toLowerCase() !== target.toLowerCase())];
    const text = JSON.stringify(next.slice(0, MAX_RECENT));
    // Diagnosing the newest target again changes nothing: no write (each one syncs the file and its folder to disk).
    if (text === JSON.stringify(before)) return;
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, text);
  };
  return {
    list,
    remember(target) {
      queued.push(target);
      chain = chain.then(flush, flush);
      return chain;
    },
  };
}
