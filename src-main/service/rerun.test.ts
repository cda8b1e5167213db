// Re-running one check inside a finished diagnosis: the other results stay, the findings, support code and the
// exported report follow the new result.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNodeAppService } from './node-deps';
import type { Report } from '../shared/schema';

const FIXTURES = resolve(__dirname, '..', '..', 'e2e', 'fixtures', 'windows');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

describe('re-running a check in a finished diagnosis', () => {
  it('keeps the other results and recomputes findings, support code and the exported report', async () => {
    const machine = temp('rdp-rerun-machine-');
    cpSync(join(FIXTURES, 'host-expired-cert'), machine, { recursive: true });
    const service = createNodeAppService({ door: 'browser', dataDir: temp('rdp-rerun-home-'), env: { RDP_DOCTOR_REPLAY: machine } });
    const { handlers } = service;
    try {
      const { taskId: first } = await handlers['diagnosis:start']({ target: 'RDP-HOST01' });
      const before = await service.waitForReport(first);
      expect(before.findings.map((f) => f.id)).toContain('server-certificate-expired');
      const codeBefore = (await handlers['support:code']({ taskId: first })).code;

      // Someone renewed the certificate on the host: the recording now holds one valid for another year.
      const certFile = join(machine, 'server-certificate.out');
      writeFileSync(certFile, readFileSync(certFile, 'utf8').replace('"notAfter":"2026-08-05T', `"notAfter":"${new Date().getUTCFullYear() + 1}-08-05T`));

      const { taskId: rerun } = await handlers['diagnosis:start']({ target: 'RDP-HOST01', checks: ['server.certificate'], rerunOf: first });
      expect(rerun).not.toBe(first);
      const after = await service.waitForReport(rerun);
      expect(after.checks.map((c) => c.id)).toEqual(before.checks.map((c) => c.id));
      expect(after.checks.find((c) => c.id === 'server.certificate')?.status).toBe('pass');
      expect(after.checks.find((c) => c.id === 'server.events')).toEqual(before.checks.find((c) => c.id === 'server.events'));
      expect(after.findings.map((f) => f.id)).not.toContain('server-certificate-expired');
      expect((await handlers['support:code']({ taskId: rerun })).code).not.toBe(codeBefore);

      const exported = await handlers['report:export']({ taskId: rerun, format: 'json', redact: { users: false, hosts: false } });
      const json = JSON.parse(Buffer.from(exported.contentBase64, 'base64').toString('utf8')) as Report;
      expect(json.checks.find((c) => c.id === 'server.certificate')?.status).toBe('pass');
      expect(json.findings.map((f) => f.id)).toEqual(after.findings.map((f) => f.id));
    } finally {
      service.shutdown();
    }
  });

  it('refuses to re-run in a diagnosis it does not know', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: temp('rdp-rerun-home-'), env: {} });
    await expect(service.handlers['diagnosis:start']({ target: '127.0.0.1', checks: ['net.tcp'], rerunOf: 'nope' })).rejects.toThrow(/No finished diagnosis/);
    service.shutdown();
  });
});
