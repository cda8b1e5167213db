/** Check server.tls-protocols. */
import { pendingCheck } from './pending';

/** server.tls-protocols: not built yet. */
export const serverTlsProtocolsCheck = pendingCheck('server.tls-protocols');
