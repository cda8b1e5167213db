/** Check server.security-layer. */
import { pendingCheck } from './pending';

/** server.security-layer: not built yet. */
export const serverSecurityLayerCheck = pendingCheck('server.security-layer');
