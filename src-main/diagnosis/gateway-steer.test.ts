import { describe, expect, it } from 'vitest';
import { diagnose } from './index';
import { isInternalName } from './ranking-steer';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import type { ClientSettings } from '../shared/target';
import type { Evidence } from './types';
import { judgeGateway } from '../checks/gateway-probe.check';
import { judgeResolution } from '../checks/dns-resolve.check';
import { judgeTcp } from '../checks/net-tcp.check';
import type { GatewayProbeResult } from '../net/gateway';
import type { TcpAttempt } from '../net/tcp';

const NOW = new Date('2026-11-22T03:00:00Z');

function result(id: CheckId, status: CheckResult['status'], evidence: object): CheckResult {
  return { id, section: CHECK_META[id].section, title: CHECK_META[id].title, status, summary: '', durationMs: 5, evidence: { ...evidence } };
}

function evidence(host: string, checks: CheckResult[], settings: Partial<ClientSettings> | null = null): Evidence {
  const clientSettings: ClientSettings | null = settings
    ? { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, gateway: null, address: host, fileName: 'work.rdp', ...settings }
    : null;
  return {
    target: { input: host, host, port: 3389, isAddress: /^\d/.test(host) },
    checks: new Map(checks.map((c) => [c.id, c])),
    errorHint: null,
    clientSettings,
    now: NOW,
  };
}

const attempt = (kind: TcpAttempt['kind']): TcpAttempt => ({ address: '10.20.0.5', port: 3389, family: 4, kind, ms: 5, code: null, message: kind });
const tcpTimeout = result('net.tcp', 'fail', judgeTcp('srv01.corp', 3389, [attempt('timeout')], null).evidence);
const tcpRefused = result('net.tcp', 'fail', judgeTcp('srv01.corp', 3389, [attempt('refused')], null).evidence);
const tcpSlow = result(
  'net.tcp',
  'warn',
  judgeTcp('srv01.corp', 3389, [attempt('open')], {
    address: '10.20.0.5',
    port: 3389,
    attempts: 5,
    answered: 2,
    lossRatio: 0.6,
    medianMs: 1400,
    maxMs: 2500,
    minMs: 1300,
    samplesMs: [1300, null, 1400, null, null],
    budgetMs: 5000,
  }).evidence,
);
const nx = { kind: 'nxdomain' as const, code: 'ENOTFOUND', message: 'not found' };
const dnsFail = result(
  'dns.resolve',
  'fail',
  judgeResolution({
    host: 'fileserver',
    isAddress: false,
    system: { ok: false, addresses: [], ms: 3, error: nx },
    directA: null,
    directAaaa: null,
    dnsServers: [],
    addresses: [],
    reserved: null,
  }).evidence,
);
const probe: GatewayProbeResult = {
  host: 'rdg.example.com',
  port: 443,
  ok: true,
  reachedStage: 'done',
  failure: null,
  connect: null,
  tls: { version: 'TLSv1.3', cipher: 'x', authorized: true, authorizationError: null, ms: 5 },
  chain: [],
  certificate: null,
  http: { statusCode: 401, statusText: 'Unauthorized', httpVersion: '1.1', server: null, authSchemes: ['NTLM'], headers: {}, ms: 3 },
  answer: 'auth-required',
  answerText: 'ok',
  rawPreview: null,
  totalMs: 9,
};
const gatewayDown = result(
  'gateway.probe',
  'fail',
  judgeGateway('rdg.example.com', 'option', {
    ...probe,
    ok: false,
    reachedStage: 'connect',
    failure: { stage: 'connect', kind: 'timeout', code: null, message: 'no answer in 5000 ms' },
    tls: null,
    http: null,
    answer: null,
  }).evidence,
);
const gatewayFine = result('gateway.probe', 'pass', judgeGateway('rdg.example.com', 'rdp-file', probe).evidence);

describe('gateway steering: direct-path failures are expected when the client goes through an RD Gateway', () => {
  it('without a gateway, an unreachable port leads (the control case)', () => {
    const out = diagnose(evidence('srv01.corp', [tcpTimeout]));
    expect(out[0]?.id).toBe('port-unreachable');
    expect(out[0]?.severity).toBe('critical');
    expect(out[0]?.explanation).not.toMatch(/gateway/i);
  });

  it.each([
    ['port-unreachable', tcpTimeout],
    ['port-refused', tcpRefused],
  ] as const)('--gateway: %s is lowered below gateway-unreachable and says why', (id, tcp) => {
    const plain = diagnose(evidence('srv01.corp', [tcp])).find((f) => f.id === id)!;
    const out = diagnose(evidence('srv01.corp', [tcp, gatewayDown]));
    expect(out[0]?.id).toBe('gateway-unreachable');
    const direct = out.find((f) => f.id === id)!;
    expect(out.indexOf(direct)).toBeGreaterThan(0);
    expect(direct.confidence).toBeLessThan(plain.confidence);
    expect(direct.severity).toBe('info');
    expect(direct.explanation).toContain('You connect through the Remote Desktop Gateway rdg.example.com');
    expect(direct.explanation).toMatch(/cannot reach srv01\.corp directly, which is expected/);
    expect(direct.contradictions.join(' ')).toMatch(/gateway rdg\.example\.com/);
  });

  it('a gateway from the .rdp file steers too, and an unresolvable internal name does not lead', () => {
    const settings = { gateway: 'rdg.example.com' };
    const out = diagnose(evidence('fileserver', [dnsFail, gatewayFine], settings));
    const dns = out.find((f) => f.id === 'dns-unresolvable')!;
    expect(dns.severity).toBe('info');
    expect(dns.explanation).toMatch(/cannot look up "fileserver", which is expected/);
    // Without the probe's result, the .rdp file's gateway alone is enough.
    const fileOnly = diagnose(evidence('fileserver', [dnsFail], settings)).find((f) => f.id === 'dns-unresolvable')!;
    expect(fileOnly.severity).toBe('info');
  });

  it('an unresolvable public name keeps its weight: the gateway cannot look up a typo either', () => {
    const out = diagnose(evidence('srv01.exmaple.com', [dnsFail, gatewayFine]));
    expect(out[0]?.id).toBe('dns-unresolvable');
    expect(out[0]?.severity).toBe('critical');
  });

  it('latency and loss of the direct path are lowered with a gateway', () => {
    const plain = diagnose(evidence('srv01.corp', [tcpSlow]));
    const steered = diagnose(evidence('srv01.corp', [tcpSlow, gatewayFine]));
    for (const id of ['high-latency', 'packet-loss'] as const) {
      const before = plain.find((f) => f.id === id)!;
      const after = steered.find((f) => f.id === id)!;
      expect(before.severity).toBe('medium');
      expect(after.severity).toBe('info');
      expect(after.confidence).toBeLessThan(before.confidence);
      expect(after.explanation).toMatch(/poor direct path to srv01\.corp, which is expected/);
    }
  });

  it('a gateway that is not used (gatewayusagemethod 0/4 gives no gateway) changes nothing', () => {
    const out = diagnose(evidence('srv01.corp', [tcpTimeout, result('gateway.probe', 'skip', { gateway: null })], { gateway: null }));
    expect(out[0]?.id).toBe('port-unreachable');
    expect(out[0]?.severity).toBe('critical');
  });

  it.each([
    ['fileserver', true],
    ['srv01.corp', true],
    ['pc.home.arpa', true],
    ['dc1.ad.internal', true],
    ['host.local.', true],
    ['rdp.example.com', false],
    ['srv.corp.example', false],
    ['localhost.evil.com', false],
  ])('isInternalName(%s) = %s', (name, internal) => {
    expect(isInternalName(name)).toBe(internal);
  });
});
