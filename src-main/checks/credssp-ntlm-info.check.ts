/** Check credssp.ntlm-info. */
import { pendingCheck } from './pending';

/** credssp.ntlm-info: not built yet. */
export const credsspNtlmInfoCheck = pendingCheck('credssp.ntlm-info');
