/** Trust-on-first-use memory of server certificates, keyed by host and port. */

/** One remembered certificate. */
export interface KnownHostEntry {
  readonly sha256: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly subject: string;
}

/** Remembers the certificate each host:port showed, to say when it changed. */
export interface KnownHostsStore {
  get(hostPort: string): Promise<KnownHostEntry | null>;
  remember(hostPort: string, entry: { sha256: string; subject: string }, now: Date): Promise<void>;
}

/** A store that lives in memory only (tests, `--no-remember`). */
export function createMemoryKnownHosts(): KnownHostsStore {
  const map = new Map<string, KnownHostEntry>();
  return {
    get: async (key) => map.get(key) ?? null,
    remember: async (key, { sha256, subject }, now) => {
      const at = now.toISOString();
      const old = map.get(key);
      map.set(key, { sha256, subject, firstSeen: old && old.sha256 === sha256 ? old.firstSeen : at, lastSeen: at });
    },
  };
}
