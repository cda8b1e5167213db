/** Check client.updates. */
import { pendingCheck } from './pending';

/** client.updates: not built yet. */
export const clientUpdatesCheck = pendingCheck('client.updates');
