/** Integration: the wire checks and rules against the lab's misbehaving stand-in servers. */
import { setMaxListeners } from 'node:events';
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startStandIn, stopAll, type StandIn } from '../../e2e/lab';
import { runNegotiationRules } from '../diagnosis/rules/negotiation.rules';
import { setStagedNegotiation } from '../net/negotiation';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import { credsspNtlmInfoCheck } from './credssp-ntlm-info.check';
import { rdpNegotiationCheck } from './rdp-negotiation.check';
import { contractEvidence, makeTestContext } from './test-context';
import { tlsHandshakeCheck } from './tls-handshake.check';
import type { CheckDefinition, CheckOutcome } from './types';

afterAll(() => stopAll());

const TIMEOUT_MS = 800;

/** Runs the three checks the way the engine would (negotiation first) and then the rules. */
async function diagnoseStandIn(s: StandIn) {
  const ctx = makeTestContext({ target: `127.0.0.1:${s.port}`, options: { timeoutMs: TIMEOUT_MS } });
  const results = new Map<CheckId, CheckResult>();
  const record = <K extends CheckId>(check: CheckDefinition<K>, o: CheckOutcome<K>): CheckOutcome<K> => {
    results.set(check.id, { id: check.id, section: CHECK_META[check.id].section, title: check.id, durationMs: 0, ...o });
    return o;
  };
  const neg = record(rdpNegotiationCheck, await rdpNegotiationCheck.run(ctx));
  const tls = record(tlsHandshakeCheck, await tlsHandshakeCheck.run(ctx));
  const cred = record(credsspNtlmInfoCheck, await credsspNtlmInfoCheck.run(ctx));
  const findings = runNegotiationRules({ target: ctx.target, checks: results, errorHint: null, clientSettings: null, now: new Date() }).map((d) => d.id);
  return { neg, tls, cred, findings };
}
const kinds = (o: CheckOutcome<'rdp.negotiation'>): string[] => [...new Set(contractEvidence('rdp.negotiation', o).probes.map((p) => p.outcome.kind))];

describe('stand-ins (real sockets, scripted misbehaviour)', () => {
  it('hang (one diagnosis): every probe times out after connecting, within the timeout', async () => {
    const s = await startStandIn('hang');
    const started = Date.now();
    const { neg, tls, findings } = await diagnoseStandIn(s);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 250);
    expect(neg.evidence.service).toBe('timeout');
    const probes = contractEvidence('rdp.negotiation', neg).probes;
    expect(probes.every((p) => p.outcome.kind === 'timeout' && p.outcome.phase === 'reply' && p.connectMs !== null)).toBe(true);
    expect(Math.max(...probes.map((p) => p.totalMs ?? 0))).toBeLessThan(TIMEOUT_MS + 300);
    expect(tls.status).toBe('skip');
    expect(findings).toEqual(['negotiation-timeout']);
  });
  it('hang (a batch, staged): the lead probe times out after connecting, and no other probe waits beside it', async () => {
    const s = await startStandIn('hang');
    const started = Date.now();
    setStagedNegotiation(true);
    const { neg, tls, findings } = await diagnoseStandIn(s).finally(() => setStagedNegotiation(false));
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2 + 250);
    expect(neg.evidence.service).toBe('timeout');
    const probes = contractEvidence('rdp.negotiation', neg).probes;
    // SSL went first, connected and waited in vain; the five others were not sent (no connection, no time of their own).
    expect(probes.filter((p) => p.connectMs !== null).map((p) => p.protocol)).toEqual(['SSL']);
    expect(probes.find((p) => p.protocol === 'SSL')?.outcome).toEqual({ kind: 'timeout', phase: 'reply' });
    const others = probes.filter((p) => p.protocol !== 'SSL');
    expect(others.every((p) => p.outcome.kind === 'not-sent' && p.totalMs === null && p.replyMs === null)).toBe(true);
    // The TCP check's connect, the lead probe's, and no latency sample of its own.
    expect(s.connections).toBe(2);
    expect(neg.summary).toContain('never answered the RDP negotiation');
    expect(Math.max(...probes.map((p) => p.totalMs ?? 0))).toBeLessThan(TIMEOUT_MS + 300);
    expect(tls.status).toBe('skip');
    expect(findings).toEqual(['negotiation-timeout']);
  });
  it('hang: cancelling stops every probe at once', async () => {
    const s = await startStandIn('hang');
    const ac = new AbortController();
    // Every probe listens on it, as on the check engine's signal.
    setMaxListeners(0, ac.signal);
    const ctx = makeTestContext({ target: `127.0.0.1:${s.port}`, options: { timeoutMs: 10_000 }, signal: ac.signal });
    const started = Date.now();
    setTimeout(() => ac.abort(), 150);
    const neg = await rdpNegotiationCheck.run(ctx);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(neg).toMatchObject({ status: 'error', evidence: { service: 'aborted' } });
  });
  it('drop: closed', async () => {
    const { neg, findings } = await diagnoseStandIn(await startStandIn('drop'));
    expect(kinds(neg)).toEqual(['closed']);
    expect(neg.status).toBe('fail');
    expect(findings).toEqual(['connection-dropped-during-negotiation']);
  });
  it('reset in the middle of a TPKT: closed after a partial header, not mistaken for a reply', async () => {
    const { neg, findings } = await diagnoseStandIn(await startStandIn('reset'));
    expect(neg.evidence.service).toBe('closed');
    // The stand-in writes "03 00" then aborts; on this kernel the client sees FIN or RST, either way a drop.
    expect(contractEvidence('rdp.negotiation', neg).probes.every((p) => p.outcome.kind === 'closed' && p.outcome.bytesReceived === 2)).toBe(true);
    expect(findings).toEqual(['connection-dropped-during-negotiation']);
  });
  it('http: non-RDP with the reply shown', async () => {
    const { neg, findings } = await diagnoseStandIn(await startStandIn('http'));
    expect(kinds(neg)).toEqual(['non-rdp']);
    expect(neg.summary).toContain('HTTP/1.1 400');
    expect(findings).toEqual(['not-rdp-service']);
  });
  it('neg-failure 3: SSL_CERT_NOT_ON_SERVER and the no-certificate finding', async () => {
    const { neg, tls, findings } = await diagnoseStandIn(await startStandIn('neg-failure', { code: 3 }));
    expect(neg.evidence.failures).toMatchObject({ RDP: 'SSL_CERT_NOT_ON_SERVER', SSL: 'SSL_CERT_NOT_ON_SERVER' });
    expect(neg.status).toBe('fail');
    expect(tls.status).toBe('skip');
    expect(findings).toEqual(['server-no-certificate']);
  });
  it('neg-failure 5: NLA required', async () => {
    const { neg } = await diagnoseStandIn(await startStandIn('neg-failure', { code: 5 }));
    expect(neg.evidence).toMatchObject({ nlaRequired: true, failures: { RDP: 'HYBRID_REQUIRED_BY_SERVER' } });
  });
  it('tls10-only: only TLSv1 succeeds, a version mismatch', async () => {
    const s = await startStandIn('tls10-only');
    const { neg, tls, cred, findings } = await diagnoseStandIn(s);
    expect(neg.evidence.supported).toEqual(['SSL']);
    const versions = tls.evidence.versions as Record<string, { ok: boolean }>;
    expect(
      Object.entries(versions)
        .filter(([, v]) => v.ok)
        .map(([k]) => k),
    ).toEqual(['TLSv1']);
    expect(tls.evidence.negotiated).toMatchObject({ version: 'TLSv1' });
    const chain = tls.evidence.chain as string[];
    expect(chain.map((c) => new X509Certificate(Buffer.from(c, 'base64')).fingerprint256)).toEqual([s.sha256]);
    expect(tls.status).toBe('fail');
    expect(cred.status).toBe('skip');
    expect(findings).toEqual(['tls-version-mismatch']);
    // The TCP connect, six negotiation probes and the four pinned versions: the full-range handshake rode the SSL
    // probe's connection.
    expect(tls.evidence.chainSource).toBe('default');
    expect(s.connections).toBe(11);
  });
});
