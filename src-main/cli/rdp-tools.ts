/** The .rdp helpers of the command line: write a clean file, resolving the name first for --use-ip. */
import { lookup } from 'node:dns/promises';
import { generateCleanRdp } from '../rdpfile';
import { parseTarget } from '../net/target';
import type { RdpTools } from './context';
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

/** The real tools. */
export function createRdpTools(): RdpTools {
  return {
    async generateClean({ target, fallback, useIp, timeoutMs }) {
      const parsed = parseTarget(target);
      const ip = useIp && !parsed.isAddress ? await firstAddress(parsed.host, timeoutMs) : undefined;
      const made = generateCleanRdp({ address: target, fallback, ...(ip ? { useIp: ip } : {}) });
      return { bytes: made.bytes, notes: [...(made.securityCost ? [`Security cost: ${made.securityCost}`] : []), ...made.notes] };
    },
  };
}
