// `RDP_DOCTOR_REPLAY=<machine> rdp-doctor diagnose <target> --json` gives the right
// client/host statuses and top finding for every recorded machine, through the real CLI process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startShadow, startXrdp, stopAll, type LabShadow, type LabXrdp } from '../../e2e/lab';
import { ReportSchema, type CheckResult, type Report } from '../shared/schema';
import { CLIENT_CHECK_IDS, SERVER_CHECK_IDS, type CheckId } from '../shared/ids';
import { CHECKS } from '../checks/registry';
import { makeTestContext } from '../checks/test-context';
import { CHECK_META } from '../shared/catalog';
import { parseTarget } from '../net/target';
import { createReplaySource } from '../windows/replay-source';
import { diagnose as diagnoseEvidence } from '../diagnosis';

const ROOT = resolve(__dirname, '..', '..');
let home: string;
let xrdp: LabXrdp;
let shadow: LabShadow;

function diagnose(machine: string, target: string): Report {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rdp-doctor.cjs'), 'diagnose', target, '--json', '--timeout', '2000'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: join(ROOT, 'e2e', 'fixtures', 'windows', machine) },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return ReportSchema.parse(JSON.parse(r.stdout));
}

const status = (report: Report, id: string) => report.checks.find((c) => c.id === id)?.status;
/** Every client and host check's status: the whole Windows side of the report, not a sample of it. */
const windowsStatuses = (report: Report) => Object.fromEntries(report.checks.filter((c) => /^(client|server)\./.test(c.id)).map((c) => [c.id, c.status]));
const ALL_SERVER_SKIPPED = Object.fromEntries(SERVER_CHECK_IDS.map((id) => [id, 'skip']));
const ALL_CLIENT_SKIPPED = Object.fromEntries(CLIENT_CHECK_IDS.map((id) => [id, 'skip']));
const serious = (report: Report) => report.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity)).map((f) => f.id);

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-replay-'));
  xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
  shadow = await startShadow();
}, 180_000);

afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

describe('recorded Windows machines through the CLI', () => {
  it('healthy-client: client checks pass and nothing serious is found', () => {
    const report = diagnose('healthy-client', `127.0.0.1:${xrdp.port}`);
    expect(report.environment.replay).toContain('healthy-client');
    expect(status(report, 'client.saved-credentials')).toBe('pass');
    expect(status(report, 'server.listener')).toBe('skip');
    expect(serious(report)).toEqual([]);
    // No attempt to 127.0.0.1 in its log; its route was recorded for rdp-lab.example, so nothing is claimed.
    expect(windowsStatuses(report)).toEqual({
      'client.versions': 'pass',
      'client.saved-credentials': 'pass',
      'client.rdp-files': 'pass',
      'client.policy': 'pass',
      'client.events': 'skip',
      'client.cache': 'pass',
      'client.vpn': 'skip',
      'client.security-software': 'pass',
      'client.updates': 'pass',
      ...ALL_SERVER_SKIPPED,
    });
  });

  it('client-saved-creds-nla-off: saved credentials, the NLA-off file and the 2308 disconnects are all found', () => {
    const report = diagnose('client-saved-creds-nla-off', `127.0.0.1:${xrdp.port}`);
    expect(status(report, 'client.saved-credentials')).toBe('warn');
    expect(status(report, 'client.events')).not.toBe('pass');
    // 2308 is a socket closed, not a refused sign-in: without a logon refusal the saved password is not called stale,
    // and against this healthy xrdp nothing else reaches medium.
    expect(report.findings.map((f) => f.id)).not.toContain('saved-credentials-stale');
    expect(serious(report)).toEqual([]);
    expect(windowsStatuses(report)).toEqual({
      'client.versions': 'pass',
      'client.saved-credentials': 'warn',
      'client.rdp-files': 'warn',
      'client.policy': 'pass',
      'client.events': 'fail',
      'client.cache': 'warn',
      'client.vpn': 'pass',
      'client.security-software': 'warn',
      'client.updates': 'warn',
      ...ALL_SERVER_SKIPPED,
    });
    // xrdp here does not require NLA, so the NLA-off files alone are no nla-required-client-disabled.
    expect(report.findings.map((f) => f.id)).not.toContain('nla-required-client-disabled');
  });

  it('client-saved-creds-nla-off against freerdp-shadow (NLA required): its saved .rdp with CredSSP off is the top finding', () => {
    const report = diagnose('client-saved-creds-nla-off', `127.0.0.1:${shadow.port}`);
    const top = report.findings[0];
    expect(top?.id).toBe('nla-required-client-disabled');
    expect(top?.evidence).toMatchObject({ file: 'lab (old).rdp', path: 'C:\\Users\\bob\\Desktop\\lab (old).rdp', fileSource: 'saved', enableCredSsp: false });
    expect(top?.explanation).toContain('lab (old).rdp');
    expect(top?.checks).toEqual(['rdp.negotiation', 'client.rdp-files']);
  });

  it('client 1026/2308 disconnects plus an expired server certificate put the certificate first, with more confidence', async () => {
    const expired = await startXrdp({ securityLayer: 'tls', cert: 'expired' });
    const withEvents = diagnose('client-saved-creds-nla-off', `127.0.0.1:${expired.port}`);
    const without = diagnose('healthy-client', `127.0.0.1:${expired.port}`);
    await expired.stop();
    expect(withEvents.findings[0]?.id).toBe('certificate-expired');
    const conf = (r: Report) => r.findings.find((f) => f.id === 'certificate-expired')?.confidence ?? 0;
    expect(conf(withEvents)).toBeGreaterThan(conf(without));
  });

  it('client-de-DE against rdp-lab.example: German saved credentials match and its recorded VPN route is found', () => {
    const report = diagnose('client-de-DE', 'rdp-lab.example');
    // The saved password signed in on the last attempt (a UDP drop and a 2308 came after the logon): it works.
    expect(windowsStatuses(report)).toEqual({
      'client.versions': 'pass',
      'client.saved-credentials': 'pass',
      'client.rdp-files': 'pass',
      'client.policy': 'pass',
      'client.events': 'warn',
      'client.cache': 'pass',
      'client.vpn': 'warn',
      'client.security-software': 'warn',
      'client.updates': 'warn',
      ...ALL_SERVER_SKIPPED,
    });
    const creds = report.checks.find((c) => c.id === 'client.saved-credentials');
    expect(creds?.evidence['matched']).toMatchObject([
      { target: 'TERMSRV/rdp-lab.example', type: 'Domänenkennwort', user: 'LAB\\anna' },
      { target: 'TERMSRV/*.example', type: 'Generisch', user: 'LAB\\anna.admin' },
    ]);
    expect(report.checks.find((c) => c.id === 'client.vpn')?.summary).toMatch(
      /^Traffic to rdp-lab\.example goes through the VPN \(Ethernet 3: Fortinet SSL VPN Virtual Ethernet Adapter\)/,
    );
    const ids = report.findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['vpn-active', 'client-udp-unstable']));
    expect(ids).not.toContain('saved-credentials-stale');
  });

  it('client-de-DE-stale-password: the German saved password refused at logon (2055 twice, then 2308) is found, high', () => {
    const report = diagnose('client-de-DE-stale-password', 'rdp-lab.example');
    expect(windowsStatuses(report)).toMatchObject({ 'client.saved-credentials': 'warn', 'client.events': 'fail', 'client.policy': 'pass' });
    expect(report.checks.find((c) => c.id === 'client.events')?.summary).toContain('2 earlier attempts were refused at logon (reason 2055 (0x807');
    // The lab cannot resolve rdp-lab.example, so the network half names that first; the Windows half names the password.
    expect(serious(report)).toEqual(['dns-unresolvable', 'saved-credentials-stale']);
    expect(report.findings.find((f) => f.id === 'saved-credentials-stale')).toMatchObject({
      severity: 'high',
      confidence: 0.8,
      checks: ['client.saved-credentials', 'client.events'],
    });
  });

  it('client-saved-creds-working: saved credentials that sign in are no finding, nothing of medium or above from the Windows half', () => {
    const report = diagnose('client-saved-creds-working', 'rdp-lab.example');
    expect(windowsStatuses(report)).toEqual({
      'client.versions': 'pass',
      'client.saved-credentials': 'pass',
      'client.rdp-files': 'pass',
      'client.policy': 'pass',
      'client.events': 'warn',
      'client.cache': 'pass',
      'client.vpn': 'pass',
      'client.security-software': 'pass',
      'client.updates': 'pass',
      ...ALL_SERVER_SKIPPED,
    });
    expect(report.checks.find((c) => c.id === 'client.saved-credentials')?.summary).toBe(
      '1 saved credential for TERMSRV/rdp-lab.example (user LAB\\dave); it signed in on 2026-11-22.',
    );
    // Only the lab's unresolvable name; no credential finding at any severity.
    expect(serious(report)).toEqual(['dns-unresolvable']);
    expect(report.findings.map((f) => f.id).filter((id) => /credential|logon/.test(id))).toEqual([]);
  });

  it('client-de-DE against 127.0.0.1: the route recorded for rdp-lab.example is not claimed for another target', () => {
    const report = diagnose('client-de-DE', `127.0.0.1:${xrdp.port}`);
    const vpn = report.checks.find((c) => c.id === 'client.vpn');
    expect(vpn?.status).toBe('skip');
    expect(vpn?.summary).toContain('The recorded route is for rdp-lab.example, not 127.0.0.1');
    expect(report.findings.map((f) => f.id)).not.toContain('vpn-active');
    expect(serious(report)).toEqual([]);
  });

  it('host-expired-cert: the expired host certificate is the top finding', () => {
    const report = diagnose('host-expired-cert', 'RDP-HOST01');
    expect(status(report, 'server.certificate')).toBe('fail');
    expect(status(report, 'dns.resolve')).toBe('skip');
    expect(report.findings[0]?.id).toBe('server-certificate-expired');
    expect(windowsStatuses(report)).toEqual({
      ...ALL_CLIENT_SKIPPED,
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
  });

  it('host-nla-firewall-off: the firewall block is the top finding', () => {
    const report = diagnose('host-nla-firewall-off', 'localhost');
    expect(status(report, 'server.firewall')).toBe('fail');
    expect(report.findings[0]?.id).toBe('server-firewall-blocked');
    expect(windowsStatuses(report)).toEqual({
      ...ALL_CLIENT_SKIPPED,
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
  });
});

/** Runs `ids` against a recorded machine with the real checks and parsers, as the engine would. */
async function recordedChecks(machine: string, target: string, ids: readonly CheckId[], now: Date): Promise<CheckResult[]> {
  const windows = createReplaySource(join(ROOT, 'e2e', 'fixtures', 'windows', machine));
  const ctx = makeTestContext({ target, windows, now: () => now });
  const out: CheckResult[] = [];
  for (const id of ids) out.push({ id, section: CHECK_META[id].section, title: CHECK_META[id].title, durationMs: 0, ...(await CHECKS[id].run(ctx)) });
  return out;
}

describe('a client recording and the host recording behind it, judged together', () => {
  // Years after the recordings: the host's evidence is judged as of its recordedAt, so the verdict holds.
  const LATER = new Date('2040-01-01T00:00:00Z');

  it("client 1026 reason 2308 plus the host's expired certificate put server-certificate-expired first, resting on both", async () => {
    const client = await recordedChecks('client-saved-creds-nla-off', '127.0.0.1', CLIENT_CHECK_IDS, LATER);
    const host = await recordedChecks('host-expired-cert', '127.0.0.1', SERVER_CHECK_IDS, LATER);
    expect(client.find((c) => c.id === 'client.events')?.evidence['disconnectReasons']).toEqual([2308, 2308]);
    expect(host.find((c) => c.id === 'server.certificate')).toMatchObject({ status: 'fail', evidence: { isExpired: true } });
    const judge = (checks: CheckResult[]) =>
      diagnoseEvidence({ target: parseTarget('127.0.0.1'), checks: new Map(checks.map((c) => [c.id, c])), errorHint: null, clientSettings: null, now: LATER });
    const together = judge([...client, ...host]);
    expect(together[0]?.id).toBe('server-certificate-expired');
    expect(together[0]?.checks).toEqual(expect.arrayContaining(['client.events', 'server.certificate']));
    // Without the client's disconnects the host's finding still stands, but rests on the host's checks alone.
    expect(judge(host).find((f) => f.id === 'server-certificate-expired')?.checks).not.toContain('client.events');
  });
});
