// collect-host.ps1 as exported, run by a real PowerShell: it writes one file the app reads back as host evidence.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeWithPwsh } from '../test-support/pwsh';
import { HOST_COLLECTORS, HOST_EVIDENCE_FORMAT, parseHostEvidence } from '../windows/host-evidence';
import { VERSION } from '../shared/version';
import { exportScripts } from './export';
import { COLLECT_HOST_FILE, hostEvidenceScript } from './collect-host';

const run = promisify(execFile);

describeWithPwsh('collect-host.ps1 under real PowerShell', (pwsh) => {
  it('writes one UTF-8 file holding every host collector (failures as the error records that stopped them), which the app reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-collect-'));
    await exportScripts(join(dir, 'scripts'), [hostEvidenceScript()]);
    const work = join(dir, 'work');
    await run('mkdir', [work]);
    const { stdout } = await run(pwsh, ['-NoProfile', '-NonInteractive', '-File', join(dir, 'scripts', ...COLLECT_HOST_FILE.split('/'))], {
      cwd: work,
      env: { ...process.env, COMPUTERNAME: 'RDP-HOST09' },
      timeout: 120_000,
    });
    const files = readdirSync(work);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^rdp-doctor-host-RDP-HOST09-\d{8}-\d{6}\.json$/);
    expect(stdout).toContain(join(work, files[0] ?? ''));
    const bytes = readFileSync(join(work, files[0] ?? ''));
    expect(bytes[0]).toBe(0x7b);
    const evidence = parseHostEvidence(bytes, files[0] ?? '');
    expect(evidence.format).toBe(HOST_EVIDENCE_FORMAT);
    expect(evidence.version).toBe(VERSION);
    expect(evidence.computerName).toBe('RDP-HOST09');
    expect(Object.keys(evidence.collectors).sort()).toEqual([...HOST_COLLECTORS].sort());
  }, 180_000);
});
