/** Check server.rdp-enabled. */
import { pendingCheck } from './pending';

/** server.rdp-enabled: not built yet. */
export const serverRdpEnabledCheck = pendingCheck('server.rdp-enabled');
