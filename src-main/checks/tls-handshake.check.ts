/** Check tls.handshake. */
import { pendingCheck } from './pending';

/** tls.handshake: not built yet. */
export const tlsHandshakeCheck = pendingCheck('tls.handshake');
