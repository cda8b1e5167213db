import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { ReportSchema } from '../shared/schema';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');
let home: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like cli(), without blocking the event loop, so servers in this process keep answering. */
function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-cli-'));
}, 180_000);

describe('rdp-doctor command line', () => {
  it('--help lists the five commands', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['diagnose', 'decode', 'rdp-file', 'fix', 'ui']) expect(r.stdout).toMatch(new RegExp(`^\\s+rdp-doctor ${c}\\b`, 'm'));
  });

  it('no command is bad usage (exit 2); an unknown command says so in one line', () => {
    expect(cli([]).code).toBe(2);
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('hostile targets never reach a shell and always get one clear line and exit 2', () => {
    const canaryDir = mkdtempSync(join(tmpdir(), 'rdp-doctor-canary-'));
    const canary = join(canaryDir, 'pwned');
    const hostile = [
      `$(touch ${canary})`,
      `\`touch ${canary}\``,
      `a;touch ${canary}`,
      `a|touch ${canary}`,
      `a'&&touch ${canary}`,
      `a"\ntouch ${canary}`,
      '-oProxyCommand=touch',
      '--json',
      'x'.repeat(5000),
    ];
    for (const target of hostile) {
      const r = cli(['diagnose', '--', target]);
      expect(r.code, target).toBe(2);
      expect(r.stderr.trim().split('\n'), target).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.cjs:\d+/);
    }
    expect(existsSync(canary)).toBe(false);
    expect(readdirSync(canaryDir)).toEqual([]);
  });

  it('an unknown option is bad usage, not a crash', () => {
    const r = cli(['diagnose', 'host', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bogus/);
  });

  it('diagnose --json prints one schema-valid report per target (JSON Lines) and exit 1 for a refused port', async () => {
    const a = await closedPort();
    const b = await closedPort();
    const r = cli(['diagnose', `127.0.0.1:${a}`, `127.0.0.1:${b}`, '--json', '--timeout', '1000']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const reports = lines.map((l) => ReportSchema.parse(JSON.parse(l)));
    expect(reports.map((x) => x.target.port)).toEqual([a, b]);
    expect(reports[0]!.checks).toHaveLength(27);
    expect(r.code).toBe(reports.some((x) => x.findings.some((f) => ['critical', 'high', 'medium'].includes(f.severity))) ? 1 : 0);
  });

  it('shows a live progress line on a terminal and none when piped', async () => {
    const port = await closedPort();
    const args = ['diagnose', `127.0.0.1:${port}`, '--timeout', '1000'];
    const piped = cli(args);
    expect(piped.code).toBe(1);
    expect(piped.stderr).not.toContain('Checking');
    // script(1) gives the command a pseudo-terminal, as a person running it would have.
    const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1' },
    });
    expect(tty.status).toBe(1);
    expect(tty.stdout).toMatch(/\r\u001b\[2KChecking… \d+\/27 done/);
    // The line is cleared before the verdict, so the terminal ends with the report, not a half-drawn progress line.
    const afterProgress = tty.stdout.slice(tty.stdout.lastIndexOf('Checking'));
    expect(afterProgress).toMatch(/^Checking[^\r]*\r\u001b\[2K[\s\S]*Most likely cause/);
  });

  it('--targets reads a file of targets; a missing file is exit 2', async () => {
    const port = await closedPort();
    const list = join(home, 'targets.txt');
    writeFileSync(list, `# fleet\n127.0.0.1:${port}\n\n`);
    const r = cli(['diagnose', '--targets', list, '--json', '--timeout', '1000']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(cli(['diagnose', '--targets', join(home, 'missing.txt')]).code).toBe(2);
  });

  it('decode names both numbers of the dialog', () => {
    const r = cli(['decode', '0x904', '0x7']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/socket closed/i);
    expect(r.stdout).toMatch(/server denied the connection/i);
    expect(r.stdout).toMatch(/not the Win32 error ERROR_ARENA_TRASHED/);
  });

  it('decode of a malformed code exits 2 with one line', () => {
    const r = cli(['decode', 'zzz-not-a-code']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rdp-file check on random bytes exits non-zero with one clear line', () => {
    const file = join(home, 'random.rdp');
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    const r = cli(['rdp-file', 'check', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('scripts export DIR writes every PowerShell script with index.json; a non-empty folder or a missing DIR is exit 2 with one line', () => {
    const dir = join(home, 'exported-scripts');
    const r = cli(['scripts', 'export', dir]);
    expect(r.code).toBe(0);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { scripts: { file: string }[] };
    expect(index.scripts.length).toBeGreaterThan(60);
    expect(r.stdout).toBe(`Wrote ${index.scripts.length} PowerShell scripts and index.json to ${dir}\n`);
    for (const args of [
      ['scripts', 'export', dir],
      ['scripts', 'export'],
      ['scripts', 'list'],
    ]) {
      const bad = cli(args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('several targets print in the order given, even when a later one finishes first, then one summary table', async () => {
    // The first target accepts and never answers (it takes the whole timeout); the second refuses at once.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const slow = (silent.address() as AddressInfo).port;
    const fast = await closedPort();
    try {
      const r = await cliAsync(['diagnose', `127.0.0.1:${slow}`, `127.0.0.1:${fast}`, '--timeout', '600']);
      expect(r.code).toBe(1);
      const headers = [...r.stdout.matchAll(/^RDP Doctor \S+ — (\S+) /gm)].map((m) => m[1]);
      expect(headers).toEqual([`127.0.0.1:${slow}`, `127.0.0.1:${fast}`]);
      const summary = r.stdout.slice(r.stdout.indexOf('Summary: 2 targets, 2 with a problem'));
      expect(summary.split('\n').slice(1, 4)).toEqual([
        expect.stringMatching(/^ {2}# {2}Target +Verdict +Top finding$/),
        expect.stringMatching(new RegExp(`^  1  127\\.0\\.0\\.1:${slow} +problem \\(critical\\) +The server never answers the Remote Desktop handshake$`)),
        expect.stringMatching(new RegExp(`^  2  127\\.0\\.0\\.1:${fast} +problem \\(critical\\) +Nothing is listening on the Remote Desktop port$`)),
      ]);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('diagnose --rdp-file FILE alone diagnoses the computer the file names', async () => {
    const port = await closedPort();
    const file = join(home, 'office.rdp');
    writeFileSync(file, `full address:s:127.0.0.1:${port}\r\n`);
    const r = cli(['diagnose', '--rdp-file', file, '--json', '--timeout', '1000']);
    expect(r.stderr).toBe('');
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.target).toMatchObject({ host: '127.0.0.1', port });
  });

  it('human output: one timing per check line, and the checks that need Windows folded into one line', async () => {
    const port = await closedPort();
    const r = cli(['diagnose', `127.0.0.1:${port}`, '--timeout', '1000']);
    const checklist = r.stdout.slice(r.stdout.indexOf('Checklist'));
    for (const line of checklist.split('\n').filter((l) => /^ {4}(pass|warn|FAIL|skip|error) /.test(l))) {
      expect(line.match(/\b\d+(\.\d+)? ?(ms|s)\b/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
    }
    expect(checklist).toMatch(/^ {4}skip {2}Checks that need Windows \(18\): Windows and client versions, Saved credentials, /m);
    expect(checklist).not.toContain('Runs on Windows only');
  });
});
