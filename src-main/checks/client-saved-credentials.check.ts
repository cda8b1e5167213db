/** Check client.saved-credentials. */
import { pendingCheck } from './pending';

/** client.saved-credentials: not built yet. */
export const clientSavedCredentialsCheck = pendingCheck('client.saved-credentials');
