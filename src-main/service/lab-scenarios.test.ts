// Every lab scenario, real peers where one exists, ends in the exact top finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, runXfreerdp, startLossyListener, startShadow, startStandIn, startXrdp, stopAll, XFREERDP_EXIT } from '../../e2e/lab';
import type { DiagnoseRequest } from '../shared/dto';
import type { Report } from '../shared/schema';
import { DEADLINE_MARGIN_MS, runDiagnosis } from './diagnosis';
import { createNodeDeps } from './node-deps';

let home: string;
const TIMEOUT = 1500;
/** Past the diagnosis deadline (2 × timeout + its margin): the rules, the report, and a loaded 2-core machine. */
const WITHIN = TIMEOUT * 2 + DEADLINE_MARGIN_MS + 400;

/** Waits until the server has seen every client socket close (a forgotten socket keeps `open` above 0). */
async function openSocketsAfter(server: { readonly open: number }): Promise<number> {
  for (let i = 0; i < 20 && server.open > 0; i++) await new Promise((r) => setTimeout(r, 25));
  return server.open;
}

async function diagnoseTarget(target: string, extra: Partial<DiagnoseRequest> = {}): Promise<Report> {
  const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
  const report = await runDiagnosis('t', { target, timeoutMs: TIMEOUT, ...extra }, deps, () => {}, new AbortController().signal);
  // Every check's evidence against a real peer keeps its contract (shared/evidence), or the rules could not read it.
  expect(report.checks.filter((c) => c.summary.includes('does not match its contract')).map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
  return report;
}

const rdpFile = (text: string) => ({ name: 'test.rdp', contentBase64: Buffer.from(text, 'utf8').toString('base64') });
const NLA_OFF = 'full address:s:placeholder\r\nenablecredsspsupport:i:0\r\nauthentication level:i:2\r\n';

function top(report: Report): string | undefined {
  return report.findings[0]?.id;
}

function check(report: Report, id: string) {
  return report.checks.find((c) => c.id === id);
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-scenarios-'));
});

afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

describe('real xrdp', () => {
  it('TLS with an expired certificate → certificate-expired first', async () => {
    const xrdp = await startXrdp({ securityLayer: 'tls', cert: 'expired' });
    const report = await diagnoseTarget(`127.0.0.1:${xrdp.port}`);
    expect(top(report)).toBe('certificate-expired');
    expect(check(report, 'tls.certificate')?.status).toBe('fail');
    await xrdp.stop();
  });

  it('a certificate for another name → certificate-name-mismatch first', async () => {
    const xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'wrong-name' });
    const report = await diagnoseTarget(`127.0.0.1:${xrdp.port}`);
    expect(top(report)).toBe('certificate-name-mismatch');
    await xrdp.stop();
  });

  it('a valid certificate → nothing of medium severity or above', async () => {
    const xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    const report = await diagnoseTarget(`127.0.0.1:${xrdp.port}`);
    expect(report.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity))).toEqual([]);
    expect(check(report, 'rdp.negotiation')?.status).toBe('pass');
    expect(check(report, 'tls.handshake')?.status).toBe('pass');
    await xrdp.stop();
  });

  it('security layer rdp → server-rdp-security-only first', async () => {
    const xrdp = await startXrdp({ securityLayer: 'rdp' });
    const report = await diagnoseTarget(`127.0.0.1:${xrdp.port}`);
    expect(top(report)).toBe('server-rdp-security-only');
    await xrdp.stop();
  });
});

describe('real freerdp-shadow with NLA', () => {
  it('requires HYBRID and reveals its own host name over NTLM', async () => {
    const shadow = await startShadow();
    const report = await diagnoseTarget(`127.0.0.1:${shadow.port}`);
    const probes = check(report, 'rdp.negotiation')?.evidence['probes'] as { protocol: string; outcome: Record<string, unknown> }[];
    const required = { kind: 'failure', code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER' };
    const hybrid = { kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 3 };
    // SSL|HYBRID and SSL|HYBRID|HYBRID_EX both get HYBRID; everything without HYBRID is refused with code 5.
    expect(probes.map((p) => [p.protocol, p.outcome])).toEqual([
      ['RDP', required],
      ['SSL', required],
      ['HYBRID', hybrid],
      ['HYBRID_EX', hybrid],
      ['RDSTLS', required],
      ['RDSAAD', required],
    ]);
    expect(check(report, 'rdp.negotiation')?.evidence).toMatchObject({ supported: ['HYBRID'], nlaRequired: true, rdpSecurityAllowed: false });
    const ntlm = check(report, 'credssp.ntlm-info');
    expect(ntlm?.status).toBe('pass');
    // The shadow answers with this machine's names: NetBIOS upper-cased and cut to 15 characters, DNS as it is.
    expect(String(ntlm?.evidence['netbiosComputer']).toLowerCase()).toBe(hostname().split('.')[0]!.slice(0, 15).toLowerCase());
    expect(String(ntlm?.evidence['dnsComputer']).toLowerCase()).toBe(hostname().toLowerCase());
    const withFile = await diagnoseTarget('', { rdpFile: rdpFile(NLA_OFF.replace('placeholder', `127.0.0.1:${shadow.port}`)) });
    expect(top(withFile)).toBe('nla-required-client-disabled');
    await shadow.stop();
  });
});

describe('agreement with a real client', () => {
  it('an .rdp with CredSSP off: xfreerdp and the diagnosis agree against xrdp (connects) and the NLA shadow (refused)', async () => {
    const [xrdp, shadow] = await Promise.all([startXrdp({ securityLayer: 'negotiate', cert: 'valid' }), startShadow()]);
    const file = (port: number) => `full address:s:127.0.0.1:${port}\r\nenablecredsspsupport:i:0\r\n`;
    const dir = mkdtempSync(join(home, 'rdp-'));
    const paths = { xrdp: join(dir, 'xrdp.rdp'), shadow: join(dir, 'shadow.rdp') };
    writeFileSync(paths.xrdp, file(xrdp.port));
    writeFileSync(paths.shadow, file(shadow.port));
    const fromFile = (path: string) => ({ name: 'lab.rdp', contentBase64: readFileSync(path).toString('base64') });
    const [clientXrdp, clientShadow, oursXrdp, oursShadow] = await Promise.all([
      runXfreerdp({ rdpFile: paths.xrdp, host: '127.0.0.1', port: xrdp.port, user: 'x', password: 'y', timeoutMs: 15_000 }),
      runXfreerdp({ rdpFile: paths.shadow, host: '127.0.0.1', port: shadow.port, user: 'x', password: 'y', timeoutMs: 15_000 }),
      diagnoseTarget('', { rdpFile: fromFile(paths.xrdp) }),
      diagnoseTarget('', { rdpFile: fromFile(paths.shadow) }),
    ]);
    expect(clientXrdp.exitCode, clientXrdp.stderr + clientXrdp.stdout).toBe(XFREERDP_EXIT.SUCCESS);
    expect(clientShadow.exitCode, clientShadow.stderr + clientShadow.stdout).toBe(XFREERDP_EXIT.NEGO_FAILURE);
    expect(oursXrdp.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity)).map((f) => f.id)).toEqual([]);
    expect(top(oursShadow)).toBe('nla-required-client-disabled');
    await Promise.all([xrdp.stop(), shadow.stop()]);
  });
});

describe('stand-ins for behaviour no real peer shows', () => {
  it.each([
    ['hang', 'negotiation-timeout'],
    ['drop', 'connection-dropped-during-negotiation'],
    ['http', 'not-rdp-service'],
    ['tls10-only', 'tls-version-mismatch'],
  ] as const)('%s → %s', async (kind, finding) => {
    const server = await startStandIn(kind);
    const begin = Date.now();
    const report = await diagnoseTarget(`127.0.0.1:${server.port}`);
    expect(top(report)).toBe(finding);
    expect(Date.now() - begin).toBeLessThan(WITHIN);
    expect(await openSocketsAfter(server)).toBe(0);
    await server.stop();
  });

  it('the same server a little slow on every step: every step completes, CredSSP included, well before the deadline', async () => {
    const server = await startStandIn('slow-steps', { stepDelayMs: 150 });
    const begin = performance.now();
    const report = await diagnoseTarget(`127.0.0.1:${server.port}`);
    expect(performance.now() - begin).toBeLessThan(TIMEOUT);
    expect(check(report, 'tls.handshake')?.status).toBe('pass');
    expect(check(report, 'credssp.ntlm-info')).toMatchObject({ status: 'pass', evidence: { netbiosComputer: 'SLOW' } });
    await server.stop();
  });

  it('a server that answers every step just inside the timeout: the whole diagnosis still ends at its deadline, sockets closed', async () => {
    const server = await startStandIn('slow-steps', { stepDelayMs: TIMEOUT * 0.9 });
    const begin = performance.now();
    const report = await diagnoseTarget(`127.0.0.1:${server.port}`);
    const elapsed = performance.now() - begin;
    expect(elapsed).toBeLessThan(WITHIN);
    // Confirm, TLS and CredSSP each near the timeout cannot all fit: the ones cut at the deadline say so.
    expect(elapsed).toBeGreaterThan(TIMEOUT * 2);
    expect(check(report, 'rdp.negotiation')).toMatchObject({ status: 'pass', evidence: { supported: ['SSL', 'HYBRID'] } });
    const late = report.checks.filter((c) => c.summary.startsWith(`Did not finish within ${TIMEOUT * 2 + DEADLINE_MARGIN_MS} ms`));
    expect(late.map((c) => [c.id, c.status])).toEqual([
      ['tls.handshake', 'error'],
      ['credssp.ntlm-info', 'error'],
    ]);
    expect(await openSocketsAfter(server)).toBe(0);
    await server.stop();
  });

  it('RDP_NEG_FAILURE 3 → server-no-certificate', async () => {
    const server = await startStandIn('neg-failure', { code: 3 });
    const report = await diagnoseTarget(`127.0.0.1:${server.port}`);
    expect(top(report)).toBe('server-no-certificate');
    await server.stop();
  });

  it('a path that loses about every other connect → packet-loss, though most connects get through', async () => {
    const lossy = await startLossyListener({ holdMs: 300 });
    // The TCP check alone, at the default timeout so the sample has room for five connects of which some are lost.
    const report = await diagnoseTarget(`127.0.0.1:${lossy.port}`, { checks: ['net.tcp'], timeoutMs: 5000 });
    const tcp = check(report, 'net.tcp');
    const latency = tcp?.evidence['latency'] as { attempts: number; lost: number; retries: number; lossRatio: number; connects: { kind: string }[] };
    expect(latency.retries).toBe(0);
    expect(latency.attempts).toBe(5);
    expect(latency.lost).toBeGreaterThanOrEqual(2);
    expect(latency.lost).toBeLessThanOrEqual(3);
    expect(latency.connects.filter((c) => c.kind === 'timeout')).toHaveLength(latency.lost);
    expect(tcp).toMatchObject({ status: 'warn', evidence: { verdict: 'open', packetLoss: true } });
    expect(report.findings.map((f) => f.id)).toContain('packet-loss');
    await lossy.stop();
  });

  it('a server that answers every connect at once: the handshake connects are the latency sample, no extra connects', async () => {
    const server = await startStandIn('neg-failure', { code: 3 });
    const report = await diagnoseTarget(`127.0.0.1:${server.port}`);
    const latency = check(report, 'net.tcp')?.evidence['latency'] as { source: string; attempts: number; lost: number; connects: { kind: string }[] };
    expect(latency.source).toBe('handshakes');
    expect(latency.attempts).toBeGreaterThanOrEqual(5);
    expect(latency.lost).toBe(0);
    expect(latency.connects.every((c) => c.kind === 'open')).toBe(true);
    await server.stop();
  });

  it('two diagnoses of one xrdp at once, by address and by name: neither mistakes the other for packet loss', async () => {
    const xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    for (let round = 0; round < 3; round++) {
      const reports = await Promise.all([`127.0.0.1:${xrdp.port}`, `localhost:${xrdp.port}`].map((target) => diagnoseTarget(target)));
      for (const report of reports) {
        const evidence = check(report, 'net.tcp')?.evidence as { packetLoss: boolean; latency: { lost: number } };
        expect(evidence.packetLoss).toBe(false);
        // On a loaded machine xrdp itself may be too slow to accept one SYN; the other diagnosis's burst never costs more.
        expect(evidence.latency.lost).toBeLessThanOrEqual(1);
        expect(report.findings.map((f) => f.id)).toEqual(['certificate-self-signed']);
      }
    }
    await xrdp.stop();
  });

  it('a closed port → port-refused', async () => {
    const report = await diagnoseTarget(`127.0.0.1:${await closedPort()}`);
    expect(top(report)).toBe('port-refused');
  });

  it('a .invalid name → dns-unresolvable', async () => {
    const report = await diagnoseTarget('no-such-host.invalid');
    expect(top(report)).toBe('dns-unresolvable');
  });
});
