/** Typed reads of the host checks' evidence for the server rules (evidence is plain JSON, so every read is defensive). */
import type { CheckId } from '../../shared/ids';
import type { Evidence } from '../types';

/** A JSON object, or an empty one for anything else. */
export function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A number field, or null. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A list of strings (other items dropped). */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** The evidence of a host check that really ran (not skipped, not in error), or null. */
export function ranEvidence(ev: Evidence, id: CheckId): Record<string, unknown> | null {
  const r = ev.checks.get(id);
  if (!r || r.status === 'skip' || r.status === 'error') return null;
  return r.evidence;
}

/** What server.events found, as counts (0 when the check did not run). */
export function eventSignals(ev: Evidence): { ran: boolean; keyAccess: number; renewal: number; credential: number } {
  const e = ranEvidence(ev, 'server.events');
  const s = rec(e?.['summary']);
  return {
    ran: e !== null,
    keyAccess: num(s['keyAccessErrors']) ?? 0,
    renewal: num(s['certificateRenewalFailures']) ?? 0,
    credential: num(s['credentialErrors']) ?? 0,
  };
}

/** MachineKeys folder deviations from the Windows default that stop a new key from being written. */
export function folderBlocksNewKeys(ev: Evidence): boolean {
  const mk = ranEvidence(ev, 'server.machinekeys');
  return strings(rec(mk?.['folder'])['deviations']).length > 0;
}
