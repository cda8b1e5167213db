/**
 * Parses the RDPClient/Operational events (docs/windows.md#client-event-log) and correlates them by ActivityID into
 * connection attempts; event 1026's reason is decoded with the shared disconnect-code tables.
 */
import { decodeAs } from '../../shared/codes';
import { asList, int, isoDate, parseJsonObject, str, type JsonObject } from '../server/parse-util';

/** One client event as the collector printed it. */
export interface ClientEvent {
  readonly id: number;
  readonly timeUtc: string | null;
  readonly activityId: string | null;
  readonly message: string | null;
  /** EventData name/value pairs: language-independent, unlike the message. */
  readonly data: readonly { readonly name: string; readonly value: string }[];
}

/** A decoded 1026 reason. */
export interface DisconnectReason {
  readonly value: number;
  readonly hex: string;
  readonly name: string;
  readonly meaning: string;
}

/** One connection attempt: the events sharing an ActivityID (or following one 1024 when there is none). */
export interface ConnectionAttempt {
  readonly activityId: string | null;
  readonly startedUtc: string | null;
  /** The server named by 1024. */
  readonly server: string | null;
  /** 1025 seen: the TCP/transport connection came up. */
  readonly connected: boolean;
  /** 1027 seen: logged on to the domain (success indicator). */
  readonly loggedOn: boolean;
  /** 1028 seen. */
  readonly serverSupportsSsl: boolean;
  readonly disconnect: DisconnectReason | null;
  /** 1102/1103/1105: UDP multi-transport initiated, established, dropped. */
  readonly udp: { readonly initiated: boolean; readonly established: boolean; readonly dropped: boolean };
  /** 226 state-machine error messages (the most precise client-side clue). */
  readonly stateErrors: readonly string[];
  readonly eventIds: readonly number[];
}

/** The parsed collector output. */
export interface ClientEventLog {
  readonly sinceUtc: string | null;
  readonly events: readonly ClientEvent[];
  readonly attempts: readonly ConnectionAttempt[];
}

function parseEvent(o: JsonObject): ClientEvent | null {
  const id = int(o, 'id');
  if (id === null) return null;
  const data = asList(o['data']).map((d) => ({ name: str(d, 'name') ?? '', value: str(d, 'value') ?? '' }));
  return { id, timeUtc: isoDate(o, 'timeUtc'), activityId: str(o, 'activityId')?.toLowerCase() ?? null, message: str(o, 'message'), data };
}

/** The event's main value: EventData `Value` when present, else the last parenthesized text of the message. */
export function eventValue(e: ClientEvent): string | null {
  const named = e.data.find((d) => d.name.toLowerCase() === 'value')?.value.trim();
  if (named) return named;
  const paren = [...(e.message ?? '').matchAll(/\(([^()]*)\)/g)].pop()?.[1];
  if (!paren) return null;
  const afterEquals = /=\s*(.*)$/.exec(paren);
  return (afterEquals?.[1] ?? paren).trim() || null;
}

/** Decodes a 1026 reason number (decimal in the event, docs/windows.md#client-event-log). */
export function decodeDisconnectReason(value: number): DisconnectReason {
  const reading = decodeAs('event-reason', value);
  const hex = `0x${value.toString(16).toUpperCase()}`;
  return reading ? { value, hex, name: reading.code.name, meaning: reading.code.meaning } : { value, hex, name: 'unknown', meaning: 'a disconnect reason this app does not know' };
}

function reasonOf(e: ClientEvent): DisconnectReason | null {
  const text = eventValue(e);
  const m = text ? (/^\s*(\d{1,10})\s*$/.exec(text) ?? /(\d{1,10})\s*$/.exec(text)) : null;
  return m?.[1] ? decodeDisconnectReason(Number(m[1])) : null;
}

/** Groups events (oldest first) into attempts by ActivityID; events without one join the latest 1024. */
export function correlateAttempts(events: readonly ClientEvent[]): ConnectionAttempt[] {
  const sorted = [...events].sort((a, b) => (a.timeUtc ?? '').localeCompare(b.timeUtc ?? ''));
  const groups: ClientEvent[][] = [];
  const byActivity = new Map<string, ClientEvent[]>();
  let loose: ClientEvent[] | null = null;
  for (const e of sorted) {
    if (e.activityId) {
      let g = byActivity.get(e.activityId);
      if (!g) {
        g = [];
        byActivity.set(e.activityId, g);
        groups.push(g);
      }
      g.push(e);
    } else {
      if (e.id === 1024 || !loose) {
        loose = [];
        groups.push(loose);
      }
      loose.push(e);
    }
  }
  return groups.map((g) => {
    const has = (id: number): boolean => g.some((e) => e.id === id);
    const start = g.find((e) => e.id === 1024);
    const disc = [...g].reverse().find((e) => e.id === 1026);
    return {
      activityId: g[0]?.activityId ?? null,
      startedUtc: (start ?? g[0])?.timeUtc ?? null,
      server: start ? eventValue(start) : null,
      connected: has(1025),
      loggedOn: has(1027),
      serverSupportsSsl: has(1028),
      disconnect: disc ? reasonOf(disc) : null,
      udp: { initiated: has(1102), established: has(1103), dropped: has(1105) },
      stateErrors: g.filter((e) => e.id === 226).map((e) => (e.message ?? eventValue(e) ?? '').replace(/\s+/g, ' ').trim()),
      eventIds: g.map((e) => e.id),
    };
  });
}

/** Parses the collector's JSON (`{logName, sinceUtc, events}`); a single event may arrive as a bare object. */
export function parseEventsOutput(stdout: string): ClientEventLog {
  const o = parseJsonObject('client-events', stdout);
  const events = asList(o['events'])
    .map(parseEvent)
    .filter((e): e is ClientEvent => e !== null);
  return { sinceUtc: isoDate(o, 'sinceUtc'), events, attempts: correlateAttempts(events) };
}

/** The attempts whose 1024 named one of `names` (case-insensitive). */
export function attemptsForTarget(log: ClientEventLog, names: readonly string[]): ConnectionAttempt[] {
  const wanted = new Set(names.map((n) => n.toLowerCase().replace(/\.$/, '')));
  return log.attempts.filter((a) => a.server !== null && wanted.has(a.server.toLowerCase().replace(/\.$/, '')));
}
