/** Parser and judgement for host capacity: free memory, remote sessions against the limit, licensing mode. */
import { SERVER_COLLECTORS } from './scripts';
import { badOutput, int, parseJsonObject, str, textList, type JsonObject } from './parse-util';

/** Parsed `server-capacity` output. */
export interface CapacityState {
  /** 1 workstation, 2 domain controller, 3 server. */
  readonly productType: number | null;
  readonly caption: string | null;
  readonly freeMemoryKB: number | null;
  readonly totalMemoryKB: number | null;
  /** 0 Remote Desktop for Administration, 1 Session Host (application server). */
  readonly terminalServerMode: number | null;
  readonly licensingType: number | null;
  /** Remote sessions held now: the connected ones plus the disconnected ones, which keep their place. */
  readonly remoteSessions: number;
  /** Connected remote sessions: `qwinsta` rows named rdp-tcp#N (session names are not localized). */
  readonly connectedSessions: number;
  /**
   * Disconnected user sessions: rows with a user but no session name (Windows drops the name on disconnect), so
   * this needs no localized state word (Disc, Getr., Déco …).
   */
  readonly disconnectedSessions: number;
  readonly sessionLines: readonly string[];
}

/** Win32_TerminalServiceSetting LicensingType names (ChangeMode doc; 5 from Win32_TSDeploymentLicensing). */
export const LICENSING_NAMES: Readonly<Record<number, string>> = {
  0: 'Personal Session Host',
  1: 'Remote Desktop for Administration',
  2: 'Per device',
  4: 'Per user',
  5: 'Not configured',
};

function lines(root: JsonObject): string[] {
  return textList(root['sessions']).map((x) => x.replace(/\s+$/, ''));
}

/**
 * Disconnected user sessions in qwinsta's fixed-width table: the header's second column (USERNAME, BENUTZERNAME …)
 * says where the user starts; a row blank before it, with a user and a session id 1–65535, is a disconnected session.
 */
export function countDisconnected(sessionLines: readonly string[]): number {
  const header = sessionLines[0] ?? '';
  const userCol = /^\s*\S+\s+(?=\S)/.exec(header)?.[0].length ?? 0;
  if (userCol < 2) return 0;
  return sessionLines.slice(1).filter((line) => {
    if (line.slice(1, userCol).trim() !== '') return false;
    const m = /^\s*(\S.*?)\s+(\d+)\s+\S+/.exec(line.slice(userCol));
    const id = Number(m?.[2]);
    return m !== null && !/^\d+$/.test(m[1] ?? '') && id >= 1 && id < 65536;
  }).length;
}

/** Parses `server-capacity` output. */
export function parseCapacity(stdout: string): CapacityState {
  const name = SERVER_COLLECTORS.capacity;
  const root = parseJsonObject(name, stdout);
  const free = int(root, 'freePhysicalMemoryKB');
  const total = int(root, 'totalVisibleMemoryKB');
  if (free === null && total === null && int(root, 'productType') === null) badOutput(name, 'no memory or product fields');
  const sessionLines = lines(root);
  const connectedSessions = sessionLines.filter((l) => /(^|\s|>)rdp-tcp#\d+\b/i.test(l)).length;
  const disconnectedSessions = countDisconnected(sessionLines);
  return {
    productType: int(root, 'productType'),
    caption: str(root, 'caption'),
    freeMemoryKB: free,
    totalMemoryKB: total,
    terminalServerMode: int(root, 'terminalServerMode'),
    licensingType: int(root, 'licensingType'),
    remoteSessions: connectedSessions + disconnectedSessions,
    connectedSessions,
    disconnectedSessions,
    sessionLines,
  };
}

/** How many remote sessions the host takes, and why: MaxInstanceCount, or the edition's built-in limit. */
export function sessionLimit(c: CapacityState, maxInstanceCount: number | null): { readonly limit: number | null; readonly basis: string } {
  if (maxInstanceCount !== null && maxInstanceCount !== 0xffffffff) return { limit: maxInstanceCount, basis: 'MaxInstanceCount' };
  if (c.productType === 1) return { limit: 1, basis: 'Windows client edition: one session; a new sign-in takes over the current one' };
  if (c.terminalServerMode === 1) return { limit: null, basis: 'Session Host role: limited by licences, not a fixed count' };
  if (c.productType === 2 || c.productType === 3) return { limit: 2, basis: 'Remote Desktop for Administration: two remote sessions' };
  return { limit: null, basis: 'unknown edition' };
}
