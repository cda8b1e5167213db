import { describe, expect, it } from 'vitest';
import { diagnose } from './index';
import { isInternalName } from './ranking-steer';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import type { ClientSettings } from '../shared/target';
import type { Evidence } from './types';

const NOW = new Date('2026-11-22T03:00:00Z');

function result(id: CheckId, status: CheckResult['status'], evidence: Record<string, unknown>): CheckResult {
  return { id, section: CHECK_META[id].section, title: CHECK_META[id].title, status, summary: '', durationMs: 5, evidence };
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

const tcpTimeout = result('net.tcp', 'fail', { verdict: 'timeout', port: 3389, timedOut: ['10.20.0.5'], open: [], refused: [], unreachable: [] });
const tcpRefused = result('net.tcp', 'fail', { verdict: 'refused', port: 3389, timedOut: [], open: [], refused: ['10.20.0.5'], unreachable: [] });
const tcpSlow = result('net.tcp', 'warn', { verdict: 'open', port: 3389, open: ['10.20.0.5'], refused: [], timedOut: [], unreachable: [], highLatency: true, packetLoss: true, lossRatio: 0.6, medianMs: 1400, maxMs: 2500, sampleAttempts: 5 });
const dnsFail = result('dns.resolve', 'fail', { failure: { kind: 'nxdomain', code: 'ENOTFOUND', message: 'not found' }, addresses: [] });
const gatewayDown = result('gateway.probe', 'fail', {
  gateway: 'rdg.example.com', source: 'option', host: 'rdg.example.com', port: 443, ok: false, reachedStage: 'connect',
  failure: { stage: 'connect', kind: 'timeout', message: 'no answer in 5000 ms' },
});
const gatewayFine = result('gateway.probe', 'pass', {
  gateway: 'rdg.example.com', source: 'rdp-file', host: 'rdg.example.com', port: 443, ok: true, reachedStage: 'http', failure: null,
  answer: 'rd-gateway', http: { statusCode: 401, authSchemes: ['NTLM'] }, tls: { authorized: true, authorizationError: null },
});

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
    ['fileserver', true], ['srv01.corp', true], ['pc.home.arpa', true], ['dc1.ad.internal', true], ['host.local.', true],
    ['rdp.example.com', false], ['srv.corp.example', false], ['localhost.evil.com', false],
  ])('isInternalName(%s) = %s', (name, internal) => {
    expect(isInternalName(name)).toBe(internal);
  });
});
