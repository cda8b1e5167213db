// Issue 4 acceptance: `RDP_DOCTOR_REPLAY=<machine> rdp-doctor diagnose <target> --json` gives the right
// client/host statuses and top finding for every recorded machine, through the real CLI process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startXrdp, stopAll, type LabXrdp } from '../../e2e/lab';
import { ReportSchema, type Report } from '../shared/schema';

const ROOT = resolve(__dirname, '..', '..');
let home: string;
let xrdp: LabXrdp;

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
const serious = (report: Report) => report.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity)).map((f) => f.id);

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-replay-'));
  xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
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
  });

  it('client-saved-creds-nla-off: saved credentials, the NLA-off file and the 2308 disconnects are all found', () => {
    const report = diagnose('client-saved-creds-nla-off', `127.0.0.1:${xrdp.port}`);
    expect(status(report, 'client.saved-credentials')).toBe('warn');
    expect(status(report, 'client.events')).not.toBe('pass');
    expect(report.findings.map((f) => f.id)).toContain('saved-credentials-stale');
    expect(report.findings[0]?.id).toBe('saved-credentials-stale');
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

  it('client-de-DE: the German recording parses and its VPN is found', () => {
    const report = diagnose('client-de-DE', `127.0.0.1:${xrdp.port}`);
    expect(['pass', 'warn', 'fail']).toContain(status(report, 'client.saved-credentials'));
    expect(report.findings.map((f) => f.id)).toContain('vpn-active');
    expect(serious(report)).toEqual([]);
  });

  it('host-expired-cert: the expired host certificate is the top finding', () => {
    const report = diagnose('host-expired-cert', 'RDP-HOST01');
    expect(status(report, 'server.certificate')).toBe('fail');
    expect(status(report, 'dns.resolve')).toBe('skip');
    expect(report.findings[0]?.id).toBe('server-certificate-expired');
  });

  it('host-nla-firewall-off: the firewall block is the top finding', () => {
    const report = diagnose('host-nla-firewall-off', 'localhost');
    expect(status(report, 'server.firewall')).toBe('fail');
    expect(report.findings[0]?.id).toBe('server-firewall-blocked');
  });
});
