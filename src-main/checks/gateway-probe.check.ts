/** Check gateway.probe. */
import { pendingCheck } from './pending';

/** gateway.probe: not built yet. */
export const gatewayProbeCheck = pendingCheck('gateway.probe');
