/** Files the command line writes (`--report FILE`, `rdp-file clean -o FILE`): checked before any work, never through a link. */
import { constants } from 'node:fs';
import { access, copyFile, lstat, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import { UsageError } from './usage';

/** What the option is called in messages ("-o FILE", "--report FILE"). */
type OptionName = string;

/** Throws a UsageError (exit 2) when the folder `path` would be written in does not exist (or is not a folder). */
export async function checkOutputFolder(path: string, option: OptionName): Promise<void> {
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder?.isDirectory()) throw new UsageError(`The folder of ${JSON.stringify(path)} does not exist; create it or choose another ${option}.`);
}

/**
 * Throws a UsageError (exit 2) unless `path` can be written: its folder exists, and it is new, or a regular file
 * (not a link, folder or device) that `force` allows replacing and that is not read-only. Returns whether it exists.
 */
export async function checkOutputPath(path: string, force: boolean, option: OptionName): Promise<boolean> {
  const shown = JSON.stringify(path);
  await checkOutputFolder(path, option);
  const old = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new UsageError(`Cannot write ${shown}: ${error.code ?? 'unreadable'}.`);
  });
  if (!old) return false;
  if (old.isSymbolicLink()) throw new UsageError(`${shown} is a symbolic link; it is not followed. Choose another ${option}.`);
  if (!old.isFile()) throw new UsageError(`${shown} exists and is not a regular file; choose another ${option}.`);
  if (!force) throw new UsageError(`${shown} already exists; add --force to replace it (the old file is kept as ${basename(path)}.bak), or choose another ${option}.`);
  // A read-only file says "keep me": --force replaces what the user may change, not what they protected.
  const writable = await access(path, constants.W_OK).then(
    () => (old.mode & 0o222) !== 0,
    () => false,
  );
  if (!writable) throw new UsageError(`${shown} is read-only; --force does not replace it. Choose another ${option}.`);
  return true;
}

/** The first of `<path>.bak`, `<path>.1.bak`, … that does not exist yet. */
async function freeBackupName(path: string): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const name = i === 0 ? `${path}.bak` : `${path}.${i}.bak`;
    try {
      await lstat(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return name;
      throw error;
    }
  }
  throw new UsageError(`Too many backups of ${path} already; move some away.`);
}

/**
 * Writes `bytes` to `path` after checkOutputPath: never replaces a file silently; with `force` the old bytes are kept
 * as a .bak copy first, then the write is atomic (a temp file renamed over the name, so a link there is replaced, not followed).
 */
export async function writeWithBackup(path: string, bytes: Uint8Array, force: boolean, option: OptionName = '-o FILE'): Promise<{ backup: string | null }> {
  const exists = await checkOutputPath(path, force, option);
  let backup: string | null = null;
  try {
    if (exists) {
      backup = await freeBackupName(path);
      // COPYFILE_EXCL: a backup name that appeared in the meantime is never overwritten.
      await copyFile(path, backup, constants.COPYFILE_EXCL);
    }
    await writeFileAtomic(path, bytes);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot write ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  return { backup };
}
