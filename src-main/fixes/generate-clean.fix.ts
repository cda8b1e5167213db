/** Fix rdpfile.generate-clean: the clean .rdp with the fallback flags, from the diagnosed file when there is one; pure file output, any OS. */
import { checkRdpFileBytes } from '../rdpfile/summary';
import { generateCleanRdp } from '../rdpfile/generate';
import { stringSetting } from '../rdpfile/parse';
import { cleanCopyOfFile, type CleanCopy } from '../rdpfile/clean-copy';
import { routeOf } from '../rdpfile/route';
import type { RdpFileInput } from '../shared/dto';
import { fileSafe, outputPath, rdpFileOutput, rdpFileUndo } from './rdpfile-steps';
import type { FixDefinition } from './types';

/** The user name written in the diagnosed .rdp file, if any. */
export function usernameOf(rdpFile: RdpFileInput | undefined): string | undefined {
  if (!rdpFile) return undefined;
  const checked = checkRdpFileBytes(Buffer.from(rdpFile.contentBase64, 'base64'), rdpFile.name);
  const user = checked.file ? stringSetting(checked.file, 'username')?.trim() : undefined;
  return user && !/[\u0000-\u001f]/.test(user) ? user : undefined;
}

/** The fallback clean copy of the diagnosed file when it connects to `host`, else null (no file, unreadable, another host). */
export function cleanCopyForTarget(rdpFile: RdpFileInput | undefined, host: string): CleanCopy | null {
  if (!rdpFile) return null;
  const checked = checkRdpFileBytes(Buffer.from(rdpFile.contentBase64, 'base64'), rdpFile.name);
  if (!checked.file) return null;
  const route = routeOf(checked.file, rdpFile.name);
  if (!route.host || route.host.toLowerCase() !== host.toLowerCase()) return null;
  return cleanCopyOfFile(checked.file, { fallback: true, name: rdpFile.name });
}

/** rdpfile.generate-clean: writes (or returns) the fallback file for the target. */
export const generateCleanFix: FixDefinition = {
  id: 'rdpfile.generate-clean',
  runsOn: 'any',
  verifyChecks: ['rdp.negotiation'],
  async prepare(ctx) {
    // A diagnosed file for this host is cleaned, not replaced: its gateway, broker and service keys are what reach the host.
    const fromFile = cleanCopyForTarget(ctx.rdpFile, ctx.target.host);
    const username = fromFile ? undefined : usernameOf(ctx.rdpFile);
    const clean = fromFile ?? generateCleanRdp({ address: ctx.target.input, port: ctx.target.port, fallback: true, ...(username ? { username } : {}) });
    const path = outputPath(ctx.option, ctx.outputDir);
    return rdpFileOutput(
      clean.bytes,
      path,
      `${fileSafe(ctx.target.host)}-fallback.rdp`,
      [...clean.notes, 'Open the file with Remote Desktop Connection; it works only while the host does not require NLA.'],
      clean.securityCost,
    );
  },
  undo: rdpFileUndo,
};
