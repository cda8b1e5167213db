/** Check client.vpn. */
import { pendingCheck } from './pending';

/** client.vpn: not built yet. */
export const clientVpnCheck = pendingCheck('client.vpn');
