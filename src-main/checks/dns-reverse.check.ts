/** Check dns.reverse. */
import { pendingCheck } from './pending';

/** dns.reverse: not built yet. */
export const dnsReverseCheck = pendingCheck('dns.reverse');
