/** Facts of the client checks' evidence that several rules share: what the client's event log says, both sides' builds. */
import type { Evidence } from '../types';
import { evidenceOf, ranEvidence, statusOf } from './evidence';

/** What the client event log says about attempts to the target; other rules may combine these. */
export interface ClientEventSignals {
  /** The client.events check ran (not skipped, not in error). */
  readonly ran: boolean;
  /** 1026 reasons of failed attempts, newest first (2308 = 0x904, socket closed). */
  readonly reasons: readonly number[];
  /** Attempts that ended without a logon. */
  readonly failedAttempts: number;
  /** Reasons of the attempts refused at logon since the last one that logged on, newest first (2055 = 0x807). */
  readonly logonFailures: readonly number[];
  /** When the newest attempt that logged on started, or null. */
  readonly lastLogonUtc: string | null;
  /** Attempts the CredSSP encryption-oracle block ended (226 with 0x80090302). */
  readonly credsspRefusals: number;
  /** Attempts whose UDP multi-transport dropped (event 1105). */
  readonly udpDrops: number;
  /** 226 state-machine errors that name the SSL/TLS stage. */
  readonly sslStateErrors: readonly string[];
}

const NONE: ClientEventSignals = { ran: false, reasons: [], failedAttempts: 0, logonFailures: [], lastLogonUtc: null, credsspRefusals: 0, udpDrops: 0, sslStateErrors: [] };

/** Reads client.events into signals; empty when it did not run. */
export function clientEventSignals(ev: Evidence): ClientEventSignals {
  const e = ranEvidence(ev, 'client.events');
  if (!e) return NONE;
  return {
    ran: true,
    reasons: e.disconnectReasons,
    failedAttempts: e.failedAttempts,
    logonFailures: e.logonFailureReasons,
    lastLogonUtc: e.lastLogonUtc,
    credsspRefusals: e.credsspRefusals,
    udpDrops: e.attempts.filter((a) => a.udp.dropped).length,
    sslStateErrors: e.attempts.flatMap((a) => a.stateErrors).filter((s) => /RDPClient_SSL|TsSsl|CredSSP|Schannel/i.test(s)),
  };
}

/** The client's OS build (client.versions), or null. */
export function clientBuild(ev: Evidence): number | null {
  return ranEvidence(ev, 'client.versions')?.build ?? null;
}

/** The server's OS build as its NTLM challenge reports it (credssp.ntlm-info), or null. */
export function serverBuild(ev: Evidence): number | null {
  return evidenceOf(ev, 'credssp.ntlm-info')?.osBuild ?? null;
}

/** The CredSSP version the server answered with (its TSRequest), or null when its identity was not read. */
export function serverCredSspVersion(ev: Evidence): number | null {
  return evidenceOf(ev, 'credssp.ntlm-info')?.tsRequestVersion ?? null;
}

/** True when a check ran and failed (or warned, when `orWarn`). */
export function hasFailed(ev: Evidence, id: Parameters<typeof statusOf>[1], orWarn = false): boolean {
  const status = statusOf(ev, id);
  return status === 'fail' || (orWarn && status === 'warn');
}

/** True when the user's dialog text or codes point at the CredSSP encryption-oracle block (KB 4093492's message). */
export function hintNamesOracle(ev: Evidence): boolean {
  const text = ev.errorHint ? `${ev.errorHint.input} ${ev.errorHint.summary}` : '';
  return /encryption oracle|function requested is not supported|angeforderte Funktion wird nicht unterstützt|CredSSP/i.test(text);
}
