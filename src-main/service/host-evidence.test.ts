// A host evidence file through the CLI, as an administrator would use it: the host checks answer from the file exactly
// as from the recorded host it describes, the network checks still run live, and a bad file is one line, exit 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema, type Report } from '../shared/schema';
import { SERVER_CHECK_IDS } from '../shared/ids';
import { evidenceBytes } from '../windows/test-evidence';

const ROOT = resolve(__dirname, '..', '..');
const HOST = join(ROOT, 'e2e', 'fixtures', 'windows', 'host-expired-cert');
let home: string;
let port: number;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rdp-doctor.cjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function report(r: { code: number | null; stdout: string; stderr: string }): Report {
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return ReportSchema.parse(JSON.parse(r.stdout));
}

const hostChecks = (rep: Report) => rep.checks.filter((c) => c.id.startsWith('server.')).map(({ durationMs: _d, ...rest }) => rest);

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-evidence-'));
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
}, 180_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('diagnose --host-evidence', () => {
  it('judges the host from the file exactly as from the recorded host, and still probes the network live', () => {
    const file = join(home, 'rdp-doctor-host-RDP-HOST01.json');
    writeFileSync(file, evidenceBytes(HOST));
    const target = `127.0.0.1:${port}`;
    const fromFile = report(cli(['diagnose', target, '--json', '--timeout', '1000', '--host-evidence', file]));
    const recorded = report(cli(['diagnose', target, '--json', '--timeout', '1000'], { RDP_DOCTOR_REPLAY: HOST }));
    expect(hostChecks(fromFile)).toEqual(hostChecks(recorded));
    expect(SERVER_CHECK_IDS.every((id) => fromFile.checks.find((c) => c.id === id)?.status !== 'skip')).toBe(true);
    expect(fromFile.checks.find((c) => c.id === 'server.certificate')?.status).toBe('fail');
    // The recorded host skips the network for a target naming it; the evidence does not: port refused, live.
    expect(fromFile.checks.find((c) => c.id === 'net.tcp')?.summary).toMatch(/refused/i);
    expect(fromFile.findings.map((f) => f.id)).toContain('server-certificate-expired');
    expect(fromFile.environment.hostEvidence).toEqual({ file: 'rdp-doctor-host-RDP-HOST01.json', computerName: 'RDP-HOST01', collectedAt: '2026-11-21T12:00:00.000Z', note: null });
    // This computer's client checks say why they were not read: the file holds the remote computer's state.
    const credentials = fromFile.checks.find((c) => c.id === 'client.saved-credentials');
    expect(credentials).toMatchObject({ status: 'skip', evidence: { reason: 'host-evidence' } });
    expect(credentials?.summary).toContain('host evidence file');
    expect(recorded.checks.find((c) => c.id === 'client.saved-credentials')?.evidence).toEqual({ reason: 'host-recording' });
  });

  it('says when the file comes from another computer than the target, and goes on', () => {
    const file = join(home, 'other.json');
    writeFileSync(file, evidenceBytes(HOST));
    const r = cli(['diagnose', `rdp-lab.invalid:${port}`, '--json', '--timeout', '1000', '--host-evidence', file]);
    expect(r.stderr).toContain('Note: The host evidence other.json comes from RDP-HOST01, not rdp-lab.invalid: the host checks describe RDP-HOST01.');
    expect(report(r).environment.hostEvidence?.note).toMatch(/comes from RDP-HOST01/);
  });

  it('refuses a bad file with one clear line and exit 2, before anything runs', () => {
    const write = (name: string, content: string | Buffer) => {
      const path = join(home, name);
      writeFileSync(path, content);
      return path;
    };
    const fifo = join(home, 'evidence.fifo');
    execFileSync('mkfifo', [fifo]);
    const cases: Array<[string, RegExp]> = [
      [write('not-json.json', 'RDP-HOST01 is fine'), /not-json\.json is not host evidence: it is not JSON/],
      [write('wrong-tag.json', JSON.stringify({ format: 'rdp-doctor-report' })), /wrong-tag\.json is not host evidence from collect-host\.ps1/],
      [write('client.json', evidenceBytes(HOST, { collectors: { 'client-credentials': { stdout: '{}' } } })), /client\.json holds collectors that are not host collectors/],
      [write('huge.json', Buffer.alloc(2_000_001, 0x20)), /too large for a host evidence file/],
      [fifo, /is not a regular file/],
      ['/dev/zero', /is not a regular file/],
      [join(home, 'missing.json'), /was not found/],
    ];
    for (const [path, expected] of cases) {
      const r = cli(['diagnose', `127.0.0.1:${port}`, '--host-evidence', path]);
      expect(r.code, path).toBe(2);
      expect(r.stderr.trim(), path).toMatch(expected);
      expect(r.stderr.trim().split('\n'), path).toHaveLength(1);
      expect(r.stdout, path).toBe('');
    }
  });
});
