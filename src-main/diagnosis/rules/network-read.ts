/** Facts of the network checks' evidence that several rules share: DNS answers, the certificate seen, the gateway. */
import type { CheckEvidence } from '../../shared/evidence';
import type { Evidence } from '../types';
import { evidenceOf } from './evidence';

/** Every address DNS itself answered (A and AAAA), as opposed to this computer's resolver. */
export function dnsAnswer(dns: CheckEvidence<'dns.resolve'>): string[] {
  return [dns.directA, dns.directAaaa].flatMap((lookup) => lookup?.addresses.map((a) => a.address) ?? []);
}

/** A readable certificate the server showed on the wire, with what this computer saw before. */
export type WireCertificate = Extract<CheckEvidence<'tls.certificate'>, { ok: true }>;

/** The readable certificate from tls.certificate, or null (skipped, unreadable, or no evidence). */
export function readServerCertificate(ev: Evidence): WireCertificate | null {
  const e = evidenceOf(ev, 'tls.certificate');
  return e?.ok ? e : null;
}

/** Every name a certificate carries: DNS names, then IP addresses. */
export function certificateNames(c: { readonly dnsNames: readonly string[]; readonly ipAddresses: readonly string[] }): string[] {
  return [...c.dnsNames, ...c.ipAddresses];
}

/** The gateway probe's evidence when it reached the gateway (not skipped, not a setting that could not be used). */
export type GatewayProbe = Extract<CheckEvidence<'gateway.probe'>, { host: string }>;

/** What gateway.probe found: the probe, or the gateway setting that could not be used; null without a gateway. */
export function readGateway(ev: Evidence): { readonly name: string; readonly probe: GatewayProbe | null; readonly badInput: string | null } | null {
  const e = evidenceOf(ev, 'gateway.probe');
  if (!e) return null;
  return 'badInput' in e ? { name: e.gateway, probe: null, badInput: e.badInput } : { name: e.host, probe: e, badInput: null };
}
