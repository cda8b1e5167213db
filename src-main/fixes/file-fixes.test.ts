import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdpBytes, stringSetting, intSetting } from '../rdpfile/parse';
import type { Report } from '../shared/schema';
import { createFixService } from './service';
import { tempJournalDir } from './test-helpers';

const signed = readFileSync(join(__dirname, '..', 'rdpfile', 'fixtures', 'signed.utf16le.rdp'));
const report = { target: { input: 'app.example.com', host: 'app.example.com', port: 3389, addresses: ['2001:db8::5', '192.0.2.44'] } } as unknown as Report;
const gatewayFile = readFileSync(join(__dirname, '..', 'rdpfile', 'fixtures', 'mstsc-gateway.utf16le.rdp'));
const gatewayReport = { target: { input: 'PC01-W7.corp.example', host: 'pc01-w7.corp.example', port: 3389, addresses: [] } } as unknown as Report;

function service(checks: string[] = [], outputDir = tempJournalDir()) {
  return createFixService({
    windows: null,
    journalDir: tempJournalDir(),
    outputDir,
    isLocalHost: () => false,
    runChecks: async (_t, ids) => {
      checks.push(...ids);
      return ids.map((id) => ({ id, section: 'auth' as const, status: 'pass' as const, title: id, summary: 'ok', durationMs: 1, evidence: {} }));
    },
    lookupTask: (id) =>
      id === 'task-1'
        ? { report, rdpFile: { name: 'app.rdp', contentBase64: signed.toString('base64') } }
        : id === 'task-gw'
          ? { report: gatewayReport, rdpFile: { name: 'work.rdp', contentBase64: gatewayFile.toString('base64') } }
          : undefined,
  });
}

const parse = (b64: string) => {
  const r = parseRdpBytes(Buffer.from(b64, 'base64'));
  if (!r.ok) throw new Error(r.error);
  return r.file;
};

describe('rdpfile fixes work on any OS without PowerShell', () => {
  it('generate-clean returns the fallback file with its security cost, and verifies with the linked check', async () => {
    const ran: string[] = [];
    const s = service(ran);
    const plan = await s.plan({ fixId: 'rdpfile.generate-clean', target: 'server01.example:3390' });
    expect(plan).toMatchObject({ canApplyHere: true, needsElevation: false, script: null, scope: 'client' });
    expect(plan.securityCost).toMatch(/turns off Network Level Authentication/);
    const r = await s.apply({ fixId: 'rdpfile.generate-clean', target: 'server01.example:3390' });
    expect(r).toMatchObject({ status: 'applied', journalId: null, output: { fileName: 'server01.example-fallback.rdp', mime: 'application/x-rdp' } });
    const file = parse(r.output?.contentBase64 ?? '');
    expect(stringSetting(file, 'full address')).toBe('server01.example:3390');
    expect(intSetting(file, 'enablecredsspsupport')).toBe(0);
    expect(ran).toEqual(['rdp.negotiation']);
    expect(r.verification?.verified).toBe(true);
  });

  it('generate-clean cleans the diagnosed file for that host: the fallback flags, and its RD Gateway kept', async () => {
    const r = await service().apply({ fixId: 'rdpfile.generate-clean', target: 'PC01-W7.corp.example', taskId: 'task-gw' });
    const file = parse(r.output?.contentBase64 ?? '');
    expect(stringSetting(file, 'gatewayhostname')).toBe('RDGW01.corp.example');
    expect(intSetting(file, 'gatewayusagemethod')).toBe(1);
    expect(intSetting(file, 'enablecredsspsupport')).toBe(0);
    expect(stringSetting(file, 'username')).toBe('CORP\\anna');
    expect(stringSetting(file, 'desktopwidth')).toBeNull();
    // A signed diagnosed file: the copy says the signature goes.
    const signedPlan = await service().plan({ fixId: 'rdpfile.generate-clean', target: 'app.example.com', taskId: 'task-1' });
    expect(signedPlan.notes.join(' ')).toMatch(/signed by its publisher/);
  });

  it('writes the named file into the app folder with a byte copy of the old file; undo puts it back byte for byte', async () => {
    const folder = tempJournalDir();
    const s = service([], folder);
    const out = join(folder, 'conn.rdp');
    const old = Buffer.from('old bytes \u0000\u00ff', 'latin1');
    writeFileSync(out, old);
    const plan = await s.plan({ fixId: 'rdpfile.generate-clean', target: 'server01', option: 'conn.rdp' });
    expect(plan.steps[0]?.file).toBe(out);
    const r = await s.apply({ fixId: 'rdpfile.generate-clean', target: 'server01', option: 'conn.rdp' });
    expect(r.status).toBe('applied');
    expect(stringSetting(parse(readFileSync(out).toString('base64')), 'full address')).toBe('server01');
    const undo = await s.undo(r.journalId ?? '');
    expect(undo.ok).toBe(true);
    expect(readFileSync(out).equals(old)).toBe(true);
  });

  it('dry run writes nothing', async () => {
    const folder = tempJournalDir();
    const out = join(folder, 'none.rdp');
    const r = await service([], folder).apply({ fixId: 'rdpfile.generate-clean', target: 'server01', option: 'none.rdp', dryRun: true });
    expect(r.status).toBe('dry-run');
    expect(existsSync(out)).toBe(false);
  });

  it('use-ip edits the diagnosed signed file: IPv4 from the diagnosis, other settings kept, signature removed and said so', async () => {
    const s = service();
    const plan = await s.plan({ fixId: 'rdpfile.use-ip', target: 'app.example.com', taskId: 'task-1' });
    expect(plan.notes.join(' ')).toMatch(/signature was removed/);
    const r = await s.apply({ fixId: 'rdpfile.use-ip', target: 'app.example.com', taskId: 'task-1' });
    const file = parse(r.output?.contentBase64 ?? '');
    expect(stringSetting(file, 'full address')).toBe('192.0.2.44');
    expect(stringSetting(file, 'alternate full address')).toBe('192.0.2.44');
    expect(stringSetting(file, 'gatewayhostname')).toBe('gw.example.com');
    expect(stringSetting(file, 'signature')).toBeNull();
    await expect(s.plan({ fixId: 'rdpfile.use-ip', target: '10.0.0.1' })).rejects.toThrow(/already an IP address/);
    await expect(s.plan({ fixId: 'rdpfile.use-ip', target: 'x.example', taskId: 'nope' })).rejects.toThrow(/No diagnosis/);
  });

  it('refuses an output name that is not .rdp', async () => {
    await expect(service().plan({ fixId: 'rdpfile.generate-clean', target: 'h', option: 'passwd' })).rejects.toThrow(/must end in \.rdp/);
  });

  it('refuses any path in the option, also when the service is called directly, and writes nothing', async () => {
    const folder = tempJournalDir();
    const outside = join(tempJournalDir(), 'x.rdp');
    const s = service([], folder);
    for (const option of ['../../x.rdp', outside, '..\\x.rdp', 'C:x.rdp', 'sub/x.rdp', '..', 'NUL.rdp']) {
      for (const fixId of ['rdpfile.generate-clean', 'rdpfile.use-ip'] as const) {
        await expect(s.apply({ fixId, target: 'server01', option })).rejects.toThrow(/not a path|not a valid Windows file name/);
      }
    }
    expect(existsSync(outside)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('cleanRdpForTarget (rdp-file clean)', () => {
  it('looks up the IP for --use-ip and keeps the fallback flags', async () => {
    const { cleanRdpForTarget } = await import('./index');
    const out = await cleanRdpForTarget('localhost:3390', { fallback: true, useIp: true });
    const address = stringSetting(out.file, 'full address') ?? '';
    expect(address).toMatch(/^(127\.0\.0\.1|\[::1\]):3390$/);
    expect(intSetting(out.file, 'enablecredsspsupport')).toBe(0);
    await expect(cleanRdpForTarget('bad host!', { fallback: false, useIp: false })).rejects.toThrow(/not a valid computer name/);
  });
});
