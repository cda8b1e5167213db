// collect-host.ps1 run for real (pwsh) on a simulated host: its file holds what each host collector prints on that
// machine (the recording, byte for byte with 5.1's JSON escapes), and the CLI reads it back into the host's findings.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectHostScript } from '../../src-main/scripts/collect-host';
import { ReportSchema } from '../../src-main/shared/schema';
import { describeWithPwsh } from '../../src-main/test-support/pwsh';
import { HOST_COLLECTORS, parseHostEvidence } from '../../src-main/windows/host-evidence';
import { as51Json, machineFolders } from './machines';
import { SimulatedWindows } from './session';

const ROOT = resolve(__dirname, '..', '..');

describeWithPwsh('collect-host.ps1 on a simulated host', (pwsh) => {
  const sim = new SimulatedWindows(pwsh);
  const host = machineFolders().find((m) => m.name === 'host-expired-cert');
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
    if (host) await sim.load(host.name, host.state);
  }, 180_000);
  afterAll(() => sim.close());

  it('writes the recording of every host collector into one file, which diagnose --host-evidence turns into the host findings', async () => {
    expect(host).toBeDefined();
    if (!host) return;
    const run = await sim.run(host.name, collectHostScript(), {}, { elevated: true, timeoutMs: 120_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    const path = /written to (.+?) \(\d+ collectors, 0 failed\)/.exec(run.stdout)?.[1];
    expect(path, run.stdout).toBeDefined();
    const bytes = readFileSync(path ?? '');
    const evidence = parseHostEvidence(bytes, 'evidence.json');
    expect(evidence.computerName).toBe('RDP-HOST01');
    for (const name of HOST_COLLECTORS) {
      const entry = evidence.collectors[name];
      expect(entry && 'stdout' in entry ? `${as51Json(entry.stdout.trimEnd())}\n` : entry, name).toBe(readFileSync(join(host.dir, `${name}.out`), 'utf8'));
    }

    const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-collect-sim-'));
    const file = join(home, 'rdp-doctor-host-RDP-HOST01.json');
    copyFileSync(path ?? '', file);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rdp-doctor.cjs'), 'diagnose', '127.0.0.1:1', '--json', '--timeout', '1000', '--host-evidence', file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '' },
    });
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.checks.find((c) => c.id === 'server.certificate')?.status).toBe('fail');
    expect(report.findings.map((f) => f.id)).toContain('server-certificate-expired');
    expect(report.environment.hostEvidence?.computerName).toBe('RDP-HOST01');
  }, 240_000);
});
