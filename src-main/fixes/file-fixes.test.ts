import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdpBytes, stringSetting, intSetting } from '../rdpfile/parse';
import type { Report } from '../shared/schema';
import { createFixService } from './service';
import { tempJournalDir } from './test-helpers';

const signed = readFileSync(join(__dirname, '..', 'rdpfile', 'fixtures', 'signed.utf16le.rdp'));
const report = { target: { input: 'app.example.com', host: 'app.example.com', port: 3389, addresses: ['2001:db8::5', '192.0.2.44'] } } as unknown as Report;

function service(checks: string[] = []) {
  return createFixService({
    windows: null,
    journalDir: tempJournalDir(),
    isLocalHost: () => false,
    runChecks: async (_t, ids) => {
      checks.push(...ids);
      return ids.map((id) => ({ id, section: 'auth' as const, status: 'pass' as const, title: id, summary: 'ok', durationMs: 1, evidence: {} }));
    },
    lookupTask: (id) => (id === 'task-1' ? { report, rdpFile: { name: 'app.rdp', contentBase64: signed.toString('base64') } } : undefined),
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

  it('writes to -o with a byte copy of the old file; undo puts it back byte for byte', async () => {
    const s = service();
    const out = join(tempJournalDir(), 'conn.rdp');
    const old = Buffer.from('old bytes \u0000\u00ff', 'latin1');
    writeFileSync(out, old);
    const r = await s.apply({ fixId: 'rdpfile.generate-clean', target: 'server01', option: out });
    expect(r.status).toBe('applied');
    expect(stringSetting(parse(readFileSync(out).toString('base64')), 'full address')).toBe('server01');
    const undo = await s.undo(r.journalId ?? '');
    expect(undo.ok).toBe(true);
    expect(readFileSync(out).equals(old)).toBe(true);
  });

  it('dry run writes nothing', async () => {
    const out = join(tempJournalDir(), 'none.rdp');
    const r = await service().apply({ fixId: 'rdpfile.generate-clean', target: 'server01', option: out, dryRun: true });
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
    await expect(service().plan({ fixId: 'rdpfile.generate-clean', target: 'h', option: '/etc/passwd' })).rejects.toThrow(/must end in \.rdp/);
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
