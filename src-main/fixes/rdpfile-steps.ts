/** Shared by the two .rdp fixes: where the file goes, its backup (a byte copy) and undo (put it back). Works on any OS. */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { BadInputError } from '../shared/errors';
import type { PreparedFix, UndoAction, UndoContext } from './types';

// Names Windows keeps for devices: writing "NUL.rdp" or "COM1.rdp" would not make a file.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * The output path for the request's option, or null to only return the file (browser download). The option is
 * a bare file name at most; the file always goes into `outputDir`, the folder the app chose, never elsewhere.
 */
export function outputPath(option: string | undefined, outputDir: string): string | null {
  const raw = option?.trim();
  if (!raw) return null;
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new BadInputError('The output file name contains control characters.');
  if (/[\\/:]/.test(raw) || /^\.+$/.test(raw)) throw new BadInputError('The output file must be a bare file name, not a path; RDP Doctor saves it in its own folder.');
  if (RESERVED.test(raw) || /[<>"|?*]/.test(raw) || /[. ]$/.test(raw)) throw new BadInputError('The output file name is not a valid Windows file name.');
  if (extname(raw).toLowerCase() !== '.rdp') throw new BadInputError('The output file name must end in .rdp.');
  const dir = resolve(outputDir);
  const path = join(dir, raw);
  // Belt and braces: whatever the name, the file lands directly inside the chosen folder.
  if (dirname(path) !== dir || basename(path) !== raw) throw new BadInputError('The output file must be a bare file name, not a path.');
  return path;
}

/** The prepared fix for writing `bytes` as a .rdp file (to `path`, or only as a download when path is null). */
export function rdpFileOutput(bytes: Buffer, path: string | null, defaultName: string, notes: readonly string[], securityCost: string | null): Omit<PreparedFix, 'undo'> {
  const output = { fileName: path ? basename(path) : defaultName, mime: 'application/x-rdp', contentBase64: bytes.toString('base64') };
  if (!path) return { backups: [], apply: [], notes, securityCost, output };
  return {
    backups: [{ kind: 'copy-file', name: 'previous-file', description: `Copy ${path} byte for byte into the journal if it exists`, path }],
    apply: [{ kind: 'write-file', name: 'write-rdp', description: `Write ${path} (UTF-16LE with BOM, CRLF, ${bytes.length} bytes)`, path, contentBase64: output.contentBase64 }],
    notes,
    securityCost,
    output,
  };
}

/** The undo of a .rdp fix, from the option alone: the file it wrote in the app's folder is put back, or nothing was written. */
export function rdpFileUndo(ctx: Pick<UndoContext, 'option' | 'outputDir'>): UndoAction[] {
  const path = outputPath(ctx.option, ctx.outputDir);
  if (!path) return [{ kind: 'note', name: 'nothing-written', description: 'Nothing was written on this computer; delete the downloaded file to undo.' }];
  return [
    {
      kind: 'restore-file',
      name: 'restore-rdp',
      description: `Put the previous ${basename(path)} back byte for byte, or delete it if it did not exist`,
      path,
      backup: 'previous-file',
      writtenBy: 'write-rdp',
    },
  ];
}

/** A host name made safe for a file name. */
export function fileSafe(host: string): string {
  return host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 80) || 'remote';
}
