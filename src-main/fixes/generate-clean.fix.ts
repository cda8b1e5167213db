/** Fix rdpfile.generate-clean: the clean minimal .rdp with the fallback flags (rdp-facts §5.6); pure file output, any OS. */
import { checkRdpFileBytes } from '../rdpfile/summary';
import { generateCleanRdp } from '../rdpfile/generate';
import { stringSetting } from '../rdpfile/parse';
import type { RdpFileInput } from '../shared/dto';
import { fileSafe, outputPath, rdpFileOutput } from './rdpfile-steps';
import type { FixDefinition } from './types';

/** The user name written in the diagnosed .rdp file, if any. */
export function usernameOf(rdpFile: RdpFileInput | undefined): string | undefined {
  if (!rdpFile) return undefined;
  const checked = checkRdpFileBytes(Buffer.from(rdpFile.contentBase64, 'base64'), rdpFile.name);
  const user = checked.file ? stringSetting(checked.file, 'username')?.trim() : undefined;
  return user && !/[\u0000-\u001f]/.test(user) ? user : undefined;
}

/** rdpfile.generate-clean: writes (or returns) the fallback file for the target. */
export const generateCleanFix: FixDefinition = {
  id: 'rdpfile.generate-clean',
  runsOn: 'any',
  verifyChecks: ['rdp.negotiation'],
  async prepare(ctx) {
    const username = usernameOf(ctx.rdpFile);
    const clean = generateCleanRdp({ address: ctx.target.input, port: ctx.target.port, fallback: true, ...(username ? { username } : {}) });
    const path = outputPath(ctx.option, ctx.outputDir);
    return rdpFileOutput(clean.bytes, path, `${fileSafe(ctx.target.host)}-fallback.rdp`, [...clean.notes, 'Open the file with Remote Desktop Connection; it works only while the host does not require NLA.'], clean.securityCost);
  },
};
