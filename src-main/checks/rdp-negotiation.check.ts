/** Check rdp.negotiation. */
import { pendingCheck } from './pending';

/** rdp.negotiation: not built yet. */
export const rdpNegotiationCheck = pendingCheck('rdp.negotiation');
