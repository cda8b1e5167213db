import { copyFileSync, mkdtempSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');
const FIXTURES = join(ROOT, 'src-main', 'rdpfile', 'fixtures');
const SECRET = 'Tr0ub4dor&3-plaintext';
let home: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-check-'));
}, 180_000);

describe('rdp-doctor rdp-file check', () => {
  it('warns about a clear-text password, exits 1, and shows the password nowhere (human, --json, diagnose --json)', () => {
    const file = join(FIXTURES, 'script-plaintext-password.utf8.rdp');
    const human = cli(['rdp-file', 'check', file]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^script-plaintext-password\.utf8\.rdp connects to vm01\.cloud\.example:3390$/m);
    expect(human.stdout).toMatch(/warning Line 5: "password:s:" holds a password in clear text/);
    const json = cli(['rdp-file', 'check', file, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).settings.password).toBe('(password in clear text present, not shown)');
    // The file as the target: the diagnosis goes where the file goes (server port 3390) and reports it.
    const diagnose = cli(['diagnose', file, '--timeout', '300', '--json']);
    expect(JSON.parse(diagnose.stdout).target).toMatchObject({ host: 'vm01.cloud.example', port: 3390 });
    for (const r of [human, json, diagnose]) expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
  });

  it("reads mstsc's Default.rdp as the defaults file: nothing unknown, nothing to fix, exit 0", () => {
    const file = join(home, 'Default.rdp');
    copyFileSync(join(FIXTURES, 'mstsc-win11-default.utf16le.rdp'), file);
    const r = cli(['rdp-file', 'check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Default\.rdp is Remote Desktop Connection's defaults file and names no computer$/m);
    expect(r.stdout).not.toMatch(/does not know/);
    expect(r.stdout).toMatch(/no problems found/);
  });

  it('flags NLA off and authentication level 0 with their consequences and exits 1, as the diagnosis would blame the file', () => {
    const r = cli(['rdp-file', 'check', join(FIXTURES, 'legacy-nla-off.utf16le.rdp')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /warning enablecredsspsupport:i:0 turns Network Level Authentication \(CredSSP\) off\. A remote computer that requires Network Level Authentication .* refuses this file/,
    );
    expect(r.stdout).toMatch(/warning "authentication level:i:0": the client connects without a warning even when it cannot verify the remote computer/);
    expect(r.stdout).not.toMatch(/no problems found/);
  });

  it('says a Windows 365 file opens the service through its gateway', () => {
    const r = cli(['rdp-file', 'check', join(FIXTURES, 'windows365-cloudpc.utf8.rdp')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/opens Azure Virtual Desktop workspace "Cloud PC Enterprise 4vCPU\/16GB\/256GB" through its gateway afdfp-rdgateway-r1\.wvd\.microsoft\.com:443/);
  });

  it('flags a swallowed line as an error (exit 1)', () => {
    const r = cli(['rdp-file', 'check', join(FIXTURES, 'hand-edited-broken.utf8.rdp')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error {3}Line 3: a line break is missing before "session bpp"/);
  });
});
