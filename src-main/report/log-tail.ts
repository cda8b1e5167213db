/** The end of the app's log file, bounded, for attaching to a report. */
import { open } from 'node:fs/promises';

/** At most this many bytes are read from the end of the log. */
export const LOG_TAIL_BYTES = 64 * 1024;
/** At most this many lines are attached. */
export const LOG_TAIL_LINES = 300;
const MAX_LINE = 500;

/** The last lines of `file` (control characters replaced, long lines cut); no lines when the file is missing. */
export async function readLogTail(file: string): Promise<{ file: string; lines: string[] }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { file, lines: [] };
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    // A read that starts mid-file starts mid-line: that first piece is dropped.
    if (size > length) lines.shift();
    return {
      file,
      lines: lines
        .filter((line) => line.trim() !== '')
        .slice(-LOG_TAIL_LINES)
        .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?').slice(0, MAX_LINE)),
    };
  } finally {
    await handle.close();
  }
}
