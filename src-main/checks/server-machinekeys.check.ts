/** Check server.machinekeys. */
import { pendingCheck } from './pending';

/** server.machinekeys: not built yet. */
export const serverMachinekeysCheck = pendingCheck('server.machinekeys');
