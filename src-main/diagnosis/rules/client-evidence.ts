/** Typed reads of the client checks' evidence (plain JSON, so every read is defensive), shared with other rules. */
import type { Evidence } from '../types';
import { num, ranEvidence, rec, strings } from './server-evidence';

/** What the client event log says about attempts to the target; other rules may combine these. */
export interface ClientEventSignals {
  /** The client.events check ran (not skipped, not in error). */
  readonly ran: boolean;
  /** 1026 reasons of failed attempts, newest first (2308 = 0x904, socket closed). */
  readonly reasons: readonly number[];
  /** Attempts that ended without a logon. */
  readonly failedAttempts: number;
  /** Attempts whose UDP multi-transport dropped (event 1105). */
  readonly udpDrops: number;
  /** 226 state-machine errors that name the SSL/TLS stage. */
  readonly sslStateErrors: readonly string[];
}

/** Reads client.events into signals; empty when it did not run. */
export function clientEventSignals(ev: Evidence): ClientEventSignals {
  const e = ranEvidence(ev, 'client.events');
  if (!e) return { ran: false, reasons: [], failedAttempts: 0, udpDrops: 0, sslStateErrors: [] };
  const attempts = (Array.isArray(e['attempts']) ? e['attempts'] : []).map(rec);
  const reasons = (Array.isArray(e['disconnectReasons']) ? e['disconnectReasons'] : []).map(num).filter((n): n is number => n !== null);
  return {
    ran: true,
    reasons,
    failedAttempts: reasons.length,
    udpDrops: attempts.filter((a) => rec(a['udp'])['dropped'] === true).length,
    sslStateErrors: attempts.flatMap((a) => strings(a['stateErrors'])).filter((s) => /RDPClient_SSL|TsSsl|CredSSP|Schannel/i.test(s)),
  };
}

/** The client's OS build (client.versions), or null. */
export function clientBuild(ev: Evidence): number | null {
  return num(ranEvidence(ev, 'client.versions')?.['build']);
}

/** The server's OS build as its NTLM challenge reports it (credssp.ntlm-info), or null. */
export function serverBuild(ev: Evidence): number | null {
  return num(ranEvidence(ev, 'credssp.ntlm-info')?.['osBuild']);
}

/** True when a check ran and failed (or warned, when `orWarn`). */
export function hasFailed(ev: Evidence, id: Parameters<typeof ranEvidence>[1], orWarn = false): boolean {
  const status = ev.checks.get(id)?.status;
  return status === 'fail' || (orWarn && status === 'warn');
}

/** True when the user's dialog text or codes point at the CredSSP encryption-oracle block (rdp-facts §2.4). */
export function hintNamesOracle(ev: Evidence): boolean {
  const text = ev.errorHint ? `${ev.errorHint.input} ${ev.errorHint.summary}` : '';
  return /encryption oracle|function requested is not supported|angeforderte Funktion wird nicht unterstützt|CredSSP/i.test(text);
}
