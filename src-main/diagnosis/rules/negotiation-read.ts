/** Facts of the negotiation and TLS evidence that several rules share: failure codes, and how each TLS attempt ended. */
import type { CheckEvidence } from '../../shared/evidence';

/** rdp.negotiation's evidence. */
export type Negotiation = CheckEvidence<'rdp.negotiation'>;
/** One negotiation probe. */
export type NegotiationProbe = Negotiation['probes'][number];
/** tls.handshake's evidence. */
export type TlsHandshake = CheckEvidence<'tls.handshake'>;
/** One TLS attempt (a single version or the full range). */
export type TlsAttempt = TlsHandshake['versions'][keyof TlsHandshake['versions']];

/** The RDP_NEG_FAILURE a probe got, or null when it got another answer. */
export function failureOf(p: NegotiationProbe): { readonly code: number; readonly codeName: string } | null {
  return p.outcome.kind === 'failure' ? p.outcome : null;
}

/** Distinct RDP_NEG_FAILURE codes seen on any probe. */
export function failureCodes(n: Negotiation): number[] {
  return [...new Set(n.probes.flatMap((p) => failureOf(p)?.code ?? []))];
}

/** Distinct RDP_NEG_FAILURE names seen on any probe. */
export function failureNames(n: Negotiation): string[] {
  return [...new Set(n.probes.flatMap((p) => failureOf(p)?.codeName ?? []))];
}

/** The full-range attempt and every single-version attempt. */
export function allAttempts(t: TlsHandshake): TlsAttempt[] {
  return [t.defaultAttempt, ...Object.values(t.versions)];
}
