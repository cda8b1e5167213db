/** Check client.events. */
import { pendingCheck } from './pending';

/** client.events: not built yet. */
export const clientEventsCheck = pendingCheck('client.events');
