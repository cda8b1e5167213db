/** The fix module's facade: the service, start-up recovery, the registry, and the pure .rdp helpers the doors call. */
import { createFixService, type FixServiceDeps, type RecoverResult } from './service';

export { createFixService } from './service';
export type { FixService, FixServiceDeps, RecoverResult, RecoveredEntry } from './service';
export { FIXES } from './registry';
export type { FixDefinition, FixExecutor, PreparedFix } from './types';
export type { JournalEntry, JournalState } from './journal';
export { checkRdpFileBytes, rdpFileSummary } from '../rdpfile/summary';
export type { RdpFileCheck } from '../rdpfile/summary';
export { generateCleanRdp } from '../rdpfile/generate';
export type { CleanRdp, CleanRdpOptions } from '../rdpfile/generate';

/** Call once at start-up: undoes fixes a crash left in `applying` (or, with perform false, only lists them). */
export function recoverJournal(deps: FixServiceDeps, options: { readonly perform?: boolean } = {}): Promise<RecoverResult> {
  return createFixService(deps).recover(options);
}
