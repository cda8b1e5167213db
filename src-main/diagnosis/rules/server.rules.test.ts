import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeTcp } from '../../checks/net-tcp.check';
import type { TcpAttempt } from '../../net/tcp';
import { isHealthy } from '../../shared/verdict';
import { CHECK_META } from '../../shared/catalog';
import type { CheckId, CheckStatus } from '../../shared/ids';
import type { CheckResult } from '../../shared/schema';
import { RECORDED_NOW, WINDOWS_FIXTURES, alteredResult, runServerChecks } from '../../checks/server-test-kit';
import type { ClientSettings } from '../../shared/target';
import { parseTarget } from '../../net/target';
import { createReplaySource } from '../../windows/replay-source';
import { diagnose } from '../index';
import type { Evidence } from '../types';
import { serverRules } from './server.rules';

function evidence(checks: Map<CheckId, CheckResult>, clientSettings: ClientSettings | null = null, target = '127.0.0.1'): Evidence {
  return { target: parseTarget(target), checks, errorHint: null, clientSettings, now: RECORDED_NOW };
}

async function recorded(machine: string, clientSettings: ClientSettings | null = null, target = '127.0.0.1', extra: CheckResult[] = []): Promise<Evidence> {
  const dir = machine.startsWith('/') ? machine : join(WINDOWS_FIXTURES, machine);
  const checks = await runServerChecks({ target, windows: createReplaySource(dir) });
  for (const r of extra) checks.set(r.id, r);
  return evidence(checks, clientSettings, target);
}

/** net.tcp as the check judges one connect to `port` that ended `kind` (refused: nothing listens; timeout: dropped). */
function connect(port: number, kind: TcpAttempt['kind']): CheckResult {
  const attempt: TcpAttempt = {
    address: '127.0.0.1',
    port,
    family: 4,
    kind,
    ms: kind === 'timeout' ? 5000 : 1,
    code: kind === 'refused' ? 'ECONNREFUSED' : kind === 'timeout' ? 'ETIMEDOUT' : null,
    message: kind,
  };
  const out = judgeTcp('127.0.0.1', port, [attempt], null);
  return { id: 'net.tcp', section: CHECK_META['net.tcp'].section, title: CHECK_META['net.tcp'].title, durationMs: 1, ...out };
}

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** host-custom-port as it was before the administrator added the rule for 3390: only the group's rules, for 3389. */
function withoutOwnRule(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-host-'));
  temps.push(dir);
  cpSync(join(WINDOWS_FIXTURES, 'host-custom-port'), dir, { recursive: true });
  const file = join(dir, 'server-firewall.out');
  const fw = JSON.parse(readFileSync(file, 'utf8')) as { otherRules: { displayName: string }[] };
  fw.otherRules = fw.otherRules.filter((r) => r.displayName !== 'RDPPORTLatest-TCP-In');
  writeFileSync(file, JSON.stringify(fw));
  return dir;
}

function result(id: CheckId, status: CheckStatus, ev: Record<string, unknown>): CheckResult {
  return { id, section: CHECK_META[id].section, title: CHECK_META[id].title, status, summary: '', durationMs: 0, evidence: ev };
}

// The rule tests change a recorded host's evidence in the fields they are about; the rest stays as the checks gave it.
let host: Map<CheckId, CheckResult>;
beforeAll(async () => {
  host = await runServerChecks({ windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-nla-firewall-off')) });
});
const altered = (id: CheckId, status: CheckStatus, patch: Record<string, unknown>): CheckResult => alteredResult(host, id, status, patch);

const drafts = (ev: Evidence) => serverRules.flatMap((r) => r(ev));

describe('recorded hosts rank the right cause first', () => {
  it('host-expired-cert → server-certificate-expired, key-inaccessible lower and contradicted', async () => {
    const findings = diagnose(await recorded('host-expired-cert'));
    expect(findings[0]?.id).toBe('server-certificate-expired');
    expect(findings[0]?.fixes).toEqual(['server.reset-machinekeys-acl', 'server.renew-certificate']);
    expect(findings[0]?.checks).toEqual(['server.certificate', 'server.events']);
    const key = findings.find((f) => f.id === 'server-certificate-key-inaccessible');
    expect(key?.confidence).toBeLessThan(findings[0]?.confidence ?? 0);
    expect(key?.contradictions.join(' ')).toMatch(/NETWORK SERVICE read/);
    expect(findings.map((f) => f.id)).not.toContain('server-firewall-blocked');
  });

  it('host-nla-firewall-off → server-firewall-blocked, alone', async () => {
    const findings = diagnose(await recorded('host-nla-firewall-off'));
    expect(findings.map((f) => f.id)).toEqual(['server-firewall-blocked']);
    expect(findings[0]).toMatchObject({ fixes: ['server.enable-firewall-rule'], severity: 'critical' });
    expect(findings[0]?.technical).toMatch(/@FirewallAPI\.dll,-28752.*Private/);
  });

  it('host-custom-port dialled on its port 3390: its own rule outside the group lets it in, nothing of medium or above', async () => {
    const ev = await recorded('host-custom-port', null, '127.0.0.1:3390');
    expect(ev.checks.get('server.firewall')).toMatchObject({ status: 'pass', summary: expect.stringContaining('RDPPORTLatest-TCP-In') });
    const findings = diagnose(ev);
    expect(isHealthy(findings)).toBe(true);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('host-custom-port dialled on 3389: the changed port explains the refusal, and the firewall is not blamed', async () => {
    const findings = diagnose(await recorded('host-custom-port', null, '127.0.0.1', [connect(3389, 'refused')]));
    expect(findings[0]).toMatchObject({ id: 'server-port-mismatch', severity: 'critical', checks: ['net.tcp', 'server.listener'] });
    expect(findings[0]?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(findings[0]?.explanation).toMatch(/port 3390.*port 3389, where nothing listens, so it is refused.*127\.0\.0\.1:3390/);
    expect(findings.map((f) => f.id)).not.toContain('server-firewall-blocked');
  });

  it('a changed port whose own rule is missing: a refusal still points at the port, a timeout at the firewall', async () => {
    const refused = diagnose(await recorded(withoutOwnRule(), null, '127.0.0.1', [connect(3389, 'refused')]));
    expect(refused[0]).toMatchObject({ id: 'server-port-mismatch', severity: 'critical' });
    const firewall = refused.find((f) => f.id === 'server-firewall-blocked');
    // Contradicted twice (other computers got in on 3390, and a firewall drops rather than refuses): medium, well below.
    expect(firewall).toMatchObject({ severity: 'medium', fixes: [] });
    expect(firewall?.contradictions).toEqual([
      expect.stringMatching(/^Other computers connected 2 time\(s\)/),
      expect.stringMatching(/was refused, which a blocking firewall does not do/),
    ]);
    expect(firewall?.confidence).toBeLessThan(0.5);

    // Dialled on the new port and dropped there: the missing rule is the cause, but other computers did connect in the
    // week, so it is not called critical.
    const dropped = diagnose(await recorded(withoutOwnRule(), null, '127.0.0.1:3390', [connect(3390, 'timeout')]));
    const blocked = dropped.find((f) => f.id === 'server-firewall-blocked');
    expect(blocked).toMatchObject({ severity: 'medium' });
    expect(blocked?.explanation).toMatch(/add a rule for TCP 3390/);
    expect(blocked?.technical).toMatch(/@FirewallAPI\.dll,-28752 \(enabled: RemoteDesktop-UserMode-In-TCP\).*covers port 3390 on profile Public/);
  });

  it('the firewall rules alone say high; what happened decides between critical and medium', async () => {
    const base = await recorded(withoutOwnRule(), null, '127.0.0.1:3390');
    const severityWith = (extra: CheckResult[], dropEvents = false): string | undefined => {
      const checks = new Map(base.checks);
      if (dropEvents) checks.delete('server.events');
      for (const r of extra) checks.set(r.id, r);
      return diagnose({ ...base, checks }).find((f) => f.id === 'server-firewall-blocked')?.severity;
    };
    expect(severityWith([], true)).toBe('high');
    expect(severityWith([connect(3390, 'timeout')], true)).toBe('critical');
    expect(severityWith([connect(3390, 'refused')], true)).toBe('medium');
    // Remote connections in the host's own log speak against a block (host-nla-firewall-off's log has none: critical).
    expect(severityWith([])).toBe('medium');
  });

  it('an NLA host with a .rdp that turns CredSSP off: the evidence feeds nla-required-client-disabled', async () => {
    const settings: ClientSettings = {
      enableCredSsp: false,
      authenticationLevel: 2,
      negotiateSecurityLayer: true,
      port: null,
      gateway: null,
      address: 'RDP-HOST02',
      fileName: 'office.rdp',
    };
    const ids = diagnose(await recorded('host-nla-firewall-off', settings)).map((f) => f.id);
    expect(ids).toContain('nla-required-client-disabled');
    expect(ids).toContain('server-firewall-blocked');
  });
});

describe('each server rule on its own evidence', () => {
  it('RDP turned off by policy', () => {
    const ev = evidence(
      new Map([['server.rdp-enabled', altered('server.rdp-enabled', 'fail', { isEnabled: false, fDenyTSConnections: { value: 1, source: 'policy', local: 0, policy: 1 } })]]),
    );
    const [d] = drafts(ev);
    expect(d).toMatchObject({ id: 'server-rdp-disabled', fixes: ['server.enable-rdp'] });
    expect(d?.explanation).toMatch(/group policy/);
  });

  it('TermService stopped hides the port findings', () => {
    const services = [{ name: 'TermService', present: true, state: 'Stopped', startMode: 'Disabled', processId: null, account: 'NT Authority\\NetworkService' }];
    const ev = evidence(
      new Map([
        ['server.listener', altered('server.listener', 'fail', { services, termServiceRunning: false, listeningOnConfiguredPort: false, configuredPort: 3389, targetPort: 3389 })],
      ]),
    );
    expect(drafts(ev).map((d) => d.id)).toEqual(['server-termservice-stopped']);
    expect(drafts(ev)[0]?.technical).toMatch(/Stopped.*Disabled/);
  });

  it('not listening, a squatter, a port not yet in effect, and a port other than the one dialled', () => {
    const listener = (e: Record<string, unknown>, target = '127.0.0.1') =>
      drafts(
        evidence(
          new Map([
            [
              'server.listener',
              altered('server.listener', 'fail', { termServiceRunning: true, configuredPort: 3389, termServicePid: 900, termServiceOtherPorts: [], squatter: null, ...e }),
            ],
          ]),
          null,
          target,
        ),
      );
    expect(listener({ listeningOnConfiguredPort: false }).map((d) => d.id)).toEqual(['server-port-not-listening']);
    expect(listener({ listeningOnConfiguredPort: true, squatter: { pid: 4242, name: 'nc' } })[0]?.explanation).toMatch(/nc/);
    expect(listener({ listeningOnConfiguredPort: false, configuredPort: 3390, termServiceOtherPorts: [3389] }).map((d) => d.id)).toEqual(['server-port-mismatch']);
    const moved = listener({ listeningOnConfiguredPort: true, configuredPort: 3390, targetPort: 3389 });
    expect(moved.map((d) => d.id)).toEqual(['server-port-mismatch']);
    expect(moved[0]?.explanation).toMatch(/127\.0\.0\.1:3390/);
    expect(listener({ listeningOnConfiguredPort: true, targetPort: 3389 })).toEqual([]);
    expect(listener({ listeningOnConfiguredPort: true, configuredPort: 3390, targetPort: 3389 }, '[::1]:3389')[0]?.explanation).toMatch(/\[::1\]:3390/);
  });

  it('TLS 1.2 off, stronger with Schannel 36871', () => {
    const tls = altered('server.tls-protocols', 'fail', { tls12On: false, anyTlsOn: false, protocols: [] });
    expect(drafts(evidence(new Map([['server.tls-protocols', tls]])))[0]).toMatchObject({ id: 'server-tls-disabled', confidence: 0.85, fixes: ['server.enable-tls12'] });
    const events = altered('server.events', 'fail', { summary: { credentialErrors: 4 } });
    const both = drafts(
      evidence(
        new Map([
          ['server.tls-protocols', tls],
          ['server.events', events],
        ]),
      ),
    );
    expect(both.find((d) => d.id === 'server-tls-disabled')).toMatchObject({ confidence: 0.95, checks: ['server.tls-protocols', 'server.events'] });
  });

  it('a dangling certificate thumbprint', () => {
    const ev = evidence(new Map([['server.certificate', altered('server.certificate', 'fail', { isHashDangling: true, danglingHash: 'AB'.repeat(20), isExpired: false })]]));
    expect(drafts(ev).map((d) => d.id)).toEqual(['server-certificate-hash-dangling']);
  });

  it('a key NETWORK SERVICE cannot read, agreeing with 36870 and 1057/1058', () => {
    const mk = altered('server.machinekeys', 'fail', { folder: { deviations: [] }, key: { keyFile: 'C:\\k', networkServiceCanRead: false } });
    const events = altered('server.events', 'fail', { summary: { keyAccessErrors: 2, certificateRenewalFailures: 1 } });
    const [d] = drafts(
      evidence(
        new Map([
          ['server.machinekeys', mk],
          ['server.events', events],
        ]),
      ),
    );
    expect(d).toMatchObject({
      id: 'server-certificate-key-inaccessible',
      confidence: 0.95,
      checks: ['server.machinekeys', 'server.events'],
      fixes: ['server.repair-key-permissions'],
    });
  });

  it('a full host, and skipped or failed checks say nothing', () => {
    const cap = altered('server.capacity', 'fail', { isFull: true, remoteSessions: 2, sessionLimit: 2, limitBasis: 'Remote Desktop for Administration: two remote sessions' });
    expect(drafts(evidence(new Map([['server.capacity', cap]])))[0]?.id).toBe('server-out-of-resources');
    const skipped = new Map<CheckId, CheckResult>([
      ['server.firewall', result('server.firewall', 'skip', { verdict: { isBlocked: true } })],
      ['server.rdp-enabled', result('server.rdp-enabled', 'error', { isEnabled: false })],
    ]);
    expect(drafts(evidence(skipped))).toEqual([]);
  });
});
