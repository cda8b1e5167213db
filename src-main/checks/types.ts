/** What a check is and what it is given: the context every check reads through (STYLE "Shape"). */
import type { CheckId, CheckStatus } from '../shared/ids';
import type { CheckResult, DecodeResult } from '../shared/schema';
import type { WindowsSource } from '../windows/source';
import type { KnownHostsStore } from '../net/known-hosts-store';

/** The target after parsing `host`, `host:port`, `[v6]:port` (CATALOG §5). */
export interface ParsedTarget {
  /** What the user typed. */
  readonly input: string;
  /** Host name or literal address, without brackets. */
  readonly host: string;
  readonly port: number;
  /** True when `host` is an IPv4 or IPv6 literal. */
  readonly isAddress: boolean;
}

/** The client side of the connection as a .rdp file (or defaults) sets it. Null fields = not set. */
export interface ClientSettings {
  /** enablecredsspsupport: false turns NLA/CredSSP off. */
  readonly enableCredSsp: boolean | null;
  /** authentication level: 0 connect anyway, 1 do not connect, 2 warn, 3 no requirement. */
  readonly authenticationLevel: number | null;
  /** negotiate security layer: false forces the security layer the client chose. */
  readonly negotiateSecurityLayer: boolean | null;
  readonly port: number | null;
  readonly gateway: string | null;
  /** `full address` as written in the file. */
  readonly address: string | null;
  /** The file's name, for messages. */
  readonly fileName: string;
}

/** Options of one diagnosis that checks may read. */
export interface CheckOptions {
  /** Bound for every network step. */
  readonly timeoutMs: number;
  readonly gateway: string | null;
  /** The decoded dialog codes, when the user gave them. */
  readonly errorHint: DecodeResult | null;
  readonly clientSettings: ClientSettings | null;
}

/** The context a check runs in: its inputs, shared probes, cancellation and progress. */
export interface CheckContext {
  readonly target: ParsedTarget;
  readonly options: CheckOptions;
  readonly signal: AbortSignal;
  /** Time left before the whole diagnosis's deadline aborts `signal`; probes size their budgets by it. */
  remainingMs(): number;
  /** Current time; tests pass a fixed clock. */
  readonly now: () => Date;
  /** Local Windows state, or null where there is none (not Windows and no replay). */
  readonly windows: WindowsSource | null;
  /** Trust-on-first-use store of certificates seen before. */
  readonly knownHosts: KnownHostsStore;
  /** Say what the check is doing now (throttled before it reaches the UI). */
  report(message: string): void;
  /** The finished result of a check named in `dependsOn`. */
  resultOf(id: CheckId): CheckResult | undefined;
  /** Run `fn` once per diagnosis for `key`, so several checks share one probe. */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Resolves once every shared probe whose key starts with `prefix` has ended (also those they start), or after `maxWaitMs`. */
  settled(prefix: string, maxWaitMs: number): Promise<void>;
}

/** What a check's run returns; the engine adds id, section, title and time. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly evidence: Record<string, unknown>;
}

/** One check: its id, the checks whose results it needs first, and how it runs. */
export interface CheckDefinition {
  readonly id: CheckId;
  readonly dependsOn: readonly CheckId[];
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
