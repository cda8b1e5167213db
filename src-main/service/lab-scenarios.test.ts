// Issue 3 acceptance: every lab scenario, real peers where one exists, ends in the exact top finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, startShadow, startStandIn, startXrdp, stopAll } from '../../e2e/lab';
import type { DiagnoseRequest } from '../shared/dto';
import type { Report } from '../shared/schema';
import { runDiagnosis } from './diagnosis';
import { createNodeDeps } from './node-deps';

let home: string;
const TIMEOUT = 1500;

async function diagnoseTarget(target: string, extra: Partial<DiagnoseRequest> = {}): Promise<Report> {
  const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
  return runDiagnosis('t', { target, timeoutMs: TIMEOUT, ...extra }, deps, () => {}, new AbortController().signal);
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
    expect(JSON.stringify(check(report, 'rdp.negotiation')?.evidence)).toMatch(/HYBRID/);
    expect(check(report, 'credssp.ntlm-info')?.status).not.toBe('skip');
    expect(JSON.stringify(check(report, 'credssp.ntlm-info')?.evidence).toLowerCase()).toContain(hostname().toLowerCase().slice(0, 15));
    const withFile = await diagnoseTarget('', { rdpFile: rdpFile(NLA_OFF.replace('placeholder', `127.0.0.1:${shadow.port}`)) });
    expect(top(withFile)).toBe('nla-required-client-disabled');
    await shadow.stop();
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
    expect(Date.now() - begin).toBeLessThan(TIMEOUT * 3);
    await server.stop();
  });

  it('RDP_NEG_FAILURE 3 → server-no-certificate', async () => {
    const server = await startStandIn('neg-failure', { code: 3 });
    const report = await diagnoseTarget(`127.0.0.1:${server.port}`);
    expect(top(report)).toBe('server-no-certificate');
    await server.stop();
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
