import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runXfreerdp, startShadow, startXrdp, stopAll, XFREERDP_EXIT, type LabShadow, type LabXrdp } from '../../e2e/lab';
import { generateCleanRdp } from './generate';

let xrdp: LabXrdp;
let shadow: LabShadow;
const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-clean-'));

beforeAll(async () => {
  [xrdp, shadow] = await Promise.all([startXrdp({ securityLayer: 'negotiate' }), startShadow()]);
});

afterAll(() => stopAll());

/** Writes the generated UTF-16LE bytes as they would be saved for mstsc. */
function writeClean(port: number, name: string): string {
  const clean = generateCleanRdp({ address: `127.0.0.1:${port}`, fallback: true, username: 'lab' });
  const path = join(dir, name);
  writeFileSync(path, clean.bytes);
  return path;
}

describe('the generated fallback .rdp against real peers', () => {
  it('real xfreerdp reads the UTF-16LE file and authenticates against lab xrdp (+auth-only, exit 0)', async () => {
    const r = await runXfreerdp({ rdpFile: writeClean(xrdp.port, 'xrdp.rdp'), user: 'lab', password: 'lab', timeoutMs: 20_000 });
    expect(r.exitCode, r.stdout + r.stderr).toBe(XFREERDP_EXIT.SUCCESS);
  });

  it('fails against the NLA-only shadow server, because the file turns CredSSP off', async () => {
    const r = await runXfreerdp({ rdpFile: writeClean(shadow.port, 'shadow.rdp'), user: 'lab', password: 'lab', timeoutMs: 20_000 });
    expect(r.exitCode, r.stdout + r.stderr).toBe(XFREERDP_EXIT.NEGO_FAILURE);
    expect(r.stdout + r.stderr).toContain('HYBRID_REQUIRED_BY_SERVER');
  });
});
