/** Check client.security-software. */
import { pendingCheck } from './pending';

/** client.security-software: not built yet. */
export const clientSecuritySoftwareCheck = pendingCheck('client.security-software');
