/** Check client.policy. */
import { pendingCheck } from './pending';

/** client.policy: not built yet. */
export const clientPolicyCheck = pendingCheck('client.policy');
