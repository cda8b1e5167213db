/** Check server.firewall. */
import { pendingCheck } from './pending';

/** server.firewall: not built yet. */
export const serverFirewallCheck = pendingCheck('server.firewall');
