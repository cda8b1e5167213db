/** Opening a .rdp file from outside (file association, argument, second instance, macOS open-file, menu): find it, read it capped. */
import { basename } from 'node:path';
import { readFileBounded } from '../files/bounded-file';
import type { RdpFileInput } from '../shared/dto';
import { MAX_RDP_FILE_BYTES, isRdpFileName } from './rdp-drop';

export { MAX_RDP_FILE_BYTES } from './rdp-drop';

/** Pure: the first argument that names a .rdp file, skipping the executable, switches and the app script. */
export function findRdpArgument(argv: readonly string[]): string | null {
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.startsWith('-') || arg.length > 4096) continue;
    if (isRdpFileName(arg)) return arg;
  }
  return null;
}

/** The result of reading one file: its input for the diagnosis, or a one-line reason it cannot be used. */
export type RdpFileRead = { readonly ok: true; readonly file: RdpFileInput } | { readonly ok: false; readonly message: string };

/** Reads `path` as a .rdp file through the one bounded reader (regular files only, at most `maxBytes`), name trimmed to the contract. */
export async function readRdpFile(path: string, maxBytes = MAX_RDP_FILE_BYTES): Promise<RdpFileRead> {
  const name = basename(path).slice(-260);
  if (!isRdpFileName(path)) return { ok: false, message: `${name} is not a .rdp file.` };
  const read = await readFileBounded(path, maxBytes, { label: name, kind: 'a .rdp file' });
  return read.ok ? { ok: true, file: { name, contentBase64: read.bytes.toString('base64') } } : { ok: false, message: read.message };
}

/** A buffer of pushes that holds items until the renderer says it is ready, then sends them in order. */
export interface PushQueue<T> {
  /** Sends now when ready, otherwise keeps the item (the oldest are dropped past `limit`). */
  push(item: T): void;
  /** Marks the receiver ready and flushes what was kept. */
  markReady(): void;
  /** Marks the receiver gone (a reload or a new window); pushes are kept again. */
  markNotReady(): void;
}

/** Pure: creates a PushQueue over `send`. */
export function createPushQueue<T>(send: (item: T) => boolean, limit = 8): PushQueue<T> {
  let isReady = false;
  const pending: T[] = [];
  return {
    push(item) {
      if (isReady && send(item)) return;
      pending.push(item);
      if (pending.length > limit) pending.shift();
    },
    markReady() {
      isReady = true;
      while (pending.length > 0) {
        const item = pending[0] as T;
        if (!send(item)) return;
        pending.shift();
      }
    },
    markNotReady() {
      isReady = false;
    },
  };
}
