/** Shared by the two .rdp fixes: where the file goes, its backup (a byte copy) and undo (put it back). Works on any OS. */
import { basename, extname, resolve } from 'node:path';
import { BadInputError } from '../service/errors';
import type { PreparedFix } from './types';

/** The output path from the request's option, or null to only return the file (browser download). */
export function outputPath(option: string | undefined): string | null {
  const raw = option?.trim();
  if (!raw) return null;
  if (/[\u0000-\u001f]/.test(raw)) throw new BadInputError('The output file name contains control characters.');
  if (extname(raw).toLowerCase() !== '.rdp') throw new BadInputError('The output file name must end in .rdp.');
  return resolve(raw);
}

/** The prepared fix for writing `bytes` as a .rdp file (to `path`, or only as a download when path is null). */
export function rdpFileOutput(bytes: Buffer, path: string | null, defaultName: string, notes: readonly string[], securityCost: string | null): PreparedFix {
  const output = { fileName: path ? basename(path) : defaultName, mime: 'application/x-rdp', contentBase64: bytes.toString('base64') };
  if (!path) {
    return { backups: [], apply: [], undo: [{ kind: 'note', name: 'nothing-written', description: 'Nothing was written on this computer; delete the downloaded file to undo.' }], notes, securityCost, output };
  }
  return {
    backups: [{ kind: 'copy-file', name: 'previous-file', description: `Copy ${path} byte for byte into the journal if it exists`, path }],
    apply: [{ kind: 'write-file', name: 'write-rdp', description: `Write ${path} (UTF-16LE with BOM, CRLF, ${bytes.length} bytes)`, path, contentBase64: output.contentBase64 }],
    undo: [{ kind: 'restore-file', name: 'restore-rdp', description: `Put the previous ${basename(path)} back byte for byte, or delete it if it did not exist`, backup: 'previous-file' }],
    notes,
    securityCost,
    output,
  };
}

/** A host name made safe for a file name. */
export function fileSafe(host: string): string {
  return host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 80) || 'remote';
}
