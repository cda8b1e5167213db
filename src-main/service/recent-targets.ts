/** The most recent targets, newest first, kept in a small JSON file written atomically. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
  return {
    list,
    async remember(target) {
      const next = [target, ...(await list()).filter((t) => t.toLowerCase() !== target.toLowerCase())].slice(0, MAX_RECENT);
      await mkdir(dirname(file), { recursive: true });
      const tmp = join(dirname(file), `.recent-${process.pid}-${Date.now()}.tmp`);
      await writeFile(tmp, JSON.stringify(next));
      await rename(tmp, file);
    },
  };
}
