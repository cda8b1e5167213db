/** Parsers for the service states and the TCP/UDP listeners of Remote Desktop. */
import { SERVER_COLLECTORS } from './scripts';
import { asList, badOutput, bool, int, parseJsonObject, str } from './parse-util';

/** One Remote Desktop service as Win32_Service reports it. */
export interface ServiceState {
  readonly name: string;
  readonly present: boolean;
  /** Running, Stopped, Start Pending… (Win32_Service State, not localized). */
  readonly state: string | null;
  /** Auto, Manual, Disabled, Boot, System. */
  readonly startMode: string | null;
  readonly processId: number | null;
  readonly account: string | null;
}

/** Parses `server-services` output. */
export function parseServices(stdout: string): ServiceState[] {
  const name = SERVER_COLLECTORS.services;
  const root = parseJsonObject(name, stdout);
  if (!('services' in root)) badOutput(name, 'no services list');
  const list = asList(root['services']).flatMap((s): ServiceState[] => {
    const n = str(s, 'name');
    if (!n) return [];
    return [
      {
        name: n,
        present: bool(s, 'present') ?? str(s, 'state') !== null,
        state: str(s, 'state'),
        startMode: str(s, 'startMode'),
        processId: int(s, 'processId'),
        account: str(s, 'account'),
      },
    ];
  });
  // The script always reports its three services, present or not; none at all means the output is broken.
  if (list.length === 0) badOutput(name, 'the services list has no named entries');
  return list;
}

/** True when a service reports Running. */
export function isRunning(s: ServiceState | undefined): boolean {
  return !!s && s.present && (s.state ?? '').toLowerCase() === 'running';
}

/** One listening socket. */
export interface ListenerRow {
  readonly localAddress: string;
  readonly localPort: number;
  readonly owningProcess: number | null;
  readonly processName: string | null;
}

/** Parsed `server-listener` output. */
export interface ListenerState {
  readonly configuredPort: number;
  /** TermService's process id; 0 or null when it is not running. */
  readonly termServicePid: number | null;
  readonly tcp: readonly ListenerRow[];
  readonly udp: readonly ListenerRow[];
}

function rows(value: unknown): ListenerRow[] {
  return asList(value).flatMap((r): ListenerRow[] => {
    const port = int(r, 'localPort');
    if (port === null || port < 0 || port > 65535) return [];
    return [{ localAddress: str(r, 'localAddress') ?? '', localPort: port, owningProcess: int(r, 'owningProcess'), processName: str(r, 'processName') }];
  });
}

/** Parses `server-listener` output. */
export function parseListener(stdout: string): ListenerState {
  const name = SERVER_COLLECTORS.listener;
  const root = parseJsonObject(name, stdout);
  const port = int(root, 'configuredPort');
  if (port === null || port < 1 || port > 65535) badOutput(name, 'configuredPort is missing or not a port number');
  const pid = int(root, 'termServicePid');
  return { configuredPort: port, termServicePid: pid && pid > 0 ? pid : null, tcp: rows(root['tcp']), udp: rows(root['udp']) };
}

/** What the listeners say about the configured port. */
export interface ListenerVerdict {
  readonly listeningOnConfiguredPort: boolean;
  /** Null when TermService's process id is unknown. */
  readonly configuredPortOwnedByTermService: boolean | null;
  /** Another program holds the configured port. */
  readonly squatter: { readonly pid: number | null; readonly name: string | null } | null;
  /** Ports TermService listens on other than the configured one (a changed port not yet in effect). */
  readonly termServiceOtherPorts: readonly number[];
}

/** Judges the listener rows against the configured port and TermService's process. */
export function judgeListener(l: ListenerState): ListenerVerdict {
  const onPort = l.tcp.filter((r) => r.localPort === l.configuredPort);
  const pid = l.termServicePid;
  const owned = pid === null ? null : onPort.some((r) => r.owningProcess === pid);
  const other = pid === null ? undefined : onPort.find((r) => r.owningProcess !== pid);
  const otherPorts = pid === null ? [] : [...new Set(l.tcp.filter((r) => r.owningProcess === pid && r.localPort !== l.configuredPort).map((r) => r.localPort))];
  return {
    listeningOnConfiguredPort: onPort.length > 0,
    configuredPortOwnedByTermService: owned,
    squatter: other && owned === false ? { pid: other.owningProcess, name: other.processName } : null,
    termServiceOtherPorts: otherPorts.sort((a, b) => a - b),
  };
}
