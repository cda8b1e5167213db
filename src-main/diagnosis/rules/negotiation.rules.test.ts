import { describe, expect, it } from 'vitest';
import { judgeNegotiation } from '../../checks/rdp-negotiation.check';
import { judgeTls } from '../../checks/tls-handshake.check';
import { judgeCredSsp } from '../../checks/credssp-ntlm-info.check';
import type { ClientSettings } from '../../shared/target';
import { summarize, summaryFromFailedConnect, type ProbeResult } from '../../net/negotiation';
import type { ExchangeOutcome } from '../../net/rdp-socket';
import type { TlsAttempt } from '../../net/rdp-tls';
import type { TlsProbeResult } from '../../net/tls-probe';
import { parseTarget } from '../../net/target';
import { CHECK_META } from '../../shared/catalog';
import type { CheckId } from '../../shared/ids';
import type { CheckResult } from '../../shared/schema';
import type { CheckOutcome } from '../../checks/types';
import type { Evidence } from '../types';
import { runNegotiationRules } from './negotiation.rules';
import { join } from 'node:path';
import { clientRdpFilesCheck } from '../../checks/client-rdp-files.check';
import { makeTestContext } from '../../checks/test-context';
import { createReplaySource } from '../../windows/replay-source';

const NOW = new Date('2026-03-01T12:00:00Z');
const probe = (protocol: ProbeResult['protocol'], outcome: ExchangeOutcome, requested = 0): ProbeResult => ({
  protocol,
  outcome,
  requestedProtocols: requested,
  connectMs: outcome.kind === 'refused' ? null : 1,
  replyMs: 2,
  totalMs: 3,
  supported: outcome.kind === 'selected' && outcome.protocolName === protocol,
});
const sel = (name: string, protocol: number): ExchangeOutcome => ({ kind: 'selected', protocol, protocolName: name, flags: 0 });
const fail = (code: number, codeName: string): ExchangeOutcome => ({ kind: 'failure', code, codeName });
const result = (id: CheckId, o: CheckOutcome): CheckResult => ({ id, section: CHECK_META[id].section, title: id, durationMs: 1, ...o });

function evidence(results: CheckResult[], opts: { target?: string; settings?: Partial<ClientSettings> } = {}): Evidence {
  const settings: ClientSettings | null = opts.settings
    ? { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, gateway: null, address: null, fileName: 'work.rdp', ...opts.settings }
    : null;
  return { target: parseTarget(opts.target ?? 'server01.corp.example'), checks: new Map(results.map((r) => [r.id, r])), errorHint: null, clientSettings: settings, now: NOW };
}
const ids = (ev: Evidence): string[] =>
  runNegotiationRules(ev)
    .map((d) => d.id)
    .sort();
const negotiation = (probes: ProbeResult[]): CheckResult => result('rdp.negotiation', judgeNegotiation(summarize(probes), 3000));

const NLA_REQUIRED = [
  probe('RDP', fail(5, 'HYBRID_REQUIRED_BY_SERVER')),
  probe('SSL', fail(5, 'HYBRID_REQUIRED_BY_SERVER'), 1),
  probe('HYBRID', sel('HYBRID', 2), 3),
  probe('HYBRID_EX', sel('HYBRID_EX', 8), 11),
];
const TLS_REQUIRED = [probe('RDP', fail(1, 'SSL_REQUIRED_BY_SERVER')), probe('SSL', sel('SSL', 1), 1), probe('HYBRID', sel('HYBRID', 2), 3)];
const RDP_ONLY = [probe('RDP', sel('RDP', 0)), probe('SSL', fail(2, 'SSL_NOT_ALLOWED_BY_SERVER'), 1), probe('HYBRID', fail(2, 'SSL_NOT_ALLOWED_BY_SERVER'), 3)];

describe('judgeNegotiation and summarize', () => {
  it('turns a failed connect into the summary the probes would have made, without connecting again', () => {
    const attempt = { address: '10.0.0.5', port: 3389, family: 4 as const, ms: 2000, code: null, message: 'no answer' };
    const timedOut = summaryFromFailedConnect({ ...attempt, kind: 'timeout' });
    expect(timedOut.service).toBe('timeout');
    expect(timedOut.probes.map((p) => p.outcome)).toEqual(Array(6).fill({ kind: 'timeout', phase: 'connect' }));
    expect(timedOut.probes.every((p) => p.connectMs === null && !p.supported)).toBe(true);
    expect(summaryFromFailedConnect({ ...attempt, kind: 'refused', code: 'ECONNREFUSED' }).service).toBe('refused');
    const unreachable = summaryFromFailedConnect({ ...attempt, kind: 'unreachable', code: 'EHOSTUNREACH', message: 'no route' });
    expect(unreachable.probes[0]!.outcome).toEqual({ kind: 'error', code: 'EHOSTUNREACH', message: 'no route' });
    expect(judgeNegotiation(timedOut, 2000).status).toBe(judgeNegotiation(summarize([probe('RDP', { kind: 'timeout', phase: 'connect' })]), 2000).status);
  });
  it('reads an NLA-only server', () => {
    const s = summarize(NLA_REQUIRED);
    expect(s).toMatchObject({ service: 'rdp', supported: ['HYBRID', 'HYBRID_EX'], nlaRequired: true, rdpSecurityAllowed: false });
    expect(judgeNegotiation(s, 1000).status).toBe('pass');
  });
  it('does not count a different selected protocol as support', () => {
    const s = summarize([probe('RDP', sel('RDP', 0)), probe('RDSTLS', sel('RDP', 0), 4), probe('HYBRID', sel('SSL', 1), 3)]);
    expect(s.supported).toEqual(['RDP']);
    expect(s.rdpSecurityOnly).toBe(false);
  });
  it('calls a server that answers TLS requests with PROTOCOL_RDP (xrdp security_layer=rdp) RDP-only', () => {
    const s = summarize([probe('RDP', sel('RDP', 0)), probe('SSL', sel('RDP', 0), 1), probe('HYBRID', sel('RDP', 0), 3)]);
    expect(s).toMatchObject({ supported: ['RDP'], rdpSecurityOnly: true });
  });
  it('reads a server that ignores negotiation (11-byte confirm) as legacy and RDP-only', () => {
    const s = summarize([probe('RDP', { kind: 'legacy' }), probe('SSL', { kind: 'legacy' }, 1), probe('HYBRID', { kind: 'legacy' }, 3)]);
    expect(s).toMatchObject({ service: 'rdp', supported: ['RDP'], legacyServer: true, rdpSecurityAllowed: true, rdpSecurityOnly: true });
    expect(judgeNegotiation(s, 1000).status).toBe('warn');
  });
  it('does not call a server without a certificate RDP-only', () => {
    const s = summarize([probe('RDP', sel('RDP', 0)), probe('SSL', fail(3, 'SSL_CERT_NOT_ON_SERVER'), 1)]);
    expect(s.rdpSecurityOnly).toBe(false);
  });
  it('warns on an RDP-security-only server and fails on a non-RDP one', () => {
    expect(judgeNegotiation(summarize(RDP_ONLY), 1000).status).toBe('warn');
    const http = summarize([probe('RDP', { kind: 'non-rdp', reason: 'not a TPKT packet', preview: 'HTTP/1.1 400' })]);
    expect(http.service).toBe('non-rdp');
    expect(judgeNegotiation(http, 1000)).toMatchObject({ status: 'fail', summary: expect.stringContaining('HTTP/1.1 400') });
  });
});

describe('negotiation rules', () => {
  it('finds nothing wrong with a healthy NLA server and a default client', () => {
    expect(ids(evidence([negotiation(NLA_REQUIRED)]))).toEqual([]);
  });
  it('names NLA required vs a file with CredSSP off, offering the file fix first', () => {
    const drafts = runNegotiationRules(evidence([negotiation(NLA_REQUIRED)], { settings: { enableCredSsp: false } }));
    expect(drafts.map((d) => d.id)).toEqual(['nla-required-client-disabled']);
    expect(drafts[0]!.fixes).toEqual(['rdpfile.generate-clean', 'server.disable-nla']);
    expect(drafts[0]!.explanation).toContain('work.rdp');
  });
  it("without --rdp-file, finds the recorded client's saved .rdp for the target (then Default.rdp) with CredSSP off", async () => {
    const rdpFiles = async (machine: string, target: string): Promise<CheckResult> => {
      const windows = createReplaySource(join(__dirname, '../../../e2e/fixtures/windows', machine));
      return result('client.rdp-files', await clientRdpFilesCheck.run(makeTestContext({ target, windows })));
    };
    const saved = runNegotiationRules(evidence([negotiation(NLA_REQUIRED), await rdpFiles('client-saved-creds-nla-off', '127.0.0.1')], { target: '127.0.0.1' }));
    expect(saved.map((d) => d.id)).toEqual(['nla-required-client-disabled']);
    expect(saved[0]!.evidence).toMatchObject({ file: 'lab (old).rdp', path: 'C:\\Users\\bob\\Desktop\\lab (old).rdp', fileSource: 'saved' });
    expect(saved[0]!.explanation).toContain('lab (old).rdp');
    expect(saved[0]!.checks).toEqual(['rdp.negotiation', 'client.rdp-files']);
    // Another target: only Default.rdp applies (mstsc started without a file), which also turns CredSSP off.
    const byDefault = runNegotiationRules(evidence([negotiation(NLA_REQUIRED), await rdpFiles('client-saved-creds-nla-off', '10.9.9.9')], { target: '10.9.9.9' }));
    expect(byDefault[0]?.evidence).toMatchObject({ file: 'Default.rdp', fileSource: 'default' });
    expect(byDefault[0]!.explanation).toContain('C:\\Users\\bob\\Documents\\Default.rdp');
    expect(byDefault[0]!.confidence).toBeLessThan(saved[0]!.confidence);
    // CredSSP on in every file, a server that does not require NLA, or a given file with CredSSP on: nothing.
    expect(ids(evidence([negotiation(NLA_REQUIRED), await rdpFiles('healthy-client', 'rdp-lab.example')], { target: 'rdp-lab.example' }))).toEqual([]);
    expect(ids(evidence([negotiation(TLS_REQUIRED), await rdpFiles('client-saved-creds-nla-off', '127.0.0.1')], { target: '127.0.0.1' }))).toEqual([]);
    const given = evidence([negotiation(NLA_REQUIRED), await rdpFiles('client-saved-creds-nla-off', '127.0.0.1')], { target: '127.0.0.1', settings: { enableCredSsp: true } });
    expect(ids(given)).toEqual([]);
  });
  it('names TLS required vs a file that forces RDP security', () => {
    const ev = evidence([negotiation(TLS_REQUIRED)], { settings: { enableCredSsp: false, negotiateSecurityLayer: false } });
    expect(ids(ev)).toEqual(['tls-required-client-rdp-only']);
    expect(ids(evidence([negotiation(TLS_REQUIRED)], { settings: { enableCredSsp: false } }))).toEqual([]);
  });
  it('names a missing certificate (failure 3) with renew and key repair', () => {
    const d = runNegotiationRules(evidence([negotiation([probe('RDP', fail(1, 'SSL_REQUIRED_BY_SERVER')), probe('SSL', fail(3, 'SSL_CERT_NOT_ON_SERVER'), 1)])]));
    expect(d.map((x) => x.id)).toEqual(['server-no-certificate']);
    expect(d[0]!.fixes).toEqual(['server.renew-certificate', 'server.repair-key-permissions']);
  });
  it('names a server that refuses every request for a reason no other finding explains', () => {
    const unknown = (protocol: ProbeResult['protocol'], requested: number) => probe(protocol, fail(0x99, 'UNKNOWN_FAILURE_153'), requested);
    const weird = runNegotiationRules(evidence([negotiation([unknown('RDP', 0), unknown('SSL', 1), unknown('HYBRID', 3)])]));
    expect(weird.map((x) => x.id)).toEqual(['negotiation-refused']);
    expect(weird[0]!.fixes).toEqual([]);
    expect(weird[0]!.technical).toContain('HYBRID → UNKNOWN_FAILURE_153');
    // SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER (6) everywhere: defined, so the security-layer fix is offered.
    const userAuth = runNegotiationRules(
      evidence([
        negotiation([
          probe('RDP', fail(1, 'SSL_REQUIRED_BY_SERVER')),
          probe('SSL', fail(6, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER'), 1),
          probe('HYBRID', fail(6, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER'), 3),
        ]),
      ]),
    );
    expect(userAuth.map((x) => x.id)).toEqual(['negotiation-refused']);
    expect(userAuth[0]!.fixes).toEqual(['server.set-security-layer']);
    // One request accepted, or every refusal explained elsewhere: not this finding.
    expect(ids(evidence([negotiation([unknown('RDP', 0), probe('SSL', sel('SSL', 1), 1)])]))).toEqual([]);
    expect(ids(evidence([negotiation([probe('RDP', fail(1, 'SSL_REQUIRED_BY_SERVER')), probe('SSL', fail(3, 'SSL_CERT_NOT_ON_SERVER'), 1)])]))).toEqual(['server-no-certificate']);
  });
  it('names RDP-security-only, more confidently when the file refuses unverified servers', () => {
    const loose = runNegotiationRules(evidence([negotiation(RDP_ONLY)]))[0]!;
    const strict = runNegotiationRules(evidence([negotiation(RDP_ONLY)], { settings: { authenticationLevel: 1 } }))[0]!;
    expect(loose.id).toBe('server-rdp-security-only');
    expect(strict.confidence).toBeGreaterThan(loose.confidence);
  });
  it('says how many requests went unanswered, and that a batch held the rest back', () => {
    const silence: ExchangeOutcome = { kind: 'timeout', phase: 'reply' };
    const all = ['RDP', 'SSL', 'HYBRID', 'HYBRID_EX', 'RDSTLS', 'RDSAAD'] as const;
    const parallel = runNegotiationRules(evidence([negotiation(all.map((p) => probe(p, silence)))]))[0]!;
    expect(parallel.technical).toBe('6 of 6 X.224 Connection Requests got no Connection Confirm before the timeout after TCP connect.');
    const staged = all.map((p) =>
      p === 'SSL' ? probe(p, silence) : { ...probe(p, { kind: 'not-sent', reason: 'no answer yet' }), connectMs: null, replyMs: null, totalMs: null },
    );
    expect(runNegotiationRules(evidence([negotiation(staged)]))[0]!.technical).toBe(
      'The first X.224 Connection Request got no Connection Confirm before the timeout after TCP connect; the other 5 were not sent to a server that had not answered.',
    );
  });

  it('tells timeouts after connect, drops and foreign services apart', () => {
    expect(ids(evidence([negotiation([probe('RDP', { kind: 'timeout', phase: 'reply' })])]))).toEqual(['negotiation-timeout']);
    expect(ids(evidence([negotiation([probe('RDP', { kind: 'timeout', phase: 'connect' })].map((p) => ({ ...p, connectMs: null })))]))).toEqual([]);
    expect(ids(evidence([negotiation([probe('RDP', { kind: 'closed', reset: true, bytesReceived: 0 })])]))).toEqual(['connection-dropped-during-negotiation']);
    expect(ids(evidence([negotiation([probe('RDP', { kind: 'non-rdp', reason: 'x', preview: 'SSH-2.0' })])]))).toEqual(['not-rdp-service']);
    expect(ids(evidence([negotiation([probe('RDP', { kind: 'refused' })])]))).toEqual([]);
  });
});

const ok = (version: string): TlsAttempt => ({ ok: true, version, cipher: 'X', ms: 1 });
const alert = (code: number, name: string): TlsAttempt => ({ ok: false, error: name, alert: { code, name }, ms: 1 });
const dropped: TlsAttempt = { ok: false, dropped: true, error: 'closed', ms: 1 };
function tlsProbe(v: [TlsAttempt, TlsAttempt, TlsAttempt, TlsAttempt], def: TlsAttempt): TlsProbeResult {
  return {
    requestedProtocols: 1,
    servername: null,
    defaultAttempt: def,
    chain: [],
    chainSource: null,
    versions: { TLSv1: v[0], 'TLSv1.1': v[1], 'TLSv1.2': v[2], 'TLSv1.3': v[3] },
    negotiated: def.ok ? { version: def.version!, cipher: 'X' } : null,
  };
}
const tlsIds = (p: TlsProbeResult): string[] => ids(evidence([negotiation(TLS_REQUIRED), result('tls.handshake', judgeTls(p))]));
const PV = alert(70, 'protocol_version');

describe('TLS rules', () => {
  it('flags a TLS 1.0-only server as a version mismatch and fails the check', () => {
    const p = tlsProbe([ok('TLSv1'), PV, PV, PV], ok('TLSv1'));
    expect(judgeTls(p).status).toBe('fail');
    expect(tlsIds(p)).toEqual(['tls-version-mismatch']);
  });
  it('keeps the alert when TLS fails for another reason', () => {
    const a = alert(80, 'internal_error');
    const p = tlsProbe([a, a, a, a], a);
    expect(tlsIds(p)).toEqual(['tls-handshake-failed']);
    const d = runNegotiationRules(evidence([result('tls.handshake', judgeTls(p))]))[0]!;
    expect(d.evidence.alert).toEqual({ code: 80, name: 'internal_error' });
  });
  it('calls a drop in the handshake the 0x904 signature', () => {
    expect(tlsIds(tlsProbe([dropped, dropped, dropped, dropped], dropped))).toEqual(['connection-dropped-during-negotiation']);
  });
  it('is quiet when TLS 1.2 works, even with TLS 1.0 still on', () => {
    const p = tlsProbe([ok('TLSv1'), ok('TLSv1.1'), ok('TLSv1.2'), PV], ok('TLSv1.2'));
    expect(judgeTls(p).status).toBe('pass');
    expect(tlsIds(p)).toEqual([]);
  });
});

describe('identity rules', () => {
  const challenge = (name: string, time: Date) => ({
    ok: true as const,
    tls: ok('TLSv1.3'),
    tsRequestVersion: 6,
    ms: 1,
    challenge: {
      targetName: name.toUpperCase(),
      flags: 0,
      serverChallenge: '00',
      netbiosComputer: name.toUpperCase(),
      netbiosDomain: 'CORP',
      dnsComputer: `${name}.corp.example`,
      dnsDomain: 'corp.example',
      dnsTree: null,
      timestamp: time,
      version: { major: 10, minor: 0, build: 20348, revision: 15 },
      avIds: [],
      warnings: [],
    },
  });
  const run = (target: string, name: string, time: Date): string[] => {
    const t = parseTarget(target);
    return ids(evidence([result('credssp.ntlm-info', judgeCredSsp(challenge(name, time), t, NOW))], { target }));
  };
  it('reports clock skew over 5 minutes only', () => {
    expect(run('server01', 'server01', new Date(NOW.getTime() + 301_000))).toEqual(['clock-skew']);
    expect(run('server01', 'server01', new Date(NOW.getTime() - 299_000))).toEqual([]);
  });
  it('reports a stale record when the name leads elsewhere, never for addresses', () => {
    expect(run('server01.corp.example', 'server07', NOW)).toEqual(['dns-stale-record']);
    expect(run('SERVER01.corp.example', 'server01', NOW)).toEqual([]);
    expect(run('10.0.0.5', 'server07', NOW)).toEqual([]);
  });
  it('puts skew, names, domain and OS build in the evidence', () => {
    const r = judgeCredSsp(challenge('server01', new Date(NOW.getTime() + 600_000)), parseTarget('server01'), NOW);
    expect(r.status).toBe('warn');
    expect(r.evidence).toMatchObject({ clockSkewSeconds: 600, osVersion: '10.0.20348', osBuild: 20348, netbiosDomain: 'CORP', nameMatchesTarget: true });
    expect(JSON.parse(JSON.stringify(r.evidence))).toEqual(r.evidence);
  });
});
