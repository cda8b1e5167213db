/** Check server.events. */
import { pendingCheck } from './pending';

/** server.events: not built yet. */
export const serverEventsCheck = pendingCheck('server.events');
