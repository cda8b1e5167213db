/** Facts the cross-source rules combine: the client's disconnects, the dialog's codes, the certificate on the wire. */
import type { Evidence } from '../types';
import { clientEventSignals } from './client-evidence';
import { readServerCertificate } from './network-read';

/** Disconnect reasons of the client's failed attempts (event 1026, decimal discReason values), distinct and sorted. */
export function clientDisconnectReasons(ev: Evidence): number[] {
  return [...new Set(clientEventSignals(ev).reasons)].sort((a, b) => a - b);
}

/** The validity verdict of the certificate the server presented on the wire (expiring soon is still valid). */
export function wireCertificateValidity(ev: Evidence): 'expired' | 'not-yet-valid' | 'valid' | null {
  const validity = readServerCertificate(ev)?.validity;
  if (!validity) return null;
  return validity === 'expiring-soon' ? 'valid' : validity;
}

/** True when the user's dialog codes point at the server refusing (0x904/0x7 and kin). */
export function hintSaysRefused(ev: Evidence): boolean {
  return ev.errorHint?.steer === 'server-refusal';
}

/** The disconnect reasons that read "the server hung up / refused": socket closed, certificate expired. */
export const REFUSAL_REASONS: ReadonlySet<number> = new Set([0x904, 0x1b07]);
