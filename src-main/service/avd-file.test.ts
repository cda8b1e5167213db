// A diagnosis of an Azure Virtual Desktop / Windows 365 file probes what the client really reaches: the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopAll } from '../../e2e/lab';
import { startGatewayStandin, type GatewayStandin } from '../../e2e/lab/gateway-standin';
import { CHECK_META } from '../shared/catalog';
import { runDiagnosis, serviceSkip } from './diagnosis';
import { createNodeDeps } from './node-deps';

let home: string;
let gateway: GatewayStandin;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-avd-'));
  gateway = await startGatewayStandin({ mode: 'gateway' });
});

afterAll(async () => {
  await gateway.stop();
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

/** A Windows 365 file as the Windows App downloads it, with the lab's gateway stand-in as the service's gateway. */
function cloudPcFile(gatewayHost: string): string {
  return [
    'gatewayusagemethod:i:1',
    'gatewayprofileusagemethod:i:1',
    'full address:s:rdgateway-r1.wvd.microsoft.com',
    'alternate full address:s:rdgateway-r1.wvd.microsoft.com',
    'resourceprovider:s:arm',
    `gatewayhostname:s:${gatewayHost}`,
    'loadbalanceinfo:s:mth://localhost/33333333-4444-5555-6666-777777777777/22222222-3333-4444-5555-666666666666',
    'remotedesktopname:s:Cloud PC Enterprise 4vCPU/16GB/256GB',
    'targetisaadjoined:i:1',
    '',
  ].join('\n');
}

describe('a diagnosis of an Azure Virtual Desktop / Windows 365 file', () => {
  it('skips the direct probes of the front end and probes the service gateway instead', async () => {
    const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
    const file = { name: 'Cloud PC.rdp', contentBase64: Buffer.from(cloudPcFile(`127.0.0.1:${gateway.port}`)).toString('base64') };
    const report = await runDiagnosis('avd', { target: '', rdpFile: file, timeoutMs: 1500 }, deps, () => {}, new AbortController().signal);
    expect(report.target).toMatchObject({ host: 'rdgateway-r1.wvd.microsoft.com', port: 3389 });
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    for (const id of ['dns.resolve', 'net.tcp', 'rdp.negotiation', 'tls.handshake', 'tls.certificate', 'credssp.ntlm-info'] as const) {
      expect(byId.get(id)?.status, id).toBe('skip');
      expect(byId.get(id)?.summary, id).toMatch(/Azure Virtual Desktop .* never connects here directly; it goes through the service's gateway 127\.0\.0\.1:\d+/);
    }
    const gw = byId.get('gateway.probe');
    expect(gw?.status).not.toBe('skip');
    expect(gw?.evidence['source']).toBe('rdp-file');
    expect(gateway.requests.length).toBeGreaterThan(0);
    // Nothing about the front end on 3389 (never dialled) can be blamed.
    for (const f of report.findings) expect(['port-refused', 'port-unreachable', 'dns-unresolvable', 'not-rdp-service', 'negotiation-timeout']).not.toContain(f.id);
  });

  it('skips nothing for an ordinary file, or when --gateway names another gateway', () => {
    const settings = { enableCredSsp: null, authenticationLevel: null, negotiateSecurityLayer: null, port: null, gateway: 'g', address: 'h', fileName: 'f.rdp' };
    expect(serviceSkip(settings, null)).toBeUndefined();
    expect(serviceSkip({ ...settings, service: 'azure-virtual-desktop' }, 'rdgw.example.net')).toBeUndefined();
    const skip = serviceSkip({ ...settings, service: 'azure-virtual-desktop' }, null);
    const network = Object.entries(CHECK_META)
      .filter(([, m]) => m.scope === 'network')
      .map(([id]) => id);
    expect(network.filter((id) => skip?.(id as never) === null)).toEqual(['gateway.probe']);
    expect(skip?.('client.rdp-files')).toBeNull();
  });
});
