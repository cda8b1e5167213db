import { describe, expect, it } from 'vitest';
import { crossSourceRules } from './cross-source.rules';
import { rankFindings } from '../ranking';
import { diagnose } from '../index';
import { decodeCodes } from '../decode';
import { CHECK_META } from '../../shared/catalog';
import type { CheckId } from '../../shared/ids';
import type { CheckResult } from '../../shared/schema';
import type { ClientSettings } from '../../shared/target';
import type { Evidence, FindingDraft } from '../types';

function check(id: CheckId, status: CheckResult['status'], evidence: Record<string, unknown> = {}): CheckResult {
  return { id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary: '', durationMs: 1, evidence };
}

function ev(checks: CheckResult[], opts: { error?: string; settings?: Partial<ClientSettings> } = {}): Evidence {
  return {
    target: { input: 'srv01', host: 'srv01', port: 3389, isAddress: false },
    checks: new Map(checks.map((c) => [c.id, c])),
    errorHint: opts.error ? decodeCodes(opts.error) : null,
    clientSettings: opts.settings
      ? { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, gateway: null, address: null, fileName: 'work.rdp', ...opts.settings }
      : null,
    now: new Date('2026-06-01T00:00:00Z'),
  };
}

const run = (e: Evidence): FindingDraft[] => crossSourceRules.flatMap((r) => r(e));
const events2308 = check('client.events', 'fail', {
  attempts: [{ server: 'srv01', loggedOn: false, disconnect: { value: 2308, hex: '0x904' } }, { server: 'srv01', loggedOn: true, disconnect: { value: 1 } }],
  disconnectReasons: [2308],
});
const expiredCert = check('tls.certificate', 'fail', { certificate: { ok: true, validity: 'expired', daysLeft: -12, notAfter: '2026-05-20T00:00:00.000Z' } });
const validCert = check('tls.certificate', 'pass', { certificate: { ok: true, validity: 'valid', daysLeft: 200, notAfter: '2027-01-01T00:00:00.000Z' } });

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
      id: 'certificate-expired', confidence: 0.7, explanation: 'expired', technical: 'notAfter in the past',
      checks: ['tls.certificate'], fixes: ['server.renew-certificate'], evidence: {},
    };
    const alone = rankFindings([single], e)[0]!.confidence;
    const together = rankFindings([single, ...run(e)], e).find((f) => f.id === 'certificate-expired')!.confidence;
    expect(together).toBeGreaterThan(alone);
  });

  it('does not fire without the expired certificate, nor without a refusal signal', () => {
    expect(run(ev([events2308, validCert])).map((d) => d.id)).not.toContain('certificate-expired');
    const otherReason = check('client.events', 'warn', { attempts: [{ disconnect: { value: 516 } }], disconnectReasons: [516] });
    const oldShape = check('client.events', 'warn', { attempts: [{ disconnect: { value: 2308 } }] });
    expect(run(ev([oldShape, expiredCert])).map((d) => d.id)).toContain('certificate-expired');
    expect(run(ev([otherReason, expiredCert])).map((d) => d.id)).not.toContain('certificate-expired');
  });

  it('the dialog pair alone can stand in for the client event log', () => {
    const d = run(ev([expiredCert], { error: '0x904 0x7' })).find((x) => x.id === 'certificate-expired');
    expect(d?.checks).toEqual(['tls.certificate']);
  });

  it('host requires NLA + the .rdp turns CredSSP off → nla-required-client-disabled, agreeing with the wire', () => {
    const layer = check('server.security-layer', 'fail', { userAuthentication: { value: 1, source: 'local', local: 1, policy: null }, isNlaRequired: true });
    const neg = check('rdp.negotiation', 'pass', { service: 'rdp', nlaRequired: true, supported: ['HYBRID'], failures: { SSL: 'HYBRID_REQUIRED_BY_SERVER' }, probes: [] });
    const e = ev([layer, neg], { settings: { enableCredSsp: false } });
    const d = run(e).find((x) => x.id === 'nla-required-client-disabled');
    expect(d?.checks).toEqual(['server.security-layer']);
    expect(d?.explanation).toContain('work.rdp');
    const ranked = diagnose(e).find((f) => f.id === 'nla-required-client-disabled');
    expect(ranked?.checks).toEqual(expect.arrayContaining(['server.security-layer']));
    expect(ranked?.confidence).toBeGreaterThanOrEqual(d!.confidence);
    expect(run(ev([layer, neg], { settings: { enableCredSsp: true } }))).toEqual([]);
    const off = check('server.security-layer', 'warn', { userAuthentication: { value: 0 }, isNlaRequired: false });
    expect(run(ev([off], { settings: { enableCredSsp: false } }))).toEqual([]);
  });

  it('Schannel key errors + unreadable key → server-certificate-key-inaccessible', () => {
    const events = check('server.events', 'fail', { summary: { keyAccessErrors: 3 } });
    const cert = check('server.certificate', 'fail', { verdict: { networkServiceCanReadKey: false } });
    const d = run(ev([events, cert])).find((x) => x.id === 'server-certificate-key-inaccessible');
    expect(d?.checks).toEqual(['server.events', 'server.certificate']);
    const readable = check('server.certificate', 'pass', { verdict: { networkServiceCanReadKey: true } });
    expect(run(ev([events, readable]))).toEqual([]);
  });

  it('host certificate expired with failed renewals while clients are dropped', () => {
    const cert = check('server.certificate', 'fail', { verdict: { isExpired: true } });
    const events = check('server.events', 'warn', { summary: { certificateRenewalFailures: 2 } });
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
    const cert = check('tls.certificate', 'fail', { certificate: { validity: 'not-yet-valid' } });
    const ntlm = check('credssp.ntlm-info', 'warn', { clockSkewSeconds: 3600 });
    expect(run(ev([cert, ntlm])).map((d) => d.id)).toEqual(['clock-skew']);
    expect(run(ev([cert, check('credssp.ntlm-info', 'pass', { clockSkewSeconds: 20 })]))).toEqual([]);
  });

  it('survives hostile evidence (deep, cyclic-free but huge)', () => {
    let deep: Record<string, unknown> = { reason: 2308 };
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    const big = check('client.events', 'warn', { list: Array.from({ length: 100_000 }, (_, i) => ({ reason: i })) , deep });
    const started = Date.now();
    run(ev([big, expiredCert]));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
