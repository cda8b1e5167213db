/** Tries every TLS version separately (and once with the full range) over RDP, in parallel; plain-JSON result. */
import { attemptTls, TLS_VERSIONS, type TlsAttempt, type TlsAttemptWithChain, type TlsVersion } from './rdp-tls';

/** Per-version outcome as evidence: ok, plus why not. */
export type VersionOutcome = Omit<TlsAttempt, 'version' | 'cipher'>;

/** The TLS probe's result; `chain` is base64 DER, leaf first. */
export interface TlsProbeResult {
  readonly requestedProtocols: number;
  readonly servername: string | null;
  readonly versions: Record<TlsVersion, VersionOutcome>;
  /** What the server picked when offered TLSv1–TLSv1.3, null when that handshake failed. */
  readonly negotiated: { readonly version: string; readonly cipher: string } | null;
  /** The full-range attempt, including its failure details. */
  readonly defaultAttempt: TlsAttempt;
  readonly chain: string[];
  /** Which attempt the chain came from. */
  readonly chainSource: 'default' | TlsVersion | null;
}

/** Parameters of the probe. */
export interface TlsProbeOptions {
  readonly host: string;
  readonly port: number;
  readonly servername: string | null;
  readonly requestedProtocols: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const NEWEST: TlsVersion = TLS_VERSIONS[TLS_VERSIONS.length - 1]!;

/**
 * Runs the attempts at once: the full range first in the list, then each version pinned. `fullRange` is a full-range
 * attempt already under way (over the negotiation probe's own connection), which then takes the place of the first.
 * The newest version waits for the full range: a server that chose it there has accepted it, and that handshake is
 * its outcome (one connection and handshake fewer on both sides); otherwise it is tried pinned like the others.
 */
export async function probeTlsVersions(options: TlsProbeOptions, fullRange?: Promise<TlsAttemptWithChain>): Promise<TlsProbeResult> {
  const full = fullRange ?? attemptTls({ ...options, version: null });
  const older = TLS_VERSIONS.filter((v) => v !== NEWEST).map((version) => attemptTls({ ...options, version }));
  const newest = full.then((run) => (run.attempt.ok && run.attempt.version === NEWEST ? run : attemptTls({ ...options, version: NEWEST })));
  const runs = await Promise.all([full, ...older, newest]);
  const [first, ...pinned] = runs;
  const def = first!;
  const versions = {} as Record<TlsVersion, VersionOutcome>;
  TLS_VERSIONS.forEach((v, i) => {
    const { version: _v, cipher: _c, ...rest } = pinned[i]!.attempt;
    versions[v] = rest;
  });
  let chainSource: TlsProbeResult['chainSource'] = null;
  let chain: Buffer[] = [];
  if (def.chain.length > 0) {
    chainSource = 'default';
    chain = def.chain;
  } else {
    // Prefer the newest version that produced a chain.
    for (let i = TLS_VERSIONS.length - 1; i >= 0; i--) {
      const run = pinned[i]!;
      if (run.chain.length > 0) {
        chainSource = TLS_VERSIONS[i]!;
        chain = run.chain;
        break;
      }
    }
  }
  const a = def.attempt;
  return {
    requestedProtocols: options.requestedProtocols,
    servername: options.servername,
    versions,
    negotiated: a.ok && a.version ? { version: a.version, cipher: a.cipher ?? 'unknown' } : null,
    defaultAttempt: a,
    chain: chain.map((c) => c.toString('base64')),
    chainSource,
  };
}
