/** The fix module's facade: the service, the registry, and the pure .rdp helpers the doors call. */
export { createFixService } from './service';
export type { FixService, FixServiceDeps, RecoverResult, RecoveredEntry } from './service';
export { FIXES } from './registry';
export type { FixDefinition, FixExecutor, PreparedFix } from './types';
export type { JournalEntry, JournalState } from './journal';
export { checkRdpFileBytes, rdpFileSummary } from '../rdpfile/summary';
export { generateCleanRdp } from '../rdpfile/generate';
