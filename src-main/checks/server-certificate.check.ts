/** Check server.certificate. */
import { pendingCheck } from './pending';

/** server.certificate: not built yet. */
export const serverCertificateCheck = pendingCheck('server.certificate');
