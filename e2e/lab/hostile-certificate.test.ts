// A certificate padded toward the one certificate limit is judged like any other, end to end: a real xrdp presents
// a wrong-name self-signed certificate of 92 KB, and `rdp-doctor diagnose` names the mismatch and exits 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCert } from '../../src-main/net/test-certs';
import { MAX_CERTIFICATE_BYTES } from '../../src-main/shared/limits';
import { buildCliIfNeeded, runCli } from '../support/cli';
import { stopAll } from './processes';
import { startXrdp } from './xrdp';

let home: string;
beforeAll(() => {
  buildCliIfNeeded();
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-hostile-cert-'));
}, 180_000);
afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

/** The one report `diagnose --json` printed. */
function reportOf(stdout: string): { findings: { id: string }[]; checks: { id: string; status: string; summary: string }[] } {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ReturnType<typeof reportOf>;
}

describe('an oversized certificate from a real server', () => {
  it('a wrong-name self-signed certificate padded to 92 KB gives the name-mismatch finding and exit 1', async () => {
    const padded = makeTestCert({ commonName: 'fileserver.corp.example', padBytes: 92_000 });
    expect(padded.der.length).toBeGreaterThan(92_000);
    expect(padded.der.length).toBeLessThanOrEqual(MAX_CERTIFICATE_BYTES);
    const xrdp = await startXrdp({ securityLayer: 'tls', cert: { certPem: padded.certPem, keyPem: padded.keyPem } });
    try {
      const r = runCli(['diagnose', `127.0.0.1:${xrdp.port}`, '--json', '--timeout', '5000'], home, { timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(1);
      const report = reportOf(r.stdout);
      expect(report.checks.find((c) => c.id === 'tls.certificate')).toMatchObject({ status: 'warn' });
      expect(report.findings.map((f) => f.id)).toContain('certificate-name-mismatch');
    } finally {
      await xrdp.stop();
    }
  }, 90_000);
});
