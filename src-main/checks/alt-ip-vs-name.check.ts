/** Check alt.ip-vs-name. */
import { pendingCheck } from './pending';

/** alt.ip-vs-name: not built yet. */
export const altIpVsNameCheck = pendingCheck('alt.ip-vs-name');
