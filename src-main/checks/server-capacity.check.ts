/** Check server.capacity. */
import { pendingCheck } from './pending';

/** server.capacity: not built yet. */
export const serverCapacityCheck = pendingCheck('server.capacity');
