/** The one way RDP Doctor reads a file someone named (a .rdp file, a targets list, host evidence, its own journal): bounded before it is read. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';

/** Why a file was not read. */
export type FileRefusal = 'not-found' | 'not-a-file' | 'too-large' | 'unreadable';

/** The bytes of a file, or a one-line reason (naming the file as `label`) it was not read. */
export type BoundedRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: FileRefusal; readonly message: string };

/** Options of readFileBounded. */
export interface BoundedReadOptions {
  /** How messages name the file (default: its base name). */
  readonly label?: string;
  /** What the file is meant to be, for the size message ("a .rdp file", "a targets file"). */
  readonly kind?: string;
  /** Refuses a symbolic link instead of following it (the app's own folders, where nobody should have put one). */
  readonly noFollow?: boolean;
}

/**
 * Reads `path` only if it is a regular file of at most `maxBytes`. A FIFO would block the open and a device such as
 * /dev/zero never ends, so the file is opened non-blocking, checked with fstat on the open handle (no race with a
 * swap after a stat by path), and read no further than one byte past the limit, whatever its size claims.
 */
export async function readFileBounded(path: string, maxBytes: number, options: BoundedReadOptions = {}): Promise<BoundedRead> {
  const label = options.label ?? basename(path);
  const kind = options.kind ?? 'this file';
  const refuse = (reason: FileRefusal, message: string): BoundedRead => ({ ok: false, reason, message });
  let handle;
  try {
    // O_NONBLOCK and O_NOFOLLOW do not exist on Windows, where named pipes and devices are not opened by such paths.
    const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
    handle = await open(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return refuse('not-found', `${label} was not found.`);
    if (code === 'EISDIR' || code === 'ELOOP') return refuse('not-a-file', `${label} is not a regular file.`);
    return refuse('unreadable', `${label} could not be opened (${code ?? 'error'}).`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return refuse('not-a-file', `${label} is not a regular file.`);
    const tooLarge = `${label} is too large for ${kind} (the limit is ${maxBytes} bytes).`;
    if (info.size > maxBytes) return refuse('too-large', `${label} is too large for ${kind} (${info.size} bytes; the limit is ${maxBytes}).`);
    // Sized by what fstat says, grown (never past the limit plus one byte) if the file grows while it is read.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes, info.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return refuse('too-large', tooLarge);
        buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(maxBytes + 1, length * 2) - length)]);
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return refuse('too-large', tooLarge);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return refuse('unreadable', `${label} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  } finally {
    await handle.close();
  }
}
