import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_EVIDENCE, NotRunEvidenceSchema } from '../shared/evidence';
import { SERVER_CHECK_IDS, type CheckStatus } from '../shared/ids';
import { createReplaySource } from '../windows/replay-source';
import type { WindowsSource } from '../windows/source';
import { CHECKS } from './registry';
import { HOST_ONLY, NEEDS_WINDOWS, hostSkipReason } from './server-host';
import { WINDOWS_FIXTURES, runServerChecks } from './server-test-kit';
import { contractEvidence, makeTestContext } from './test-context';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A writable copy of a recorded machine, for recordings of failures. */
function copyMachine(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-host-'));
  temps.push(dir);
  cpSync(join(WINDOWS_FIXTURES, name), dir, { recursive: true });
  return dir;
}

const statuses = (m: Map<string, { status: CheckStatus }>) => Object.fromEntries([...m].map(([id, r]) => [id, r.status]));

describe('server checks on recorded hosts', () => {
  it('host-expired-cert: certificate fails, events fail, MachineKeys warns, the rest pass', async () => {
    const results = await runServerChecks({ windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-expired-cert')) });
    expect(statuses(results)).toEqual({
      'server.rdp-enabled': 'pass',
      'server.listener': 'pass',
      'server.security-layer': 'pass',
      'server.certificate': 'fail',
      'server.machinekeys': 'warn',
      'server.firewall': 'pass',
      'server.tls-protocols': 'pass',
      'server.events': 'fail',
      'server.capacity': 'pass',
    });
    const cert = results.get('server.certificate');
    expect(cert?.summary).toMatch(/expired on 2026-08-05/);
    expect(cert?.evidence).toMatchObject({ isExpired: true, inUse: '4F3A9C1D2E7B8A6F5C0D1E2F3A4B5C6D7E8F9A0B', inUseBasis: 'wmi-hash' });
    expect(results.get('server.events')?.summary).toMatch(/36870.*1057\/1058/);
    expect(JSON.parse(JSON.stringify([...results.values()]))).toEqual([...results.values()]);
  });

  it('host-nla-firewall-off: firewall fails, NLA required with TLS set by policy', async () => {
    const results = await runServerChecks({ windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-nla-firewall-off')) });
    expect(statuses(results)).toEqual({
      'server.rdp-enabled': 'pass',
      'server.listener': 'pass',
      'server.security-layer': 'pass',
      'server.certificate': 'pass',
      'server.machinekeys': 'pass',
      'server.firewall': 'fail',
      'server.tls-protocols': 'pass',
      'server.events': 'pass',
      'server.capacity': 'pass',
    });
    expect(results.get('server.capacity')).toMatchObject({ evidence: { remoteSessions: 1, disconnectedSessions: 1, sessionLimit: 1, isFull: false } });
    expect(results.get('server.capacity')?.summary).toContain('1 remote session of 1 (1 disconnected)');
    expect(results.get('server.security-layer')?.evidence).toMatchObject({
      isNlaRequired: true,
      securityLayer: { value: 2, source: 'policy', local: 1, policy: 2, wmi: 2, name: 'TLS' },
    });
    expect(results.get('server.firewall')?.summary).toMatch(/Private.*disabled/);
  });

  it('a server whose two sessions are disconnected is full', async () => {
    const dir = copyMachine('host-expired-cert');
    const file = join(dir, 'server-capacity.out');
    const o = JSON.parse(readFileSync(file, 'utf8')) as { sessions: string[] };
    o.sessions.splice(
      3,
      0,
      '                   jkoch                     2  Disc                        ',
      '                   administrator             3  Disc                        ',
    );
    writeFileSync(file, JSON.stringify(o));
    const results = await runServerChecks({ windows: createReplaySource(dir) });
    expect(results.get('server.capacity')).toMatchObject({
      status: 'fail',
      evidence: { remoteSessions: 2, connectedSessions: 0, disconnectedSessions: 2, sessionLimit: 2, isFull: true },
    });
    expect(results.get('server.capacity')?.summary).toContain('2 remote sessions of 2 (2 disconnected)');
  });

  it('fails the security layer when this connection turns CredSSP off against an NLA host', async () => {
    const results = await runServerChecks({
      windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-nla-firewall-off')),
      options: {
        clientSettings: { enableCredSsp: false, authenticationLevel: 2, negotiateSecurityLayer: true, port: null, gateway: null, address: 'RDP-HOST02', fileName: 'office.rdp' },
      },
    });
    expect(results.get('server.security-layer')).toMatchObject({ status: 'fail', evidence: { clientCredSspOff: true } });
  });

  it('compares the configured port with the port being dialled', async () => {
    const results = await runServerChecks({ target: '127.0.0.1:3390', windows: createReplaySource(join(WINDOWS_FIXTURES, 'host-expired-cert')) });
    expect(results.get('server.listener')).toMatchObject({ status: 'warn', evidence: { configuredPort: 3389, targetPort: 3390 } });
  });
});

describe('every host recording keeps the evidence contract', () => {
  const hosts = readdirSync(WINDOWS_FIXTURES).filter((d) => d.startsWith('host-'));
  it.each(hosts)('%s: each check names every field it writes, or reports flat facts when it did not run', async (machine) => {
    const results = await runServerChecks({ windows: createReplaySource(join(WINDOWS_FIXTURES, machine)) });
    for (const r of results.values()) {
      if (r.status === 'error' || r.status === 'skip') expect(NotRunEvidenceSchema.safeParse(r.evidence).success || CHECK_EVIDENCE[r.id].safeParse(r.evidence).success).toBe(true);
      else contractEvidence(r.id, r);
    }
  });
});

describe('recorded states after a fix', () => {
  it('renewing the certificate and resetting MachineKeys turn both checks green', async () => {
    const source = createReplaySource(join(WINDOWS_FIXTURES, 'host-expired-cert'));
    source.setFixApplied('server.reset-machinekeys-acl', true);
    source.setFixApplied('server.renew-certificate', true);
    const results = await runServerChecks({ windows: source });
    expect(results.get('server.certificate')).toMatchObject({ status: 'pass', evidence: { inUse: '7D0E52B3A9C4F1186E2D03B5C7A9E1F4D2B68C30', isExpired: false } });
    expect(results.get('server.machinekeys')?.status).toBe('pass');
  });
  it('enabling the firewall rule opens the Private profile', async () => {
    const source = createReplaySource(join(WINDOWS_FIXTURES, 'host-nla-firewall-off'));
    source.setFixApplied('server.enable-firewall-rule', true);
    const results = await runServerChecks({ windows: source });
    expect(results.get('server.firewall')).toMatchObject({ status: 'pass', evidence: { verdict: { isBlocked: false, enabledTcpRules: ['RemoteDesktop-UserMode-In-TCP'] } } });
  });
});

describe('collector failures become error, never a crash', () => {
  it('a recorded access-denied failure', async () => {
    const dir = copyMachine('host-nla-firewall-off');
    writeFileSync(join(dir, 'server-firewall.err'), 'access-denied: Access is denied.');
    const results = await runServerChecks({ windows: createReplaySource(dir) });
    expect(results.get('server.firewall')).toMatchObject({ status: 'error', evidence: { kind: 'access-denied', collector: 'server-firewall' } });
    expect(results.get('server.firewall')?.summary).toMatch(/needs more rights/);
    expect(results.get('server.rdp-enabled')?.status).toBe('pass');
  });
  it('garbage output, and a collector with no recording', async () => {
    const dir = copyMachine('host-expired-cert');
    writeFileSync(join(dir, 'server-certificate.out'), 'Get-ChildItem : Cannot find path\r\n');
    unlinkSync(join(dir, 'server-events.out'));
    const results = await runServerChecks({ windows: createReplaySource(dir) });
    expect(results.get('server.certificate')).toMatchObject({ status: 'error', evidence: { kind: 'not-json' } });
    expect(results.get('server.certificate')?.summary).toMatch(/server-certificate.*not JSON/);
    expect(results.get('server.machinekeys')?.status).toBe('error');
    expect(results.get('server.events')).toMatchObject({ status: 'error', evidence: { kind: 'not-recorded' } });
  });
  it('not elevated: the key opens nowhere and its ACL is unreadable, so MachineKeys asks for administrator rights', async () => {
    const dir = copyMachine('host-nla-firewall-off');
    const cert = JSON.parse(readFileSync(join(dir, 'server-certificate.out'), 'utf8')) as { isElevated: boolean; certificates: Record<string, unknown>[] };
    cert.isElevated = false;
    Object.assign(cert.certificates[0] ?? {}, {
      keyProvider: 'guessed',
      keyOpenError: 'Keyset does not exist',
      keyAcl: null,
      keyAclError: 'Attempted to perform an unauthorized operation.',
    });
    writeFileSync(join(dir, 'server-certificate.out'), JSON.stringify(cert));
    const results = await runServerChecks({ windows: createReplaySource(dir) });
    expect(results.get('server.machinekeys')).toMatchObject({ status: 'warn', evidence: { isElevated: false, key: { networkServiceCanRead: null } } });
    expect(results.get('server.machinekeys')?.summary).toMatch(/administrator/);
    expect(results.get('server.certificate')?.status).toBe('pass');
  });
  it('optional collectors only add detail: without WMI the security layer comes from the registry', async () => {
    const dir = copyMachine('host-nla-firewall-off');
    writeFileSync(join(dir, 'server-ts-setting.err'), '{"kind":"missing-cmdlet","message":"Invalid namespace"}');
    const results = await runServerChecks({ windows: createReplaySource(dir) });
    expect(results.get('server.security-layer')).toMatchObject({ status: 'pass', evidence: { wmiAvailable: false, securityLayer: { value: 2, wmi: null } } });
  });
});

describe('host gate', () => {
  const live = (calls: string[]): WindowsSource => ({
    origin: 'powershell',
    replayDir: null,
    machineRole: 'unknown',
    collect: async (name) => {
      calls.push(name);
      return createReplaySource(join(WINDOWS_FIXTURES, 'host-expired-cert')).collect(name, {}, new AbortController().signal);
    },
  });

  it('skips without Windows, and on a recorded client', async () => {
    for (const id of SERVER_CHECK_IDS) {
      const out = await CHECKS[id].run(makeTestContext({ windows: null }));
      expect(out).toMatchObject({ status: 'skip', summary: `${NEEDS_WINDOWS}.` });
    }
    const dir = copyMachine('host-expired-cert');
    writeFileSync(join(dir, 'machine.json'), JSON.stringify({ role: 'client', computerName: 'PC01', os: 'Windows 11', language: 'en-US', description: 'client' }));
    const out = await CHECKS['server.certificate'].run(makeTestContext({ windows: createReplaySource(dir) }));
    expect(out).toMatchObject({ status: 'skip', summary: `${HOST_ONLY}.` });
  });

  it('runs live PowerShell only when the target is this computer, reading each collector once', async () => {
    const calls: string[] = [];
    const remote = makeTestContext({ target: 'rdp-host01.corp.example.com', windows: live(calls) });
    expect(hostSkipReason(remote, { name: 'my-laptop', addresses: ['10.0.0.7'] })).toBe(HOST_ONLY);
    expect(hostSkipReason(remote, { name: 'RDP-HOST01', addresses: [] })).toBeNull();
    const results = await runServerChecks({ target: 'localhost', windows: live(calls) });
    expect(results.get('server.certificate')?.status).toBe('fail');
    expect(calls.filter((c) => c === 'server-certificate')).toHaveLength(1);
    expect(calls.filter((c) => c === 'server-rdp-registry')).toHaveLength(1);
  });
});
