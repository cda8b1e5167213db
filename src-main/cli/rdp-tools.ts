/** The .rdp helpers of the command line: write a clean file, resolving the name first for --use-ip. */
import { lookup } from 'node:dns/promises';
import { generateCleanRdp } from '../rdpfile';
import { cleanCopyOfFile, SIGNED_COPY_NOTE } from '../rdpfile/clean-copy';
import { parseRdpBytes } from '../rdpfile/parse';
import { parseTarget } from '../net/target';
import { UsageError } from './usage';

/** Resolves `host` to its first address within `timeoutMs`, or throws a UsageError saying why. */
async function firstAddress(host: string, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      lookup(host, { all: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const first = found[0];
    if (!first) throw new Error('no address');
    return first.address;
  } catch (error) {
    throw new UsageError(`--use-ip: ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  } finally {
    clearTimeout(timer);
  }
}

/** A clean file as `rdp-file clean` prints it: the bytes, what it costs, and what to say before and after writing. */
export interface MadeCleanFile {
  readonly bytes: Uint8Array;
  readonly securityCost: string | null;
  /** Said before anything is written (the signature a signed original loses). */
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
}

/** Makes a clean .rdp file for `rdp-file clean`; with `useIp` the name is resolved first and the file names the address. */
export async function generateClean(opts: { target: string; fallback: boolean; useIp: boolean; timeoutMs: number }): Promise<MadeCleanFile> {
  const parsed = parseTarget(opts.target);
  const ip = opts.useIp && !parsed.isAddress ? await firstAddress(parsed.host, opts.timeoutMs) : undefined;
  const made = generateCleanRdp({ address: opts.target, fallback: opts.fallback, ...(ip ? { useIp: ip } : {}) });
  return { bytes: made.bytes, notes: [...made.notes], securityCost: made.securityCost, warnings: [] };
}

/** The clean copy of an existing .rdp file (`rdp-file clean FILE.rdp`): what reaches the host stays, the rest goes. */
export function cleanExistingFile(bytes: Uint8Array, name: string, fallback: boolean): MadeCleanFile {
  const parsed = parseRdpBytes(bytes);
  if (!parsed.ok) throw new UsageError(`${name} is not a usable .rdp file: ${parsed.error}`);
  const copy = cleanCopyOfFile(parsed.file, { fallback, name });
  return {
    bytes: copy.bytes,
    securityCost: copy.securityCost,
    warnings: copy.signatureStripped ? [SIGNED_COPY_NOTE] : [],
    notes: [`${copy.summary} Kept: ${copy.kept.join(', ')}.`, ...copy.notes.filter((n) => n !== SIGNED_COPY_NOTE)],
  };
}
