/** Facts of the host checks' evidence that several rules share. */
import type { Evidence } from '../types';
import { ranEvidence } from './evidence';

/** What server.events found, as counts (0 when the check did not run). */
export function eventSignals(ev: Evidence): {
  ran: boolean;
  /** How many days of the log were read. */
  days: number | null;
  keyAccess: number;
  renewal: number;
  credential: number;
  remoteConnections: number;
  lastRemoteConnectionUtc: string | null;
  unreadable: number;
} {
  const e = ranEvidence(ev, 'server.events');
  return {
    ran: e !== null,
    days: e?.days ?? null,
    keyAccess: e?.summary.keyAccessErrors ?? 0,
    renewal: e?.summary.certificateRenewalFailures ?? 0,
    credential: e?.summary.credentialErrors ?? 0,
    remoteConnections: e?.summary.remoteConnections ?? 0,
    lastRemoteConnectionUtc: e?.summary.lastRemoteConnectionUtc ?? null,
    unreadable: e?.unreadable.length ?? 0,
  };
}

/** MachineKeys folder deviations from the Windows default that stop a new key from being written. */
export function folderBlocksNewKeys(ev: Evidence): boolean {
  return (ranEvidence(ev, 'server.machinekeys')?.folder.deviations.length ?? 0) > 0;
}
