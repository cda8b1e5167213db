/** Check tls.certificate. */
import { pendingCheck } from './pending';

/** tls.certificate: not built yet. */
export const tlsCertificateCheck = pendingCheck('tls.certificate');
