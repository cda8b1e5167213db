/** Check server.listener. */
import { pendingCheck } from './pending';

/** server.listener: not built yet. */
export const serverListenerCheck = pendingCheck('server.listener');
