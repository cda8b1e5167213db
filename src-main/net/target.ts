/** The target parser lives in shared/ so the dashboard checks the field with the same rules; re-exported for net/ callers. */
export { DEFAULT_RDP_PORT, isHostName, parseTarget } from '../shared/target-input';
