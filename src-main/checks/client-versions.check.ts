/** Check client.versions. */
import { pendingCheck } from './pending';

/** client.versions: not built yet. */
export const clientVersionsCheck = pendingCheck('client.versions');
