/** Check dns.resolve. */
import { pendingCheck } from './pending';

/** dns.resolve: not built yet. */
export const dnsResolveCheck = pendingCheck('dns.resolve');
