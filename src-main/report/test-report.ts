/** A realistic report for the renderer and redaction tests: names, users and addresses spread through evidence. */
import { CHECK_META, FINDING_META } from '../shared/catalog';
import type { CheckId, FindingId } from '../shared/ids';
import type { CheckResult, Finding, Report } from '../shared/schema';
import { decodeCodes } from '../diagnosis/decode';

/** The private values the fixture contains, for "nothing left behind" assertions. */
export const SECRETS = {
  host: 'srv-finance01.corp.contoso.example',
  shortHost: 'srv-finance01',
  domain: 'CONTOSO',
  user: 'jdoe.admin',
  ipv4: '10.20.30.40',
  ipv6: 'fd12:3456:789a::15',
  gatewayIp: '192.0.2.77',
  gateway: 'rdgw.contoso-remote.example',
} as const;

function check(id: CheckId, status: CheckResult['status'], summary: string, evidence: Record<string, unknown>): CheckResult {
  return { id, section: CHECK_META[id].section, status, title: CHECK_META[id].title, summary, durationMs: 42, evidence };
}

function finding(id: FindingId, partial: Partial<Finding>): Finding {
  const meta = FINDING_META[id];
  return {
    id,
    section: meta.section,
    severity: meta.severity,
    confidence: 0.9,
    title: meta.title,
    explanation: '',
    technical: '',
    checks: [],
    fixes: [],
    evidence: {},
    contradictions: [],
    ...partial,
  };
}

/** Builds the fixture; `hostile` goes into summaries and evidence to test escaping. */
export function sampleReport(hostile = '<script>alert("x")</script> & \'quotes\''): Report {
  const s = SECRETS;
  return {
    schemaVersion: 1,
    tool: { name: 'rdp-doctor', version: '0.1.0' },
    target: { input: `${s.host}:3389`, host: s.host, port: 3389, addresses: [s.ipv4, s.ipv6] },
    startedAt: '2026-11-22T03:00:00.000Z',
    durationMs: 5321,
    environment: { platform: 'win32', replay: `C:\\Users\\${s.user}\\replays\\case1`, node: '20.19.0' },
    errorCodes: decodeCodes('0x904 0x7'),
    checks: [
      check('dns.resolve', 'pass', `${s.host} resolves to ${s.ipv4} and ${s.ipv6}`, { addresses: [s.ipv4, s.ipv6], server: '10.0.0.53' }),
      check('net.tcp', 'pass', `Connected to ${s.ipv4}:3389 in 3 ms`, { address: `${s.ipv4}:3389`, rttMs: 3 }),
      check('tls.certificate', 'fail', `The certificate of ${s.shortHost} expired 12 days ago. ${hostile}`, {
        subject: `CN=${s.host}`,
        issuer: `CN=${s.host}`,
        dnsNames: [s.host],
        validity: 'expired',
        daysLeft: -12,
        notAfter: '2026-11-10T00:00:00.000Z',
        der: 'A'.repeat(600),
      }),
      check('client.saved-credentials', 'warn', `A saved credential for TERMSRV/${s.host} exists`, {
        entries: [{ target: `TERMSRV/${s.host}`, userName: `${s.domain}\\${s.user}`, type: 'Domain' }],
      }),
      check('client.events', 'warn', `Event 1026 reason 2308 when connecting to ${s.host}`, {
        attempts: [{ server: s.host, disconnect: { value: 2308, hex: '0x904' }, note: hostile }],
      }),
      check('credssp.ntlm-info', 'pass', `The server says it is ${s.shortHost.toUpperCase()} in ${s.domain}`, {
        netbiosComputerName: s.shortHost.toUpperCase(),
        netbiosDomainName: s.domain,
        dnsComputerName: s.host,
      }),
      check('gateway.probe', 'fail', `https://${s.gateway}/remoteDesktopGateway/ answered 404`, { url: `https://${s.gateway}/remoteDesktopGateway/`, status: 404 }),
      check('client.rdp-files', 'pass', `Default.rdp uses ${s.host}`, { files: [{ path: `C:\\Users\\${s.user}\\Documents\\Default.rdp`, fullAddress: s.host }] }),
    ],
    findings: [
      finding('certificate-expired', {
        explanation: `The certificate of ${s.host} has expired. ${hostile}`,
        technical: `tls.certificate notAfter 2026-11-10; client event 1026 reason 2308 from ${s.ipv4}`,
        checks: ['tls.certificate', 'client.events'],
        fixes: ['server.renew-certificate', 'rdpfile.generate-clean'],
        evidence: { host: s.host, notAfter: '2026-11-10T00:00:00.000Z' },
        contradictions: [`"${hostile}" passed.`],
      }),
      finding('saved-credentials-stale', {
        severity: 'medium',
        confidence: 0.4,
        explanation: `Saved password for ${s.user}`,
        technical: `TERMSRV/${s.host}`,
        checks: ['client.saved-credentials'],
        fixes: ['credentials.clear'],
      }),
    ],
    fixesApplied: [
      { fixId: 'credentials.clear', status: 'applied', at: '2026-11-22T03:01:00.000Z', verified: true, message: `Removed TERMSRV/${s.host} for ${s.user} via ${s.gatewayIp}` },
    ],
  };
}
