import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossSourceRules } from './cross-source.rules';
import { rankFindings } from '../ranking';
import { diagnose } from '../index';
import { decodeCodes } from '../decode';
import { judgeCredSsp } from '../../checks/credssp-ntlm-info.check';
import { judgeNegotiation } from '../../checks/rdp-negotiation.check';
import { CHECKS } from '../../checks/registry';
import { WINDOWS_FIXTURES, alteredResult, runServerChecks } from '../../checks/server-test-kit';
import { makeTestContext } from '../../checks/test-context';
import { judgeFacts } from '../../checks/tls-certificate.check';
import type { CheckOutcome } from '../../checks/types';
import { judgeCertificate, type CertificateFacts } from '../../net/certificate';
import { summarize, type ProbeResult } from '../../net/negotiation';
import type { ExchangeOutcome } from '../../net/rdp-socket';
import { parseTarget } from '../../net/target';
import { makeTestCert } from '../../net/test-certs';
import { CHECK_META } from '../../shared/catalog';
import type { CheckId } from '../../shared/ids';
import type { CheckResult } from '../../shared/schema';
import type { ClientSettings } from '../../shared/target';
import { createReplaySource } from '../../windows/replay-source';
import type { Evidence, FindingDraft } from '../types';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function check(id: CheckId, status: CheckResult['status'], evidence: Record<string, unknown> = {}): CheckResult {
  return { id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary: '', durationMs: 1, evidence };
}
const result = (id: CheckId, o: CheckOutcome): CheckResult => ({ id, section: CHECK_META[id].section, title: CHECK_META[id].title, durationMs: 1, ...o });

function ev(checks: CheckResult[], opts: { error?: string; settings?: Partial<ClientSettings> } = {}): Evidence {
  return {
    target: { input: 'srv01', host: 'srv01', port: 3389, isAddress: false },
    checks: new Map(checks.map((c) => [c.id, c])),
    errorHint: opts.error ? decodeCodes(opts.error) : null,
    clientSettings: opts.settings
      ? { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, gateway: null, address: null, fileName: 'work.rdp', ...opts.settings }
      : null,
    now: NOW,
  };
}

const run = (e: Evidence): FindingDraft[] => crossSourceRules.flatMap((r) => r(e));

/** tls.certificate as the check judges a leaf valid from `notBefore` to `notAfter`. */
function wireCertificate(notBefore: Date, notAfter: Date): CheckResult {
  const facts = judgeCertificate([makeTestCert({ commonName: 'srv01', notBefore, notAfter }).der], { host: 'srv01', isAddress: false, now: NOW }) as CertificateFacts;
  return result('tls.certificate', judgeFacts(facts, { status: 'first-seen', key: 'k', previous: null }, 'srv01', 3389));
}
const expiredCert = wireCertificate(new Date(NOW.getTime() - 200 * DAY), new Date('2026-05-20T00:00:00.000Z'));
const validCert = wireCertificate(new Date(NOW.getTime() - 10 * DAY), new Date('2027-01-01T00:00:00.000Z'));

/** credssp.ntlm-info as the check judges a server whose clock is `skewSeconds` ahead. */
function ntlm(skewSeconds: number): CheckResult {
  const timestamp = new Date(NOW.getTime() + skewSeconds * 1000);
  const challenge = {
    targetName: 'LAB',
    flags: 0,
    serverChallenge: '00',
    netbiosComputer: 'SRV01',
    netbiosDomain: 'LAB',
    dnsComputer: 'srv01',
    dnsDomain: null,
    dnsTree: null,
    timestamp,
    version: { major: 10, minor: 0, build: 20348, revision: 15 },
    avIds: [],
    warnings: [],
  };
  return result('credssp.ntlm-info', judgeCredSsp({ ok: true, tls: { ok: true, ms: 3 }, tsRequestVersion: 6, challenge, ms: 9 }, parseTarget('srv01'), NOW));
}

/** A server that requires NLA, as the negotiation probes see it. */
const probe = (protocol: ProbeResult['protocol'], outcome: ExchangeOutcome, requested: number): ProbeResult => ({
  protocol,
  outcome,
  requestedProtocols: requested,
  connectMs: 1,
  replyMs: 2,
  totalMs: 3,
  supported: outcome.kind === 'selected' && outcome.protocolName === protocol,
});
const NLA_REQUIRED = [
  probe('RDP', { kind: 'failure', code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER' }, 0),
  probe('SSL', { kind: 'failure', code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER' }, 1),
  probe('HYBRID', { kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 0 }, 3),
];

// Whole evidence from recorded machines: a client whose attempts ended with 2308, and a host (changed per test).
let events2308: CheckResult;
let host: Map<CheckId, CheckResult>;
beforeAll(async () => {
  const ctx = makeTestContext({ target: '127.0.0.1', windows: createReplaySource(join(WINDOWS_FIXTURES, 'client-saved-creds-nla-off')) });
  events2308 = result('client.events', await CHECKS['client.events'].run(ctx));
  host = await runServerChecks({ windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-nla-firewall-off')) });
});
const altered = (id: CheckId, status: CheckResult['status'], patch: Record<string, unknown>): CheckResult => alteredResult(host, id, status, patch);

describe('cross-source rules', () => {
  it('client 1026/2308 + expired certificate on the wire → certificate-expired from two sources', () => {
    const drafts = run(ev([events2308, expiredCert]));
    const d = drafts.find((x) => x.id === 'certificate-expired');
    expect(d?.checks).toEqual(['client.events', 'tls.certificate']);
    expect(d?.technical).toMatch(/2308/);
  });

  it('raises the confidence over the single-source certificate finding when ranked together', () => {
    const e = ev([events2308, expiredCert]);
    const single: FindingDraft = {
      id: 'certificate-expired',
      confidence: 0.7,
      explanation: 'expired',
      technical: 'notAfter in the past',
      checks: ['tls.certificate'],
      fixes: ['server.renew-certificate'],
      evidence: {},
    };
    const alone = rankFindings([single], e)[0]!.confidence;
    const together = rankFindings([single, ...run(e)], e).find((f) => f.id === 'certificate-expired')!.confidence;
    expect(together).toBeGreaterThan(alone);
  });

  it('does not fire without the expired certificate, nor without a refusal signal', () => {
    expect(run(ev([events2308, validCert])).map((d) => d.id)).not.toContain('certificate-expired');
    const otherReason = alteredResult(new Map([['client.events', events2308]]), 'client.events', 'warn', { disconnectReasons: [516] });
    expect(run(ev([otherReason, expiredCert])).map((d) => d.id)).not.toContain('certificate-expired');
    // Evidence that is not of the check's shape (a hand-made or foreign report) is no evidence: no finding rests on it.
    const oldShape = check('client.events', 'warn', { attempts: [{ disconnect: { value: 2308 } }] });
    expect(run(ev([oldShape, expiredCert])).map((d) => d.id)).not.toContain('certificate-expired');
  });

  it('the dialog pair alone can stand in for the client event log', () => {
    const d = run(ev([expiredCert], { error: '0x904 0x7' })).find((x) => x.id === 'certificate-expired');
    expect(d?.checks).toEqual(['tls.certificate']);
  });

  it('host requires NLA + the .rdp turns CredSSP off → nla-required-client-disabled, agreeing with the wire', () => {
    const layer = altered('server.security-layer', 'fail', { userAuthentication: { value: 1, source: 'local', local: 1, policy: null, wmi: 1 }, isNlaRequired: true });
    const neg = result('rdp.negotiation', judgeNegotiation(summarize(NLA_REQUIRED), 3000));
    const e = ev([layer, neg], { settings: { enableCredSsp: false } });
    const d = run(e).find((x) => x.id === 'nla-required-client-disabled');
    expect(d?.checks).toEqual(['server.security-layer']);
    expect(d?.explanation).toContain('work.rdp');
    const ranked = diagnose(e).find((f) => f.id === 'nla-required-client-disabled');
    expect(ranked?.checks).toEqual(expect.arrayContaining(['server.security-layer', 'rdp.negotiation']));
    expect(ranked?.confidence).toBeGreaterThanOrEqual(d!.confidence);
    expect(run(ev([layer, neg], { settings: { enableCredSsp: true } }))).toEqual([]);
    const off = altered('server.security-layer', 'warn', { userAuthentication: { value: 0, source: 'local', local: 0, policy: null, wmi: 0 }, isNlaRequired: false });
    expect(run(ev([off], { settings: { enableCredSsp: false } }))).toEqual([]);
  });

  it('Schannel key errors + unreadable key → server-certificate-key-inaccessible', () => {
    const events = altered('server.events', 'fail', { summary: { keyAccessErrors: 3 } });
    const cert = altered('server.certificate', 'fail', { networkServiceCanReadKey: false });
    const d = run(ev([events, cert])).find((x) => x.id === 'server-certificate-key-inaccessible');
    expect(d?.checks).toEqual(['server.events', 'server.certificate']);
    const readable = altered('server.certificate', 'pass', { networkServiceCanReadKey: true });
    expect(run(ev([events, readable]))).toEqual([]);
  });

  it('host certificate expired with failed renewals while clients are dropped', () => {
    const cert = altered('server.certificate', 'fail', { isExpired: true });
    const events = altered('server.events', 'warn', { summary: { certificateRenewalFailures: 2 } });
    const d = run(ev([events2308, cert, events])).find((x) => x.id === 'server-certificate-expired');
    expect(d?.confidence).toBe(0.95);
    expect(d?.fixes).toContain('server.renew-certificate');
  });

  it('dialog refusal + TCP open + handshake cut → connection-dropped-during-negotiation', () => {
    const tcp = check('net.tcp', 'pass');
    const tls = check('tls.handshake', 'fail');
    const d = run(ev([tcp, tls], { error: '0x904/0x7' })).find((x) => x.id === 'connection-dropped-during-negotiation');
    expect(d?.technical).toContain('0x904/0x7');
    expect(run(ev([tcp, tls], { error: '0x204' }))).toEqual([]);
  });

  it('certificate not yet valid + clock skew → clock-skew', () => {
    const cert = wireCertificate(new Date(NOW.getTime() + 2 * DAY), new Date(NOW.getTime() + 300 * DAY));
    expect(run(ev([cert, ntlm(3600)])).map((d) => d.id)).toEqual(['clock-skew']);
    expect(run(ev([cert, ntlm(20)]))).toEqual([]);
  });

  it('survives hostile evidence (deep, cyclic-free but huge)', () => {
    let deep: Record<string, unknown> = { reason: 2308 };
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    const big = check('client.events', 'warn', { list: Array.from({ length: 100_000 }, (_, i) => ({ reason: i })), deep });
    const started = Date.now();
    run(ev([big, expiredCert]));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
