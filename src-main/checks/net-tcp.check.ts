/** Check net.tcp. */
import { pendingCheck } from './pending';

/** net.tcp: not built yet. */
export const netTcpCheck = pendingCheck('net.tcp');
