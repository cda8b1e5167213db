import { describe, expect, it } from 'vitest';
import { makeCertificate } from '../../e2e/lab/certs';
import { judgeCertificate } from '../net/certificate';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import { ReportSchema, type CheckResult, type Report } from '../shared/schema';
import { decodeCodes } from '../diagnosis/decode';
import { renderReport } from './index';
import { redactReport } from './redact';
import { pdfText, plantedIn } from './test-planted';

/** One value planted in every kind of field a server, a .rdp file or the user can fill. */
const P = {
  target: 'srv-plant-target.corp-plant.example',
  targetIp: '10.71.72.73',
  targetIp6: 'fd00:7171::73',
  certCn: 'cn-plant-host.corp-plant.example',
  certSan: 'san-plant-alias.corp-plant.example',
  certSanIp: '10.71.72.74',
  certOrg: 'Plantorg Holdings',
  certUnit: 'Plantunit Finance',
  certMail: 'pki-plant@mail-plant.example',
  certCity: 'Plantville',
  ntlmNetbios: 'NBPLANT01',
  ntlmDomain: 'PLANTDOM',
  ntlmDnsDomain: 'ad-plant.example',
  reverseName: 'ptr-plant-name.isp-plant.example',
  gatewayHost: 'rdgw-plant.example',
  gatewayBackend: 'backend-plant-07',
  gatewayRealm: 'realm-plant.example',
  rdpFile: 'jdoe-plant-finance.rdp',
  user: 'jplantdoe',
  userMail: 'jplantdoe@mail-plant.example',
  profileUser: 'profplant',
  typedHost: 'typed-plant-host',
  dnsServer: '10.71.72.53',
  sid: 'S-1-5-21-1111111111-2222222222-3333333333-1104',
  uncHost: 'files-plant01',
  vpnProfile: 'Plantcorp Remote Access',
  vpnServer: 'vpn-plant.example',
} as const;
const PLANTED = Object.values(P);

function check(id: CheckId, status: CheckResult['status'], summary: string, evidence: Record<string, unknown>): CheckResult {
  return { id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary, durationMs: 5, evidence };
}

/** A report holding every planted value where a real diagnosis puts such values. */
function plantedReport(): Report {
  const cert = makeCertificate({
    commonName: P.certCn,
    altNames: { dns: [P.certSan], ip: [P.certSanIp] },
    subjectExtra: [
      { shortName: 'L', value: P.certCity },
      { shortName: 'O', value: P.certOrg },
      { shortName: 'OU', value: P.certUnit },
      { shortName: 'E', value: P.certMail },
    ],
  });
  const facts = judgeCertificate([cert.der], { host: P.target, isAddress: false, now: new Date() });
  const chain = [cert.der.toString('base64')];
  const typed = `This computer can't connect. Error code: 0x904. Extended error code: 0x7. User ${P.ntlmDomain}\\${P.user} (${P.userMail}) on ${P.typedHost}`;
  return {
    schemaVersion: 1,
    tool: { name: 'rdp-doctor', version: '0.1.0' },
    target: { input: `${P.target}:3389`, host: P.target, port: 3389, addresses: [P.targetIp, P.targetIp6] },
    startedAt: '2026-12-01T10:00:00.000Z',
    durationMs: 900,
    environment: { platform: 'win32', replay: `C:\\Users\\${P.profileUser}\\replay`, node: '20.19.0' },
    errorCodes: { ...decodeCodes(typed), input: typed },
    checks: [
      check('dns.resolve', 'pass', `${P.target} resolves to ${P.targetIp}`, { host: P.target, addresses: [P.targetIp, P.targetIp6], dnsServers: [P.dnsServer] }),
      check('dns.reverse', 'warn', `${P.targetIp} is known as ${P.reverseName}`, {
        lookups: [{ address: P.targetIp, ptr: { ok: true, names: [P.reverseName], ms: 3, error: null }, names: [P.reverseName], matchesTarget: false }],
        otherNames: [P.reverseName],
      }),
      check('tls.handshake', 'pass', 'TLS works', { chain, negotiated: { version: 'TLSv1.3' } }),
      check('tls.certificate', 'warn', `Certificate "${P.certCn}"`, { ...facts }),
      check('credssp.ntlm-info', 'pass', `The server is ${P.ntlmNetbios} in ${P.ntlmDomain}`, {
        targetName: P.ntlmDomain,
        netbiosComputer: P.ntlmNetbios,
        netbiosDomain: P.ntlmDomain,
        dnsComputer: `${P.ntlmNetbios.toLowerCase()}.${P.ntlmDnsDomain}`,
        dnsDomain: P.ntlmDnsDomain,
        dnsTree: P.ntlmDnsDomain,
        osVersion: '10.0.20348',
      }),
      check('gateway.probe', 'pass', `The gateway ${P.gatewayHost} answers`, {
        gateway: `${P.gatewayHost}:443`,
        source: 'rdp-file',
        chain,
        http: {
          statusCode: 401,
          statusText: `Unauthorized by ${P.gatewayBackend}`,
          server: 'Microsoft-IIS/10.0',
          authSchemes: ['Negotiate', 'NTLM', 'Basic'],
          headers: {
            server: 'Microsoft-IIS/10.0',
            'x-backend-server': P.gatewayBackend,
            'set-cookie': `RDGSESSION=${P.gatewayBackend}`,
            'www-authenticate': `Negotiate, NTLM ${Buffer.from(`NTLMSSP${P.ntlmDomain}${P.ntlmNetbios}`).toString('base64')}, Basic realm="${P.gatewayRealm}"`,
          },
        },
        rawPreview: `welcome to ${P.gatewayBackend}`,
      }),
      check('client.saved-credentials', 'warn', `A saved credential for TERMSRV/${P.target}`, {
        matched: [{ target: `TERMSRV/${P.target}`, user: `${P.ntlmDomain}\\${P.user}` }],
      }),
      check('client.rdp-files', 'warn', `${P.rdpFile} turns NLA off`, {
        files: [{ path: `C:\\Users\\${P.profileUser}\\Documents\\${P.rdpFile}`, name: P.rdpFile, address: P.target, share: `\\\\${P.uncHost}\\rdp\\` }],
      }),
      check('client.vpn', 'warn', 'A VPN is up', { isVpnUp: true, vpnProfiles: [{ name: P.vpnProfile, server: P.vpnServer, status: 'Connected' }] }),
      check('server.machinekeys', 'pass', 'Key readable', {
        key: { aces: [`${P.sid} (${P.ntlmDomain}\\${P.user}) Allow 0x001F01FF`, 'S-1-5-18 (NT AUTHORITY\\SYSTEM) Allow 0x001F01FF'] },
      }),
    ],
    findings: [],
    fixesApplied: [],
    appLog: { file: `/home/${P.profileUser}/.config/rdp-doctor/main.log`, lines: [`[info] diagnosis of ${P.target} (${P.targetIp}) by ${P.userMail}`] },
  };
}

describe('redaction of everything identifying', () => {
  it('the unredacted report holds every planted value (the test plants where it claims to)', async () => {
    const report = plantedReport();
    const json = (await renderReport(report, 'json')).bytes.toString('utf8');
    expect(plantedIn(json, PLANTED).sort()).toEqual([...PLANTED].sort());
    // The raw certificate alone gives the names away once decoded.
    const chain = report.checks.find((c) => c.id === 'tls.handshake')!.evidence['chain'] as string[];
    expect(plantedIn(chain.join(' '), [P.certOrg, P.certMail, P.certSan])).toHaveLength(3);
  });

  it('JSON, HTML and PDF exported with both boxes ticked hold none of them, base64 decoded included', async () => {
    for (const format of ['json', 'html', 'pdf'] as const) {
      const out = await renderReport(plantedReport(), format, { users: true, hosts: true });
      const text = format === 'pdf' ? pdfText(out.bytes).replace(/\n/g, '') : out.bytes.toString('utf8');
      expect(plantedIn(text, PLANTED), format).toEqual([]);
      expect(plantedIn(out.fileName, PLANTED), format).toEqual([]);
    }
  });

  it('keeps the story readable: consistent pseudonyms, thumbprints kept, codes still decoded', () => {
    const original = plantedReport();
    const r = redactReport(original, { users: true, hosts: true });
    expect(ReportSchema.parse(r)).toEqual(r);
    expect(r.redacted).toEqual({ users: true, hosts: true });
    expect(r.target.host).toBe('host-1');
    const cert = r.checks.find((c) => c.id === 'tls.certificate')!.evidence;
    expect(cert['sha256']).toBe((original.checks.find((c) => c.id === 'tls.certificate')!.evidence as { sha256: string }).sha256);
    expect(cert['subject']).toMatch(/^CN=host-\d+, E=email-\d+, OU=org-\d+, O=org-\d+, L=place-\d+$/);
    expect(r.checks.find((c) => c.id === 'tls.handshake')!.evidence['chain']).toEqual(['(removed): 1 encoded item(s)']);
    expect(r.errorCodes?.input).toBe('0x904 0x7 (the text given is not included)');
    expect(r.errorCodes?.codes.map((c) => c.hex)).toEqual(['0x904', '0x7']);
    const ntlm = r.checks.find((c) => c.id === 'credssp.ntlm-info')!;
    expect(ntlm.summary).toMatch(/^The server is host-\d+ in domain-\d+$/);
    const http = r.checks.find((c) => c.id === 'gateway.probe')!.evidence['http'] as { headers: Record<string, string>; statusText: string };
    expect(http.headers).toEqual({ server: 'Microsoft-IIS/10.0', 'x-backend-server': '(removed)', 'set-cookie': '(removed)', 'www-authenticate': 'Negotiate, NTLM, Basic' });
    expect(http.statusText).toBe('Unauthorized');
    const aces = (r.checks.find((c) => c.id === 'server.machinekeys')!.evidence['key'] as { aces: string[] }).aces;
    expect(aces[0]).toMatch(/^sid-1 \(domain-\d+\\user-1\) Allow/);
    expect(aces[1]).toBe('S-1-5-18 (NT AUTHORITY\\SYSTEM) Allow 0x001F01FF');
    expect(r.checks.find((c) => c.id === 'client.rdp-files')!.summary).toBe('file-1.rdp turns NLA off');
  });

  it("the report's own words survive a certificate whose unit and place are ordinary words (OU=IT, L=Reading)", () => {
    const base = plantedReport();
    const subject = 'CN=rdp01.corp.example, OU=IT, O=Contoso Ltd, L=Reading';
    const report: Report = {
      ...base,
      checks: [
        check('tls.certificate', 'pass', `Certificate "rdp01.corp.example" (${subject})`, { subject, issuer: subject }),
        check('tls.handshake', 'pass', 'TLS works; it picks TLS 1.3 after reading the server hello.', {}),
      ],
    };
    const r = redactReport(report, { users: true, hosts: true });
    expect(r.checks[0]!.evidence['subject']).toMatch(/^CN=host-\d+, OU=IT, O=org-\d+, L=place-\d+$/);
    expect(r.checks[1]!.summary).toBe('TLS works; it picks TLS 1.3 after reading the server hello.');
    expect(JSON.stringify(r)).not.toMatch(/Contoso|Reading/);
  });

  it('user names only: people are hidden, machines stay', () => {
    const r = JSON.stringify(redactReport(plantedReport(), { users: true, hosts: false }));
    expect(plantedIn(r, [P.user, P.userMail, P.profileUser, P.sid])).toEqual([]);
    expect(r).toContain(P.target);
    expect(r).toContain(P.ntlmNetbios);
  });
});
