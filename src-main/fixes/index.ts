/** The fix module's facade: the service, start-up recovery, the registry, and the pure .rdp helpers the doors call. */
import { parseTarget } from '../net/target';
import { generateCleanRdp, type CleanRdp } from '../rdpfile/generate';
import { createFixService, type FixServiceDeps, type RecoverResult } from './service';
import { pickAddress } from './use-ip.fix';

export { createFixService } from './service';
export type { FixService, FixServiceDeps, RecoverResult, RecoveredEntry } from './service';
export { FIXES } from './registry';
export type { FixDefinition, FixExecutor, PreparedFix } from './types';
export type { JournalEntry, JournalState } from './journal';
export { checkRdpFileBytes, rdpFileSummary } from '../rdpfile/summary';
export type { RdpFileCheck } from '../rdpfile/summary';
export { generateCleanRdp };
export type { CleanRdp, CleanRdpOptions } from '../rdpfile/generate';

/** Call once at start-up: undoes fixes a crash left in `applying` (or, with perform false, only lists them). */
export function recoverJournal(deps: FixServiceDeps, options: { readonly perform?: boolean } = {}): Promise<RecoverResult> {
  return createFixService(deps).recover(options);
}

/** For `rdp-file clean <target> [--fallback] [--use-ip]`: the clean file for a target, looking up its IP when asked. */
export async function cleanRdpForTarget(
  target: string,
  options: { readonly fallback: boolean; readonly useIp: boolean; readonly username?: string },
  signal: AbortSignal = new AbortController().signal,
): Promise<CleanRdp> {
  const parsed = parseTarget(target);
  const useIp = options.useIp ? (parsed.isAddress ? parsed.host : await pickAddress({ target: parsed, signal }, undefined)) : undefined;
  return generateCleanRdp({
    address: parsed.input,
    port: parsed.port,
    fallback: options.fallback,
    ...(useIp ? { useIp } : {}),
    ...(options.username ? { username: options.username } : {}),
  });
}
