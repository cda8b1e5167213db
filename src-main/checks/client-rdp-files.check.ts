/** Check client.rdp-files. */
import { pendingCheck } from './pending';

/** client.rdp-files: not built yet. */
export const clientRdpFilesCheck = pendingCheck('client.rdp-files');
