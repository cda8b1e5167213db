/** Check tls.certificate: judge the certificate the server showed in the TLS handshake, and whether it changed. */
import { judgeCertificate, type CertificateFacts, type CertificateProblem } from '../net/certificate';
import type { KnownHostEntry } from '../net/known-hosts-store';
import { MAX_CHAIN_LENGTH } from '../net/rdp-tls';
import { MAX_CERTIFICATE_BYTES } from '../shared/limits';
import type { CheckDefinition, CheckOutcome, CheckContext } from './types';

/** Base64 characters of one byte past the certificate limit: a longer string is cut here and judged too large. */
const MAX_CERTIFICATE_BASE64 = Math.ceil((MAX_CERTIFICATE_BYTES + 1) / 3) * 4;

/** What the known-hosts store said about this host:port. */
export interface KnownHostVerdict {
  readonly status: 'first-seen' | 'unchanged' | 'changed' | 'unavailable';
  readonly key: string;
  readonly previous: KnownHostEntry | null;
}

/**
 * tls.certificate. Input contract: tls.handshake evidence holds `chain: string[]`, base64 DER, leaf first.
 * Evidence when the leaf is readable: every field of CertificateFacts (`subject, commonName, issuer,
 * issuerCommonName, serialNumber, notBefore, notAfter, daysLeft, validity, selfSigned, dnsNames,
 * ipAddresses, nameMatch {host, matches, matchedBy}, serverAuth, key {type, bits, curve, weak},
 * signatureAlgorithm {oid, name, weak}, sha1, sha256, chainLength, chainSubjects, problems: {code, message}[]`)
 * plus `ok: true, host, port, knownHost: { status: first-seen | unchanged | changed | unavailable, key,
 * previous: {sha256, subject, firstSeen, lastSeen} | null }`. A changed certificate adds problem code
 * `changed`. Unreadable leaf: `{ ok: false, error, host, port }`.
 * Trust on first use: the first certificate seen is remembered; a later different SHA-256 is reported
 * as changed once, and the new one remembered (this tool never decides trust for mstsc).
 * Status: fail (expired, not yet valid, or unreadable), warn (name mismatch, changed, weak, no serverAuth,
 * expiring soon), pass (including self-signed, which is normal for RDP), skip (no chain from tls.handshake).
 */
export const tlsCertificateCheck: CheckDefinition<'tls.certificate'> = {
  id: 'tls.certificate',
  dependsOn: ['tls.handshake'],
  async run(ctx) {
    const handshake = ctx.resultOf('tls.handshake');
    const chain = readChain(handshake?.evidence['chain']);
    const host = ctx.target.host;
    const port = ctx.target.port;
    if (chain.length === 0) {
      const why = handshake ? `the TLS handshake did not yield a certificate (${handshake.status}: ${handshake.summary})` : 'the TLS handshake did not run';
      return { status: 'skip', summary: `No certificate to judge: ${why}`, evidence: { host, port, reason: why } };
    }
    ctx.report('Reading the server certificate…');
    const verdict = judgeCertificate(chain, { host, isAddress: ctx.target.isAddress, now: ctx.now() });
    if (!verdict.ok) {
      return { status: 'fail', summary: verdict.error, evidence: { ok: false, error: verdict.error, host, port } };
    }
    const knownHost = await compareWithKnown(ctx, verdict);
    return judgeFacts(verdict, knownHost, host, port);
  },
};

/**
 * Decodes the base64 chain, ignoring anything that is not a non-empty base64 string. A certificate over the limit
 * ends the chain, cut one byte past the limit, so the judge names it too large and never judges its issuer instead.
 */
export function readChain(value: unknown): Buffer[] {
  if (!Array.isArray(value)) return [];
  const chain: Buffer[] = [];
  for (const v of value.slice(0, MAX_CHAIN_LENGTH)) {
    if (typeof v !== 'string' || v.length === 0) continue;
    const der = Buffer.from(v.slice(0, MAX_CERTIFICATE_BASE64), 'base64');
    if (der.length === 0) continue;
    chain.push(der.length > MAX_CERTIFICATE_BYTES ? der.subarray(0, MAX_CERTIFICATE_BYTES + 1) : der);
    if (der.length > MAX_CERTIFICATE_BYTES) break;
  }
  return chain;
}

async function compareWithKnown(ctx: CheckContext, facts: CertificateFacts): Promise<KnownHostVerdict> {
  const key = ctx.target.host.includes(':') ? `[${ctx.target.host}]:${ctx.target.port}` : `${ctx.target.host}:${ctx.target.port}`;
  try {
    const previous = await ctx.knownHosts.get(key);
    await ctx.knownHosts.remember(key, { sha256: facts.sha256, subject: facts.subject }, ctx.now());
    if (!previous) return { status: 'first-seen', key, previous: null };
    return { status: previous.sha256.toUpperCase() === facts.sha256 ? 'unchanged' : 'changed', key, previous };
  } catch {
    return { status: 'unavailable', key, previous: null };
  }
}

const FAIL_CODES = new Set(['expired', 'not-yet-valid']);

/** Status, summary and evidence from a readable certificate and the known-hosts comparison (pure; exported for tests). */
export function judgeFacts(facts: CertificateFacts, knownHost: KnownHostVerdict, host: string, port: number): CheckOutcome<'tls.certificate'> {
  const problems: CertificateProblem[] = [...facts.problems];
  if (knownHost.status === 'changed') {
    problems.push({
      code: 'changed',
      message: `Differs from the certificate seen here before (${knownHost.previous?.sha256.slice(0, 16)}…, first seen ${knownHost.previous?.firstSeen}).`,
    });
  }
  const evidence = { ...facts, problems, host, port, knownHost };
  const name = facts.commonName ?? facts.subject;
  const failing = problems.filter((p) => FAIL_CODES.has(p.code));
  if (failing.length > 0) return { status: 'fail', summary: `Certificate "${name}": ${failing.map((p) => p.message).join(' ')}`, evidence };
  const warning = problems.filter((p) => p.code !== 'self-signed');
  if (warning.length > 0) return { status: 'warn', summary: `Certificate "${name}": ${warning.map((p) => p.message).join(' ')}`, evidence };
  const self = facts.selfSigned ? ', self-signed (normal for Remote Desktop)' : '';
  return { status: 'pass', summary: `Certificate "${name}" is valid until ${facts.notAfter.slice(0, 10)}${self}.`, evidence };
}
