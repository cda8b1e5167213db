import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');
let home: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = () => mkdtempSync(join(tmpdir(), 'rdp-doctor-clean-'));

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  home = dir();
}, 180_000);

describe('rdp-doctor rdp-file clean', () => {
  it('shows the security cost before it writes, then writes UTF-16LE atomically (no temp file left)', () => {
    const d = dir();
    const out = join(d, 'fallback.rdp');
    const r = cli(['rdp-file', 'clean', 'server01.example', '--fallback', '-o', out]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Security cost: .*Network Level Authentication/);
    expect(lines[1]).toBe(`Wrote ${out}`);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.toString('utf16le')).toContain('full address:s:server01.example\r\n');
    expect(readdirSync(d)).toEqual(['fallback.rdp']);
  });

  it('--dry-run prints the cost and the exact content it would write, and writes nothing', () => {
    const d = dir();
    const out = join(d, 'preview.rdp');
    const r = cli(['rdp-file', 'clean', 'server01.example', '--fallback', '-o', out, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Security cost: /);
    expect(r.stdout).toMatch(new RegExp(`Dry run: nothing was written\\. .*preview\\.rdp would get \\d+ bytes`));
    expect(r.stdout).toContain('  full address:s:server01.example\n');
    expect(r.stdout).toContain('  enablecredsspsupport:i:0\n');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses to replace an existing file without --force, in one line, and leaves it untouched', () => {
    const d = dir();
    const out = join(d, 'mine.rdp');
    const mine = Buffer.from('my own settings \u00ff', 'latin1');
    writeFileSync(out, mine);
    const r = cli(['rdp-file', 'clean', 'server01.example', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/already exists; add --force to replace it/);
    expect(readFileSync(out).equals(mine)).toBe(true);
    expect(readdirSync(d)).toEqual(['mine.rdp']);
  });

  it('--force keeps the old file as .bak, then .1.bak, never overwriting a backup', () => {
    const d = dir();
    const out = join(d, 'mine.rdp');
    const first = Buffer.from('first', 'latin1');
    writeFileSync(out, first);
    const r1 = cli(['rdp-file', 'clean', 'server01.example', '-o', out, '--force']);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain(`the previous file is kept as ${out}.bak`);
    expect(readFileSync(`${out}.bak`).equals(first)).toBe(true);
    const afterFirst = readFileSync(out);
    const r2 = cli(['rdp-file', 'clean', 'server02.example', '-o', out, '--force']);
    expect(r2.code).toBe(0);
    expect(readFileSync(`${out}.bak`).equals(first)).toBe(true);
    expect(readFileSync(`${out}.1.bak`).equals(afterFirst)).toBe(true);
    expect(readFileSync(out).toString('utf16le')).toContain('full address:s:server02.example');
  });

  it('--help documents --dry-run and --force', () => {
    const r = cli(['rdp-file', '--help']);
    expect(r.stdout).toMatch(/rdp-file clean <target \| FILE\.rdp> \[--fallback\] \[--use-ip\] -o FILE \[--dry-run\] \[--force\]/);
    expect(r.stdout).toMatch(/unless --force, which keeps it as\s+FILE\.bak/);
  });
});

describe('rdp-doctor rdp-file clean FILE.rdp', () => {
  const FIXTURES = join(ROOT, 'src-main', 'rdpfile', 'fixtures');

  it('keeps the gateway of a gateway file and says what it kept', () => {
    const d = dir();
    const out = join(d, 'out.rdp');
    const r = cli(['rdp-file', 'clean', join(FIXTURES, 'mstsc-gateway.utf16le.rdp'), '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Wrote ${out}`);
    expect(r.stdout).toContain(
      'Kept what reaches the host: its address and port, the RD Gateway and the user name (10 settings); left out 37 others, which take their defaults. Kept: full address, gatewayhostname, gatewayusagemethod,',
    );
    const text = readFileSync(out).toString('utf16le');
    expect(text).toContain('gatewayhostname:s:RDGW01.corp.example\r\n');
    expect(text).toContain('gatewayusagemethod:i:1\r\n');
    expect(text).not.toContain('gatewayusagemethod:i:0');
    expect(cli(['rdp-file', 'check', out]).stdout).toMatch(/connects to PC01-W7\.corp\.example through gateway RDGW01\.corp\.example/);
  });

  it('says a signed file loses its signature before it writes, also in a dry run', () => {
    const d = dir();
    const out = join(d, 'app.rdp');
    const dry = cli(['rdp-file', 'clean', join(FIXTURES, 'rdweb-remoteapp-signed.utf16le.rdp'), '-o', out, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toMatch(/^Note: The file is signed by its publisher\. A clean copy cannot keep that signature/);
    expect(dry.stdout).toContain('  remoteapplicationprogram:s:||WordPad\n');
    expect(dry.stdout).not.toMatch(/signscope|signature:s:/);
    expect(existsSync(out)).toBe(false);
    const real = cli(['rdp-file', 'clean', join(FIXTURES, 'rdweb-remoteapp-signed.utf16le.rdp'), '-o', out]);
    const lines = real.stdout.split('\n');
    expect(lines[0]).toMatch(/^Note: The file is signed/);
    expect(lines[1]).toBe(`Wrote ${out}`);
  });

  it('with --fallback writes the NLA-off flags after the cost, keeping the gateway', () => {
    const d = dir();
    const out = join(d, 'fallback.rdp');
    const r = cli(['rdp-file', 'clean', join(FIXTURES, 'mstsc-gateway.utf16le.rdp'), '--fallback', '-o', out]);
    expect(r.stdout.split('\n')[0]).toMatch(/^Security cost: /);
    const text = readFileSync(out).toString('utf16le');
    expect(text).toContain('enablecredsspsupport:i:0\r\n');
    expect(text).toContain('gatewayhostname:s:RDGW01.corp.example\r\n');
  });

  it('refuses a file that names no computer, a missing file and --use-ip with a file, each in one line (exit 2)', () => {
    const d = dir();
    const def = join(d, 'Default.rdp');
    writeFileSync(def, readFileSync(join(FIXTURES, 'mstsc-win11-default.utf16le.rdp')));
    for (const args of [
      ['rdp-file', 'clean', def, '-o', join(d, 'a.rdp')],
      ['rdp-file', 'clean', join(d, 'missing.rdp'), '-o', join(d, 'b.rdp')],
      ['rdp-file', 'clean', join(FIXTURES, 'mstsc-gateway.utf16le.rdp'), '--use-ip', '-o', join(d, 'c.rdp')],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(cli(['rdp-file', 'clean', def, '-o', join(d, 'a.rdp')]).stderr).toMatch(/names no computer/);
    expect(readdirSync(d)).toEqual(['Default.rdp']);
  });
});
