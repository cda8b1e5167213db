/** How outside hints move a cause's confidence: the dialog's decoded pair, and checks that passed against it. */
import { CHECK_META } from '../shared/catalog';
import type { CheckId, FindingId, Severity } from '../shared/ids';
import type { DecodeResult } from '../shared/schema';
import { readGateway } from './rules/network-read';
import type { Evidence } from './types';

/** Causes that make the server refuse and hang up (certificate, NLA / security layer, TLS, capacity). */
export const SERVER_REFUSAL_CAUSES: ReadonlySet<FindingId> = new Set<FindingId>([
  'connection-dropped-during-negotiation',
  'server-no-certificate',
  'server-rdp-security-only',
  'nla-required-client-disabled',
  'tls-required-client-rdp-only',
  'tls-version-mismatch',
  'tls-handshake-failed',
  'certificate-expired',
  'certificate-not-yet-valid',
  'clock-skew',
  'credssp-oracle-mismatch',
  'server-certificate-expired',
  'server-certificate-key-inaccessible',
  'server-certificate-hash-dangling',
  'server-tls-disabled',
  'server-out-of-resources',
  'negotiation-refused',
]);

/** Causes on the path between client and server (name, route, reachability, the client's own network). */
export const NETWORK_CAUSES: ReadonlySet<FindingId> = new Set<FindingId>([
  'dns-unresolvable',
  'dns-stale-record',
  'port-refused',
  'port-unreachable',
  'negotiation-timeout',
  'gateway-unreachable',
  'high-latency',
  'packet-loss',
  'client-udp-unstable',
  'vpn-active',
  'security-software-interference',
  'server-firewall-blocked',
]);

/** Network causes that cannot coexist with "the server answered and refused": nothing would have answered. */
const NO_ANSWER_CAUSES: ReadonlySet<FindingId> = new Set<FindingId>([
  'dns-unresolvable',
  'port-refused',
  'port-unreachable',
  'negotiation-timeout',
  'server-firewall-blocked',
  'gateway-unreachable',
  // An RDP server that is switched off, stopped or not listening cannot send "denied" (0x7); Windows shows 0x204 then.
  'server-rdp-disabled',
  'server-termservice-stopped',
  'server-port-not-listening',
  'not-rdp-service',
]);

/** Causes about the account and the credentials sent. */
export const CREDENTIAL_CAUSES: ReadonlySet<FindingId> = new Set<FindingId>([
  'saved-credentials-stale',
  'credssp-oracle-mismatch',
  'clock-skew',
  'nla-required-client-disabled',
  'logon-failed',
]);

/** A passing check that speaks against a cause when the draft does not rely on it itself. */
const CONTRADICTED_BY_PASS: Partial<Record<FindingId, readonly CheckId[]>> = {
  'dns-unresolvable': ['dns.resolve', 'net.tcp'],
  'port-refused': ['net.tcp', 'rdp.negotiation'],
  'port-unreachable': ['net.tcp', 'rdp.negotiation'],
  'negotiation-timeout': ['rdp.negotiation'],
  'not-rdp-service': ['rdp.negotiation'],
  'tls-handshake-failed': ['tls.handshake'],
  'tls-version-mismatch': ['tls.handshake'],
  'certificate-expired': ['tls.certificate'],
  'certificate-not-yet-valid': ['tls.certificate'],
  'server-certificate-expired': ['server.certificate'],
  'server-firewall-blocked': ['server.firewall'],
  'server-rdp-disabled': ['server.rdp-enabled'],
  'server-termservice-stopped': ['server.listener'],
};

/** The adjustment one hint makes to one cause. */
export interface Adjustment {
  /** Multiplies the remaining doubt (boost) or the confidence (penalty). */
  readonly boost: number;
  readonly penalty: number;
  readonly note: string | null;
  readonly contradiction: string | null;
}

const NONE: Adjustment = { boost: 0, penalty: 1, note: null, contradiction: null };

/** "0x904/0x7" — how the pair is named in technical lines. */
export function pairLabel(hint: DecodeResult): string {
  return hint.codes.map((c) => c.hex).join('/') || hint.input.slice(0, 40);
}

/** How the decoded dialog pair moves one cause. */
export function steerAdjustment(id: FindingId, hint: DecodeResult | null): Adjustment {
  if (!hint || hint.steer === 'unknown' || hint.steer === 'licensing') return NONE;
  const pair = pairLabel(hint);
  if (hint.steer === 'server-refusal') {
    if (SERVER_REFUSAL_CAUSES.has(id)) {
      return { boost: 0.3, penalty: 1, note: `Dialog ${pair} (server denied the connection) points to a server-side refusal and raised this cause.`, contradiction: null };
    }
    if (NO_ANSWER_CAUSES.has(id)) {
      return {
        boost: 0,
        penalty: 0.6,
        note: `Dialog ${pair} says an RDP server answered and refused, which lowered this cause.`,
        contradiction: `The dialog's codes (${pair}) say the server answered and then refused; a connection that never reached it would show a different code (such as 0x204 or 0x108).`,
      };
    }
    if (NETWORK_CAUSES.has(id)) {
      return { boost: 0, penalty: 0.75, note: `Dialog ${pair} points to a server-side refusal, so this client network cause was weighed down.`, contradiction: null };
    }
    return NONE;
  }
  const favoured = hint.steer === 'network' ? NETWORK_CAUSES : CREDENTIAL_CAUSES;
  if (favoured.has(id)) {
    return {
      boost: 0.25,
      penalty: 1,
      note: `Dialog ${pair} points to ${hint.steer === 'network' ? 'the network path' : 'the credentials'} and raised this cause.`,
      contradiction: null,
    };
  }
  return NONE;
}

/** Contradictions from checks that passed although the cause says they should not. */
export function passContradictions(id: FindingId, ownChecks: readonly CheckId[], evidence: Evidence): string[] {
  const out: string[] = [];
  for (const checkId of CONTRADICTED_BY_PASS[id] ?? []) {
    if (ownChecks.includes(checkId)) continue;
    if (evidence.checks.get(checkId)?.status === 'pass') out.push(`"${CHECK_META[checkId].title}" (${checkId}) passed.`);
  }
  return out;
}

/** Failures of the direct path to the target, which a client that goes through an RD Gateway never uses. */
export const DIRECT_PATH_CAUSES: ReadonlySet<FindingId> = new Set<FindingId>(['port-unreachable', 'port-refused', 'dns-unresolvable', 'high-latency', 'packet-loss']);

// Names only an internal DNS answers: single labels and private-use suffixes (RFC 6762 .local, RFC 8375 home.arpa, ICANN .internal).
const INTERNAL_SUFFIXES = ['.local', '.lan', '.corp', '.internal', '.intranet', '.home', '.home.arpa', '.localdomain', '.private'];

/** True for a name that only an internal name server can answer, which is what the gateway asks. */
export function isInternalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return !name.includes('.') || INTERNAL_SUFFIXES.some((s) => name.endsWith(s));
}

/** The RD Gateway the client connects through (--gateway or the .rdp file), or null for a direct connection. */
export function gatewayInUse(ev: Evidence): string | null {
  const probed = readGateway(ev);
  if (probed) return probed.name;
  return ev.clientSettings?.gateway?.trim() || null;
}

/** What the gateway path does to one cause: lowered, with the reason, and no longer counted as blocking. */
export interface GatewayAdjustment extends Adjustment {
  readonly severity: Severity | null;
  readonly explanation: string | null;
}

const NO_GATEWAY_CHANGE: GatewayAdjustment = { ...NONE, severity: null, explanation: null };

/** Lowers a direct-path failure when the client reaches the target only through a gateway (gateway-* findings then lead). */
export function gatewayAdjustment(id: FindingId, ev: Evidence): GatewayAdjustment {
  if (!DIRECT_PATH_CAUSES.has(id)) return NO_GATEWAY_CHANGE;
  const gateway = gatewayInUse(ev);
  if (!gateway) return NO_GATEWAY_CHANGE;
  const target = ev.target.host;
  // A public name that does not resolve fails at the gateway too (a typo, a removed record), so it keeps its weight.
  if (id === 'dns-unresolvable' && (ev.target.isAddress || !isInternalName(target))) return NO_GATEWAY_CHANGE;
  const what =
    id === 'dns-unresolvable'
      ? `cannot look up "${target}"`
      : id === 'high-latency' || id === 'packet-loss'
        ? `measured a poor direct path to ${target}`
        : `cannot reach ${target} directly`;
  return {
    boost: 0,
    penalty: 0.5,
    severity: 'info',
    explanation: `You connect through the Remote Desktop Gateway ${gateway}; this computer ${what}, which is expected, because the gateway makes that connection on its own network. Look at the gateway findings instead.`,
    note: `Connection goes through the gateway ${gateway}, so this direct-path result was lowered.`,
    contradiction: `The connection goes through the gateway ${gateway}; the client never connects to ${target} directly.`,
  };
}
