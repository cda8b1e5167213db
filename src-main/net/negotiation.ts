/** Enumerates the server's security protocols, one connection per requested set (a batch asks the lead first). */
import { openExchange, type ExchangeKind, type ExchangeOutcome, type ExchangeResult, type OpenExchange } from './rdp-socket';
import type { TcpAttempt } from './tcp';
import { FAILURE_CODE, PROTOCOL, type ProtocolName } from '../shared/protocol';

/** One probe: the protocol we want to learn about and the exact requestedProtocols we send for it. */
export interface ProbePlan {
  readonly protocol: ProtocolName;
  readonly requested: number;
}

/**
 * The requested sets. HYBRID and HYBRID_EX are asked together with SSL the way real clients do
 * (docs/protocol.md#probing-one-protocol-at-a-time): a CredSSP-only request gets failure 1 from TLS-only servers, which hides
 * whether the server would choose TLS. Support = the server selected exactly `protocol`
 * (a reply that picks another protocol is not support, unlike nmap's rdp-enum-encryption).
 */
export const PROBE_PLANS: readonly ProbePlan[] = [
  { protocol: 'RDP', requested: PROTOCOL.RDP },
  { protocol: 'SSL', requested: PROTOCOL.SSL },
  { protocol: 'HYBRID', requested: PROTOCOL.SSL | PROTOCOL.HYBRID },
  { protocol: 'HYBRID_EX', requested: PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX },
  { protocol: 'RDSTLS', requested: PROTOCOL.RDSTLS },
  { protocol: 'RDSAAD', requested: PROTOCOL.RDSAAD },
];

/** One probe's result; `supported` is true only when the server selected exactly the protocol probed. */
export interface ProbeResult extends Omit<ExchangeResult, 'totalMs'> {
  readonly protocol: ProtocolName;
  readonly supported: boolean;
  /** The exchange's whole time; null for a probe that was not sent (it took none). */
  readonly totalMs: number | null;
}

/** How the port answered overall. */
export type ServiceState = 'rdp' | 'non-rdp' | 'timeout' | 'closed' | 'refused' | 'error' | 'aborted';

/** What the probes say together; plain JSON. */
export interface NegotiationSummary {
  readonly service: ServiceState;
  /** Protocols the server selected when asked for them. */
  readonly supported: ProtocolName[];
  /** True when the server refuses anything below CredSSP; null when it could not be told. */
  readonly nlaRequired: boolean | null;
  /** True when Standard RDP Security (no TLS) is accepted; null when unknown. */
  readonly rdpSecurityAllowed: boolean | null;
  /** True when the server only speaks Standard RDP Security (SecurityLayer 0 or a pre-2003 server). */
  readonly rdpSecurityOnly: boolean;
  /** The server ignored negotiation data (answered with an 11-byte confirm). */
  readonly legacyServer: boolean;
  /** Failure code names by probed protocol. */
  readonly failures: Partial<Record<ProtocolName, string>>;
  readonly probes: ProbeResult[];
}

/** Options for the enumeration. */
export interface NegotiationOptions {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly plans?: readonly ProbePlan[];
  /**
   * Called the moment a probe's protocol is selected, with its still open connection and when the probe began;
   * returning true takes the connection over (the TLS sweep goes on over it), otherwise it is closed.
   */
  readonly onSupported?: (plan: ProbePlan, exchange: OpenExchange, started: number) => boolean;
}

/** The probe that goes first: TLS on its own, whose connection the TLS sweep continues on (rdp-probes.ts). */
export const LEAD_PROTOCOL: ProtocolName = 'SSL';

/**
 * Outcomes of the lead probe after which the others are not sent: the server never answered it (or refused, or the
 * run was cancelled), and five more connections would only wait out the same timeout. A server that answered in any
 * way, even by closing or with something that is not RDP, gets every probe.
 */
const NO_FOLLOW_UP: ReadonlySet<ExchangeKind> = new Set<ExchangeKind>(['timeout', 'refused', 'aborted']);

let staged = false;

/**
 * Whether the probes wait for the server to answer the lead before the other five go out (a batch turns it on).
 * One diagnosis sends all six at once: the answer comes a round trip sooner. A batch of hundreds trades that round
 * trip for descriptors: a server that accepts connections and never answers then holds one connection for the
 * timeout, not six, and more diagnoses fit in the process's open-file limit at once (cli/concurrency.ts).
 */
export function setStagedNegotiation(on: boolean): void {
  staged = on;
}

/**
 * Runs every probe in parallel, or (staged) the lead first and the others once the server has answered it, and
 * summarises them. The TLS sweep goes on over the lead's connection either way.
 */
export async function probeNegotiation(options: NegotiationOptions): Promise<NegotiationSummary> {
  const plans = options.plans ?? PROBE_PLANS;
  const probe = async (plan: ProbePlan): Promise<ProbeResult> => {
    const started = performance.now();
    const exchange = await openExchange({
      host: options.host,
      port: options.port,
      requestedProtocols: plan.requested,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    const r = exchange.result;
    const supported = isSupport(plan.protocol, r.outcome);
    const taken = exchange.socket !== null && supported && options.onSupported?.(plan, exchange, started) === true;
    if (!taken) exchange.socket?.destroy();
    return { ...r, protocol: plan.protocol, supported };
  };
  const lead = plans.find((p) => p.protocol === LEAD_PROTOCOL) ?? plans[0];
  if (!lead) return summarize([]);
  if (!staged) return summarize(await Promise.all(plans.map(probe)));
  const first = await probe(lead);
  const rest = plans.filter((p) => p !== lead);
  const others = NO_FOLLOW_UP.has(first.outcome.kind) ? rest.map((plan) => notSent(plan, first)) : await Promise.all(rest.map(probe));
  // The report keeps the plans' order, whichever went first.
  return summarize(plans.map((plan) => (plan === lead ? first : others[rest.indexOf(plan)]!)));
}

/** A probe not sent because the lead got no answer: why, without a connection or time of its own. */
function notSent(plan: ProbePlan, lead: ProbeResult): ProbeResult {
  const why =
    lead.outcome.kind === 'refused'
      ? "the server refused the first request's connection"
      : lead.outcome.kind === 'aborted'
        ? 'the diagnosis was cancelled'
        : `the server had not answered the first request (${lead.protocol})`;
  return {
    protocol: plan.protocol,
    requestedProtocols: plan.requested,
    outcome: { kind: 'not-sent', reason: why },
    connectMs: null,
    replyMs: null,
    totalMs: null,
    supported: false,
  };
}

/**
 * The summary every probe would have produced when no address accepted a connection: the same outcome the
 * exchange reports for that connect failure, without connecting again (a filtered host costs one timeout, not two).
 */
export function summaryFromFailedConnect(attempt: TcpAttempt, plans: readonly ProbePlan[] = PROBE_PLANS): NegotiationSummary {
  const outcome: ExchangeOutcome =
    attempt.kind === 'refused'
      ? { kind: 'refused' }
      : attempt.kind === 'timeout'
        ? { kind: 'timeout', phase: 'connect' }
        : attempt.kind === 'aborted'
          ? { kind: 'aborted' }
          : { kind: 'error', code: attempt.code, message: attempt.message };
  return summarize(
    plans.map((plan) => ({ protocol: plan.protocol, requestedProtocols: plan.requested, outcome, connectMs: null, replyMs: null, totalMs: attempt.ms, supported: false })),
  );
}

/** Support = the server selected exactly the probed protocol; a legacy confirm to an RDP request also means RDP security. */
export function isSupport(protocol: ProtocolName, outcome: ExchangeOutcome): boolean {
  if (outcome.kind === 'selected') return outcome.protocol === PROTOCOL[protocol];
  return protocol === 'RDP' && outcome.kind === 'legacy';
}

/** Derives the summary from probe results (pure; what the answers mean: docs/protocol.md#probing-one-protocol-at-a-time). */
export function summarize(probes: readonly ProbeResult[]): NegotiationSummary {
  const kinds = probes.map((p) => p.outcome.kind);
  const answered = kinds.some((k) => k === 'selected' || k === 'failure' || k === 'legacy' || k === 'rejected');
  const supported = [...new Set(probes.filter((p) => isSupport(p.protocol, p.outcome)).map((p) => p.protocol))];
  const failures: Partial<Record<ProtocolName, string>> = {};
  for (const p of probes) if (p.outcome.kind === 'failure') failures[p.protocol] = p.outcome.codeName;
  const byProtocol = (name: ProtocolName): ProbeResult | undefined => probes.find((p) => p.protocol === name);
  const legacyServer = probes.some((p) => p.outcome.kind === 'legacy');

  const rdp = byProtocol('RDP');
  let rdpSecurityAllowed: boolean | null = null;
  if (rdp?.outcome.kind === 'selected') rdpSecurityAllowed = rdp.outcome.protocol === PROTOCOL.RDP;
  else if (rdp?.outcome.kind === 'legacy') rdpSecurityAllowed = true;
  else if (rdp?.outcome.kind === 'failure') rdpSecurityAllowed = false;

  const tlsFamily = supported.some((p) => p !== 'RDP');
  const codes = probes.flatMap((p) => (p.outcome.kind === 'failure' ? [p.outcome.code] : []));
  let nlaRequired: boolean | null = null;
  if (codes.includes(FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER)) nlaRequired = true;
  else if (supported.includes('RDP') || supported.includes('SSL')) nlaRequired = false;
  else if ((supported.includes('HYBRID') || supported.includes('HYBRID_EX')) && rdpSecurityAllowed === false) {
    nlaRequired = byProtocol('SSL')?.outcome.kind === 'failure';
  }
  // A TLS request answered with "use RDP" (xrdp selects PROTOCOL_RDP), SSL_NOT_ALLOWED_BY_SERVER or a legacy confirm.
  const tlsAnsweredWithRdp = probes.some((p) => {
    if (p.protocol !== 'SSL' && p.protocol !== 'HYBRID' && p.protocol !== 'HYBRID_EX') return false;
    const o = p.outcome;
    return o.kind === 'legacy' || (o.kind === 'selected' && o.protocol === PROTOCOL.RDP) || (o.kind === 'failure' && o.code === FAILURE_CODE.SSL_NOT_ALLOWED_BY_SERVER);
  });
  const rdpSecurityOnly = rdpSecurityAllowed === true && !tlsFamily && (tlsAnsweredWithRdp || legacyServer);

  return {
    service: answered ? 'rdp' : dominantFailure(kinds),
    supported,
    nlaRequired: answered ? nlaRequired : null,
    rdpSecurityAllowed,
    rdpSecurityOnly,
    legacyServer,
    failures,
    probes: [...probes],
  };
}

/** When nothing answered in RDP, the most telling way it failed. */
function dominantFailure(kinds: readonly ExchangeKind[]): ServiceState {
  const order: ServiceState[] = ['aborted', 'non-rdp', 'closed', 'refused', 'timeout', 'error'];
  return order.find((k) => kinds.includes(k as ExchangeKind)) ?? 'error';
}

/** The requested set that lands on a TLS-based protocol for an upgrade, preferring plain TLS; null when none. */
export function tlsCapableRequest(summary: NegotiationSummary): { requested: number; protocol: ProtocolName } | null {
  for (const name of ['SSL', 'HYBRID', 'HYBRID_EX'] as const) {
    const probe = summary.probes.find((p) => p.protocol === name && p.supported);
    if (probe) return { requested: probe.requestedProtocols, protocol: name };
  }
  return null;
}
