/** Files named on the command line (.rdp files, targets lists, evidence), read through the one bounded reader. */
import { readFileBounded } from '../files/bounded-file';
import { UsageError } from './usage';

/**
 * The bytes of `path`, or a UsageError (one line, exit 2) when it is missing, not a regular file (FIFO, device,
 * folder) or larger than `maxBytes`. `what` names the file in the message: "the .rdp file", "the targets file".
 */
export async function readInputFile(path: string, what: string, maxBytes: number): Promise<Buffer> {
  const read = await readFileBounded(path, maxBytes, { label: `${what} ${JSON.stringify(path)}`, kind: what.replace(/^the /, 'a ') });
  if (!read.ok) throw new UsageError(read.message.charAt(0).toUpperCase() + read.message.slice(1));
  return read.bytes;
}
