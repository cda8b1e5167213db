/** Fix rdpfile.use-ip: the same connection by IP address instead of name (the diagnosed .rdp edited, or a clean one); any OS. */
import { lookup } from 'node:dns/promises';
import { ipFamily } from '../shared/ip';
import { checkRdpFileBytes } from '../rdpfile/summary';
import { generateCleanRdp } from '../rdpfile/generate';
import { lastSetting } from '../rdpfile/parse';
import { editRdpFile, serializeRdp, type RdpEdit } from '../rdpfile/serialize';
import { BadInputError } from '../shared/errors';
import type { Report } from '../shared/schema';
import { fileSafe, outputPath, rdpFileOutput, rdpFileUndo } from './rdpfile-steps';
import type { FixContext, FixDefinition } from './types';

const LOOKUP_TIMEOUT_MS = 5000;

async function resolveAddress(host: string, signal: AbortSignal): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const abort = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BadInputError(`${host} did not resolve within ${LOOKUP_TIMEOUT_MS / 1000} s.`)), LOOKUP_TIMEOUT_MS);
    signal.addEventListener('abort', () => reject(new BadInputError('Cancelled.')), { once: true });
  });
  try {
    const found = await Promise.race([lookup(host, { family: 0 }), abort]);
    return found.address;
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw new BadInputError(`${host} does not resolve to an address, so there is no IP to use.`);
  } finally {
    clearTimeout(timer);
  }
}

/** The address to use: the diagnosis's first IPv4 address, else its first address, else a fresh lookup. */
export async function pickAddress(ctx: Pick<FixContext, 'target' | 'signal'>, report: Report | undefined): Promise<string> {
  if (ctx.target.isAddress) throw new BadInputError(`${ctx.target.host} is already an IP address.`);
  const addresses = (report?.target.addresses ?? []).filter((a) => ipFamily(a) !== 0);
  return addresses.find((a) => ipFamily(a) === 4) ?? addresses[0] ?? (await resolveAddress(ctx.target.host, ctx.signal));
}

/** rdpfile.use-ip: connects by IP to rule out name resolution and stale DNS. */
export const useIpFix: FixDefinition = {
  id: 'rdpfile.use-ip',
  runsOn: 'any',
  verifyChecks: ['alt.ip-vs-name'],
  async prepare(ctx) {
    const path = outputPath(ctx.option, ctx.outputDir);
    const ip = await pickAddress(ctx, ctx.report);
    const name = `${fileSafe(ctx.target.host)}-by-ip.rdp`;
    const checked = ctx.rdpFile ? checkRdpFileBytes(Buffer.from(ctx.rdpFile.contentBase64, 'base64'), ctx.rdpFile.name) : null;
    if (checked?.file) {
      const hostText = ipFamily(ip) === 6 ? `[${ip}]` : ip;
      const address = ctx.target.port === 3389 ? hostText : `${hostText}:${ctx.target.port}`;
      const edits: RdpEdit[] = [{ op: 'set', name: 'full address', type: 's', value: address }];
      if (lastSetting(checked.file, 'alternate full address')) edits.push({ op: 'set', name: 'alternate full address', type: 's', value: address });
      const edited = editRdpFile(checked.file, edits);
      const notes = [
        `${ctx.rdpFile?.name ?? 'The file'} now connects to ${ip}; every other setting is kept.`,
        ...edited.notes,
        `The certificate names ${ctx.target.host}, so expect a name warning.`,
      ];
      return rdpFileOutput(serializeRdp(edited.file), path, name, notes, null);
    }
    const clean = generateCleanRdp({ address: ctx.target.input, port: ctx.target.port, useIp: ip, fallback: false });
    return rdpFileOutput(clean.bytes, path, name, clean.notes, null);
  },
  undo: rdpFileUndo,
};
