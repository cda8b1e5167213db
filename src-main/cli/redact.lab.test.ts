import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeCertificate, startGatewayStandin, startShadow, stopAll, type GatewayStandin, type LabShadow } from '../../e2e/lab';
import { pdfText, plantedIn } from '../report/test-planted';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');

/** Identifiers planted where a server, a .rdp file, a recorded Windows client and the user can put them. */
const P = {
  // The server: its address, its host name as NTLM reveals it, its certificate.
  serverIp: '127.61.62.63',
  ntlmHost: 'ntlmplant7q',
  certCn: 'cn-plant7q.corp-plant.example',
  certSan: 'san-plant7q.corp-plant.example',
  certOrg: 'Plantorg Seven Holdings',
  certUnit: 'Plantunit Payroll',
  certMail: 'pki-plant7q@mail-plant.example',
  certCity: 'Plantville',
  // The gateway: address, certificate, headers, realm.
  gatewayIp: '127.61.62.64',
  gwCertCn: 'rdgw-plant7q.corp-plant.example',
  gwCertOrg: 'Gatewayplant Networks',
  gwBackend: 'rdgw-backend-plant7q',
  gwRealm: 'realm-plant7q.example',
  gwCookie: 'cookieplant7q',
  // The .rdp file: its name and what it names.
  rdpFile: 'jplant-finance-desk.rdp',
  rdpUser: 'rdpuserplant7q',
  rdpDomain: 'RDPDOMPLANT',
  // The user's own words.
  typedUser: 'typeduserplant7q',
  typedMail: 'typed.plant7q@mail-plant.example',
  typedHost: 'typed-host-plant7q',
  // The recorded Windows client (RDP_DOCTOR_REPLAY) this run reads its local state from.
  replayHost: 'rdp-lab.example',
  replayUserPath: 'users\\bob',
  replayGateway: '192.168.178.1',
  replayLinkLocal: 'fe80::1',
} as const;
const PLANTED = Object.values(P);

let shadow: LabShadow;
let gateway: GatewayStandin;
let dir: string;

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-redact-'));
  const certificate = makeCertificate({
    commonName: P.certCn,
    altNames: { dns: [P.certSan], ip: [P.serverIp] },
    subjectExtra: [
      { shortName: 'L', value: P.certCity },
      { shortName: 'O', value: P.certOrg },
      { shortName: 'OU', value: P.certUnit },
      { shortName: 'E', value: P.certMail },
    ],
  });
  shadow = await startShadow({ hostName: P.ntlmHost, certificate, bindAddress: P.serverIp });
  gateway = await startGatewayStandin({
    host: P.gatewayIp,
    basic: true,
    realm: P.gwRealm,
    extraHeaders: [`X-Backend-Server: ${P.gwBackend}`, `Set-Cookie: RDGSESSION=${P.gwCookie}; path=/`],
    certificate: makeCertificate({ commonName: P.gwCertCn, subjectExtra: [{ shortName: 'O', value: P.gwCertOrg }] }),
  });
  const rdp = [
    `full address:s:${P.serverIp}:${shadow.port}`,
    'enablecredsspsupport:i:0',
    'authentication level:i:2',
    `username:s:${P.rdpDomain}\\${P.rdpUser}`,
    `gatewayhostname:s:${P.gatewayIp}:${gateway.port}`,
    'gatewayusagemethod:i:1',
  ].join('\r\n');
  writeFileSync(join(dir, P.rdpFile), `${rdp}\r\n`);
}, 120_000);

afterAll(() => stopAll());

/** Runs the built CLI without blocking the event loop (the lab's servers live in this process). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const env = { ...process.env, RDP_DOCTOR_HOME: dir, RDP_DOCTOR_REPLAY: join(ROOT, 'e2e', 'fixtures', 'windows', 'client-saved-creds-nla-off'), NO_COLOR: '1' };
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const typedError = `This computer can't connect to the remote computer. Error code: 0x904. Extended error code: 0x7. Signed in as ${P.typedUser} (${P.typedMail}) on ${P.typedHost}`;
const diagnose = (extra: string[]) => cli(['diagnose', `${P.serverIp}:${shadow.port}`, '--rdp-file', join(dir, P.rdpFile), '--error', typedError, '--timeout', '4000', ...extra]);

describe('rdp-doctor diagnose --redact against real peers with planted identifiers', () => {
  it('without --redact the planted identifiers are all there (the test plants where it claims to)', async () => {
    const r = await diagnose(['--json']);
    expect(r.stderr).toBe('');
    const missing = PLANTED.filter((p) => !plantedIn(r.stdout, PLANTED).includes(p));
    // The .rdp file's user name is not part of any report; everything else a diagnosis reads is.
    expect(missing).toEqual([P.rdpUser, P.rdpDomain]);
    const report = JSON.parse(r.stdout) as { checks: { id: string; evidence: Record<string, unknown> }[] };
    const ntlm = report.checks.find((c) => c.id === 'credssp.ntlm-info')!.evidence;
    expect(String(ntlm['dnsComputer']).toLowerCase()).toBe(P.ntlmHost);
  }, 60_000);

  it('--redact --json and --redact --report r.html|r.pdf|r.json (and what it prints) leave none of them, base64 decoded included', async () => {
    const json = await diagnose(['--redact', '--json']);
    expect(json.stderr).toBe('');
    expect(plantedIn(json.stdout, PLANTED)).toEqual([]);
    expect(json.stdout).toContain('"host":"ip-1"');
    for (const ext of ['html', 'pdf', 'json']) {
      const file = join(dir, `r.${ext}`);
      const r = await diagnose(['--redact', '--report', file]);
      expect(r.code, r.stderr).toBe(1);
      expect(plantedIn(r.stdout, PLANTED), 'what it prints').toEqual([]);
      const bytes = readFileSync(file);
      // A PDF's words are in its (deflated) content streams; its metadata is plain in the file.
      // poppler's pdftotext reads the words as a PDF viewer shows them, lines joined so a name broken at a line end is whole again.
      const shown = ext === 'pdf' ? execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\n/g, '') : '';
      const text = ext === 'pdf' ? `${pdfText(bytes).replace(/\n/g, '')}\n${shown}\n${bytes.toString('latin1')}` : bytes.toString('utf8');
      expect(plantedIn(text, PLANTED), `r.${ext}`).toEqual([]);
      expect(text).toContain('ip-1');
    }
  }, 120_000);
});
