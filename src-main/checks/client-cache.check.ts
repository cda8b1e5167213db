/** Check client.cache. */
import { pendingCheck } from './pending';

/** client.cache: not built yet. */
export const clientCacheCheck = pendingCheck('client.cache');
