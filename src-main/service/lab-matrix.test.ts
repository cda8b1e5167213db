// The lab matrix: real xrdp with every security layer and certificate, each ending in its exact findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startXrdp, stopAll, type XrdpOptions } from '../../e2e/lab';
import type { Report } from '../shared/schema';
import { runDiagnosis } from './diagnosis';
import { createNodeDeps } from './node-deps';

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-matrix-'));
});
afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

async function diagnoseXrdp(securityLayer: XrdpOptions['securityLayer'], cert: 'valid' | 'expired' | 'wrong-name'): Promise<Report> {
  const xrdp = await startXrdp({ securityLayer, cert });
  try {
    const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
    return await runDiagnosis('m', { target: `127.0.0.1:${xrdp.port}`, timeoutMs: 1500 }, deps, () => {}, new AbortController().signal);
  } finally {
    await xrdp.stop();
  }
}

const findingsOf = (r: Report) => r.findings.map((f) => `${f.id}:${f.severity}`);

describe('real xrdp: security layer × certificate', () => {
  // A lab certificate is self-signed (info, normal for RDP); Standard RDP Security never shows a certificate.
  it.each([
    ['negotiate', 'valid', ['certificate-self-signed:info']],
    ['negotiate', 'expired', ['certificate-expired:high', 'certificate-self-signed:info']],
    ['negotiate', 'wrong-name', ['certificate-name-mismatch:medium', 'certificate-self-signed:info']],
    ['tls', 'valid', ['certificate-self-signed:info']],
    ['tls', 'expired', ['certificate-expired:high', 'certificate-self-signed:info']],
    ['tls', 'wrong-name', ['certificate-name-mismatch:medium', 'certificate-self-signed:info']],
    ['rdp', 'valid', ['server-rdp-security-only:medium']],
    ['rdp', 'expired', ['server-rdp-security-only:medium']],
    ['rdp', 'wrong-name', ['server-rdp-security-only:medium']],
  ] as const)('%s / %s → %j, in that order', async (layer, cert, expected) => {
    const report = await diagnoseXrdp(layer, cert);
    expect(findingsOf(report)).toEqual(expected);
  });
});
