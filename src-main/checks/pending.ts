/** Placeholder for a check whose implementation has not landed; reports `skip` so it is never mistaken for a pass. */
import type { CheckId } from '../shared/ids';
import type { CheckDefinition } from './types';

/** A check that always skips with "not available in this build". */
export function pendingCheck(id: CheckId): CheckDefinition {
  return {
    id,
    dependsOn: [],
    run: async () => ({ status: 'skip', summary: 'Not available in this build.', evidence: {} }),
  };
}
