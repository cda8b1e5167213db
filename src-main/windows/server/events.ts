/** Parser and summary of host RDP and Schannel events, with TLS alert numbers decoded (docs/windows.md#host-event-logs). */
import { TLS_ALERT_NAMES } from '../../shared/tls-versions';
import { SERVER_COLLECTORS } from './scripts';
import { asList, badOutput, int, isoDate, parseJsonObject, str, unwrapArray } from './parse-util';

/** Short meaning of each event id we collect, keyed by provider family and id (our words, not the localized message). */
const MEANINGS: Readonly<Record<string, string>> = {
  'RdpCoreTS:131': 'accepted a TCP connection',
  'RdpCoreTS:140': 'a connection failed: wrong user name or password',
  'RdpCoreTS:98': 'a TCP connection was established',
  'RdpCoreTS:102': 'the server ended the main RDP connection',
  'RdpCoreTS:103': 'disconnect reason recorded',
  'RemoteConnectionManager:261': 'listener RDP-Tcp received a connection',
  'RemoteConnectionManager:1149': 'network (NLA) authentication succeeded',
  'RemoteConnectionManager:1057': 'failed to create a new self-signed certificate',
  'RemoteConnectionManager:1058': 'failed to replace the expired self-signed certificate',
  'LocalSessionManager:21': 'session logon succeeded',
  'LocalSessionManager:22': 'shell started',
  'LocalSessionManager:23': 'session logoff',
  'LocalSessionManager:24': 'session disconnected',
  'LocalSessionManager:25': 'session reconnected',
  'LocalSessionManager:39': 'session disconnected by another session',
  'LocalSessionManager:40': 'session disconnected with a reason code',
  'Schannel:36870': 'fatal error accessing the TLS server credential private key',
  'Schannel:36871': 'fatal error creating a TLS server credential',
  'Schannel:36874': 'no cipher suite in common with a client',
  'Schannel:36887': 'fatal TLS alert received from the remote end',
  'Schannel:36888': 'fatal TLS alert generated and sent',
};

/** One host event with its decoded meaning. */
export interface HostEvent {
  readonly log: string;
  readonly provider: string;
  /** RdpCoreTS, RemoteConnectionManager, LocalSessionManager, Schannel or Other. */
  readonly family: string;
  readonly id: number;
  readonly time: string | null;
  readonly meaning: string;
  readonly message: string | null;
  readonly data: readonly string[];
  /** For Schannel 36887/36888: the TLS alert number and name. */
  readonly alert: { readonly code: number; readonly name: string } | null;
}

/** Parsed `server-events` output. */
export interface HostEvents {
  readonly days: number | null;
  readonly events: readonly HostEvent[];
  /** Logs that could not be read (access denied, log missing), with the reason. */
  readonly unreadable: readonly { readonly log: string; readonly error: string }[];
}

/** Provider family from a provider or log name. */
function familyOf(provider: string, log: string): string {
  const text = `${provider} ${log}`;
  for (const f of ['RdpCoreTS', 'RemoteConnectionManager', 'LocalSessionManager', 'Schannel']) if (text.includes(f)) return f;
  return 'Other';
}

/** The alert number: the first event data field, or "alert code is N" in the message as a fallback. */
function alertOf(id: number, data: readonly string[], message: string | null): HostEvent['alert'] {
  if (id !== 36887 && id !== 36888) return null;
  const first = data[0]?.trim() ?? '';
  // Data fields are language-independent; the English message is only a fallback.
  const fromMessage = message ? /alert code is (\d{1,3})/i.exec(message) : null;
  const code = /^\d{1,3}$/.test(first) ? Number(first) : fromMessage ? Number(fromMessage[1]) : NaN;
  if (!Number.isInteger(code) || code > 255) return null;
  return { code, name: TLS_ALERT_NAMES[code] ?? `alert ${code}` };
}

/** Parses `server-events` output; events without a numeric id are dropped. */
export function parseEvents(stdout: string): HostEvents {
  const name = SERVER_COLLECTORS.events;
  const root = parseJsonObject(name, stdout);
  if (!('events' in root)) badOutput(name, 'no events list');
  const events = asList(root['events']).flatMap((e): HostEvent[] => {
    const id = int(e, 'id');
    if (id === null) return [];
    const provider = str(e, 'provider') ?? '';
    const log = str(e, 'log') ?? '';
    // Positions matter (the alert number is field 0), so a null field stays as an empty string.
    const raw = unwrapArray(e['data']);
    const data = (Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw]).map((d) => (d === null || typeof d === 'object' ? '' : String(d)));
    const message = str(e, 'message');
    const family = familyOf(provider, log);
    return [{ log, provider, family, id, time: isoDate(e, 'time'), meaning: MEANINGS[`${family}:${id}`] ?? `event ${id}`, message, data, alert: alertOf(id, data, message) }];
  });
  events.sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
  return {
    days: int(root, 'days'),
    events,
    unreadable: asList(root['unreadable']).map((u) => ({ log: str(u, 'log') ?? '', error: str(u, 'error') ?? '' })),
  };
}

/** Counts and signatures the checks and rules read. */
export interface EventSummary {
  /** Count per "Family:id". */
  readonly counts: Readonly<Record<string, number>>;
  readonly keyAccessErrors: number;
  readonly credentialErrors: number;
  readonly certificateRenewalFailures: number;
  readonly cipherMismatches: number;
  readonly failedLogons: number;
  readonly connectionsSeen: number;
  /** TCP connections accepted from another computer (RdpCoreTS 131 from a non-loopback address): they passed the firewall. */
  readonly remoteConnections: number;
  /** When the newest of those arrived. */
  readonly lastRemoteConnectionUtc: string | null;
  /** Alerts by direction and name, most frequent first. */
  readonly alerts: readonly { readonly direction: 'sent' | 'received'; readonly code: number; readonly name: string; readonly count: number }[];
}

/** The client address of an RdpCoreTS 131 ("accepted a new TCP connection from client 10.0.0.5:51234"), or null. */
function clientAddressOf(e: HostEvent): string | null {
  // The second data field is the client's address in any language; the English message is only a fallback.
  const field = e.data[1]?.trim();
  if (field) return field;
  return e.message ? (/from client (\S+?)\.?$/i.exec(e.message)?.[1] ?? null) : null;
}

/** True for 127.0.0.0/8, ::1 and their mapped forms, with or without a port. */
function isLoopback(address: string): boolean {
  return /^\[?(127\.|::1\]?(:|$)|::ffff:127\.)/i.test(address);
}

/** Summarizes the events into the signatures that point at a cause. */
export function summarizeEvents(ev: HostEvents): EventSummary {
  const counts: Record<string, number> = {};
  const alerts = new Map<string, { direction: 'sent' | 'received'; code: number; name: string; count: number }>();
  for (const e of ev.events) {
    const key = `${e.family}:${e.id}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (e.alert) {
      const direction = e.id === 36888 ? 'sent' : 'received';
      const k = `${direction}:${e.alert.code}`;
      const prev = alerts.get(k) ?? { direction, code: e.alert.code, name: e.alert.name, count: 0 };
      alerts.set(k, { ...prev, count: prev.count + 1 });
    }
  }
  const c = (k: string) => counts[k] ?? 0;
  // parseEvents sorts the events newest first, so the first remote one is the latest.
  const remote = ev.events
    .filter((e) => e.family === 'RdpCoreTS' && e.id === 131)
    .filter((e) => {
      const address = clientAddressOf(e);
      return address !== null && !isLoopback(address);
    });
  return {
    counts,
    keyAccessErrors: c('Schannel:36870'),
    credentialErrors: c('Schannel:36871'),
    certificateRenewalFailures: c('RemoteConnectionManager:1057') + c('RemoteConnectionManager:1058'),
    cipherMismatches: c('Schannel:36874'),
    failedLogons: c('RdpCoreTS:140'),
    connectionsSeen: c('RdpCoreTS:131') + c('RemoteConnectionManager:261'),
    remoteConnections: remote.length,
    lastRemoteConnectionUtc: remote[0]?.time ?? null,
    alerts: [...alerts.values()].sort((a, b) => b.count - a.count || a.code - b.code),
  };
}
