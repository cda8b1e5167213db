import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReplaySource } from '../windows/replay-source';
import { CACHE_SCRIPTS } from './cache-clear.fix';
import { CREDENTIALS_DELETE_SCRIPT } from './credentials-clear.fix';
import { DNS_FLUSH_SCRIPT } from './dns-flush.fix';
import { createReplayExecutor } from './executors';
import { FIREWALL_SCRIPTS, RDP_RULES } from './enable-firewall-rule.fix';
import { MACHINEKEYS_SCRIPTS } from './reset-machinekeys-acl.fix';
import { RESTORE_ACL } from './machinekeys-steps';
import { KEY_PERMISSION_SCRIPTS } from './repair-key-permissions.fix';
import { RENEW_SCRIPTS } from './renew-certificate.fix';
import { REGISTRY_SCRIPTS } from './registry-steps';
import { TERMSERVICE_SCRIPTS } from './restart-termservice.fix';
import { createFixService } from './service';
import { runChecksOn, tempJournalDir, WINDOWS_FIXTURES } from './test-helpers';
import type { FixId } from '../shared/ids';
import { buildElevatedInvocation, ELEVATED_HEAD, ELEVATED_TAIL } from '../windows/elevate';
import { buildPowerShellInvocation, DATA_ENV } from '../windows/powershell-runner';
import { recordedOutputPath, type RecordedRun } from './executors';

/** What the runner would really receive for a run: decoded from the spawned invocation (through UAC for elevated steps). */
function dataSentToRunner(run: RecordedRun): Record<string, unknown> {
  const plain = (inv: { env: Readonly<Record<string, string>> }) => JSON.parse(Buffer.from(inv.env[DATA_ENV] ?? '', 'base64').toString('utf8')) as Record<string, unknown>;
  if (run.elevation !== 'always') return plain(buildPowerShellInvocation(run.script, { ...run.data }, 'C:\\Windows'));
  const launcher = plain(buildElevatedInvocation(run.script, { ...run.data }, 'C:\\Users\\a\\AppData\\Local\\Temp\\x\\result.json', 'C:\\Windows')) as { encodedCommand: string };
  const elevated = Buffer.from(launcher.encodedCommand, 'base64').toString('utf16le');
  const literal = elevated.slice(ELEVATED_HEAD.length, elevated.indexOf(ELEVATED_TAIL));
  return (JSON.parse(Buffer.from(literal, 'base64').toString('utf8')) as { data: Record<string, unknown> }).data;
}

/** The backup output recorded on the machine, parsed. */
const recordedBackup = (machine: string, fixId: FixId, step: string): unknown => JSON.parse(readFileSync(recordedOutputPath(join(WINDOWS_FIXTURES, machine), fixId, step), 'utf8'));

function setup(machine: string) {
  const windows = createReplaySource(join(WINDOWS_FIXTURES, machine));
  const executor = createReplayExecutor(windows);
  const journalDir = tempJournalDir();
  const service = createFixService({ windows, journalDir, executor, isLocalHost: () => true, runChecks: runChecksOn(windows), lookupTask: () => undefined });
  return { windows, executor, journalDir, service };
}

const journalOf = (dir: string, id: string) =>
  JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as { state: string; log: { step: string }[]; backups: Record<string, { output?: string }> };

describe('credentials.clear under replay', () => {
  it('records the user name, runs only cmdkey /delete as data, verifies, and refuses to undo what it cannot bring back', async () => {
    const { windows, executor, journalDir, service } = setup('client-saved-creds-nla-off');
    const plan = await service.plan({ fixId: 'credentials.clear', target: '127.0.0.1' });
    expect(plan).toMatchObject({ canApplyHere: true, needsElevation: false, verifyChecks: ['client.saved-credentials'], script: null });
    expect(plan.steps[0]?.command).toContain(`$RdpDoctorData = '{"target":"TERMSRV/127.0.0.1"}' | ConvertFrom-Json`);
    const before = await windows.collect('client-credentials', {}, new AbortController().signal);
    const result = await service.apply({ fixId: 'credentials.clear', target: '127.0.0.1' });
    expect(result.status).toBe('applied');
    expect(result.message).toContain('The saved user name was LAB\\bob.');
    expect(result.verification?.verified).toBe(true);
    expect(executor.runs).toEqual([{ name: 'cmdkey-delete', script: CREDENTIALS_DELETE_SCRIPT, data: { target: 'TERMSRV/127.0.0.1' }, elevation: 'none' }]);
    const entry = journalOf(journalDir, result.journalId ?? '');
    expect(entry.state).toBe('applied');
    expect(entry.log.map((l) => l.step)).toEqual(['backup:saved-credentials', 'backed-up', 'applying', 'apply:cmdkey-delete', 'applied']);
    expect(entry.backups['saved-credentials']?.output).toBe(before);
    expect(await windows.collect('client-credentials', {}, new AbortController().signal)).not.toContain('TERMSRV/127.0.0.1');
    expect(plan.reversibility).toBe('irreversible');
    // A deleted password cannot be read back: undo says so and changes nothing, the journal keeps the fix as applied.
    const undo = await service.undo(result.journalId ?? '');
    expect(undo.ok).toBe(false);
    expect(undo.message).toMatch(/^Remove saved credentials cannot be undone\. .*cannot be restored.*LAB\\bob/);
    expect(await windows.collect('client-credentials', {}, new AbortController().signal)).not.toContain('TERMSRV/127.0.0.1');
    expect(journalOf(journalDir, result.journalId ?? '').state).toBe('applied');
  });
});

interface Case {
  readonly fixId: FixId;
  readonly machine: string;
  readonly option?: string;
  readonly backup: { name: string; script: string; elevation: string; data?: Record<string, unknown> } | null;
  readonly apply: { name: string; script: string; data: Record<string, unknown>; elevation: string };
  readonly undo: { name: string; script: string } | null;
  /** What the undo must put back, checked on the data the runner would receive (the recorded backup). */
  readonly restores?: (backup: Record<string, unknown>) => void;
}

type Values = { name: string; exists: boolean; kind: string | null; value: number | null }[];
/** The registry restore gets exactly the recorded key and values. */
const restoresValues = (regKey: string, values: Values) => (b: Record<string, unknown>) => {
  expect(b['regKey']).toBe(regKey);
  expect(b['values']).toEqual(values);
};

const RDP_TCP = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';
const reg = (regKey: string, values: { name: string; value: number }[]) => ({
  name: 'registry-set',
  script: REGISTRY_SCRIPTS.SET_VALUES,
  data: { regKey, values },
  elevation: 'always',
});
const snapshot = { name: 'registry-snapshot', script: REGISTRY_SCRIPTS.SNAPSHOT, elevation: 'none' };
const restore = { name: 'registry-restore', script: REGISTRY_SCRIPTS.RESTORE_VALUES };
const MK = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex').toUpperCase();
const HOST1 = join(WINDOWS_FIXTURES, 'host-expired-cert', 'fix-backups');

const CASES: Case[] = [
  {
    fixId: 'cache.clear',
    machine: 'client-saved-creds-nla-off',
    backup: { name: 'cache-copy', script: CACHE_SCRIPTS.BACKUP, elevation: 'none' },
    apply: { name: 'cache-delete', script: CACHE_SCRIPTS.CLEAR, data: {}, elevation: 'none' },
    undo: { name: 'cache-restore', script: CACHE_SCRIPTS.RESTORE },
    restores: (b) => expect(b).toEqual({ files: ['bcache22.bmc', 'bcache24.bmc', 'Cache0000.bin', 'Cache0001.bin', 'Cache0002.bin', 'Cache0003.bin'] }),
  },
  { fixId: 'dns.flush', machine: 'client-saved-creds-nla-off', backup: null, apply: { name: 'flushdns', script: DNS_FLUSH_SCRIPT, data: {}, elevation: 'fallback' }, undo: null },
  {
    fixId: 'client.disable-udp',
    machine: 'client-saved-creds-nla-off',
    backup: snapshot,
    apply: reg('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client', [{ name: 'fClientDisableUDP', value: 1 }]),
    undo: restore,
    restores: restoresValues('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client', [{ name: 'fClientDisableUDP', exists: false, kind: null, value: null }]),
  },
  {
    fixId: 'client.credssp-oracle',
    machine: 'client-saved-creds-nla-off',
    backup: snapshot,
    apply: reg('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters', [{ name: 'AllowEncryptionOracle', value: 2 }]),
    undo: restore,
    restores: restoresValues('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters', [
      { name: 'AllowEncryptionOracle', exists: true, kind: 'DWord', value: 0 },
    ]),
  },
  {
    fixId: 'server.restart-termservice',
    machine: 'host-expired-cert',
    backup: { name: 'service-state', script: TERMSERVICE_SCRIPTS.STATE, elevation: 'none' },
    apply: { name: 'restart-termservice', script: TERMSERVICE_SCRIPTS.RESTART, data: {}, elevation: 'always' },
    undo: null,
  },
  {
    fixId: 'server.renew-certificate',
    machine: 'host-expired-cert',
    backup: { name: 'certificate-export', script: RENEW_SCRIPTS.BACKUP, elevation: 'always' },
    apply: { name: 'certificate-remove', script: RENEW_SCRIPTS.RENEW, data: {}, elevation: 'always' },
    undo: null,
  },
  {
    fixId: 'server.repair-key-permissions',
    machine: 'host-expired-cert',
    backup: { name: 'acl-save', script: KEY_PERMISSION_SCRIPTS.SAVE, elevation: 'always' },
    apply: { name: 'acl-grant', script: KEY_PERMISSION_SCRIPTS.GRANT, data: { aclFile: 'rdp-key.acl' }, elevation: 'always' },
    undo: { name: 'acl-restore', script: RESTORE_ACL },
    restores: (b) => expect(b['aclSha256']).toBe(sha256(join(HOST1, 'server.repair-key-permissions', 'rdp-key.acl'))),
  },
  {
    fixId: 'server.reset-machinekeys-acl',
    machine: 'host-expired-cert',
    backup: { name: 'acl-save', script: MACHINEKEYS_SCRIPTS.SAVE, elevation: 'always' },
    apply: { name: 'acl-reset', script: MACHINEKEYS_SCRIPTS.RESET, data: { aclFile: 'machinekeys.acl' }, elevation: 'always' },
    undo: { name: 'acl-restore', script: MACHINEKEYS_SCRIPTS.RESTORE },
    restores: (b) =>
      expect(b).toMatchObject({
        directory: MK,
        folderSddl: 'D:PAI(A;;FR;;;WD)(A;;FA;;;BA)',
        aclSha256: sha256(join(HOST1, 'server.reset-machinekeys-acl', 'machinekeys.acl')),
        saved: 4,
        unreadableCount: 1,
      }),
  },
  {
    fixId: 'server.disable-nla',
    machine: 'host-nla-firewall-off',
    backup: snapshot,
    apply: reg(RDP_TCP, [{ name: 'UserAuthentication', value: 0 }]),
    undo: restore,
    restores: restoresValues(RDP_TCP, [{ name: 'UserAuthentication', exists: true, kind: 'DWord', value: 1 }]),
  },
  {
    fixId: 'server.enable-nla',
    machine: 'host-nla-firewall-off',
    backup: snapshot,
    apply: reg(RDP_TCP, [{ name: 'UserAuthentication', value: 1 }]),
    undo: restore,
    restores: restoresValues(RDP_TCP, [{ name: 'UserAuthentication', exists: true, kind: 'DWord', value: 1 }]),
  },
  {
    fixId: 'server.set-security-layer',
    machine: 'host-nla-firewall-off',
    option: '2',
    backup: snapshot,
    apply: reg(RDP_TCP, [{ name: 'SecurityLayer', value: 2 }]),
    undo: restore,
    restores: restoresValues(RDP_TCP, [{ name: 'SecurityLayer', exists: true, kind: 'DWord', value: 1 }]),
  },
  {
    fixId: 'server.enable-firewall-rule',
    machine: 'host-nla-firewall-off',
    backup: { name: 'rule-state', script: FIREWALL_SCRIPTS.STATE, elevation: 'none', data: { names: [...RDP_RULES] } },
    apply: { name: 'rule-enable', script: FIREWALL_SCRIPTS.ENABLE, data: { names: [...RDP_RULES] }, elevation: 'always' },
    undo: { name: 'rule-restore', script: FIREWALL_SCRIPTS.RESTORE },
    restores: (b) =>
      expect(b).toEqual([
        { name: 'RemoteDesktop-UserMode-In-TCP', enabled: false },
        { name: 'RemoteDesktop-UserMode-In-UDP', enabled: false },
      ]),
  },
  {
    fixId: 'server.enable-rdp',
    machine: 'host-nla-firewall-off',
    backup: snapshot,
    apply: reg('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server', [{ name: 'fDenyTSConnections', value: 0 }]),
    undo: restore,
    restores: restoresValues('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server', [{ name: 'fDenyTSConnections', exists: true, kind: 'DWord', value: 0 }]),
  },
  {
    fixId: 'server.enable-tls12',
    machine: 'host-nla-firewall-off',
    backup: snapshot,
    apply: reg('HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server', [
      { name: 'Enabled', value: 1 },
      { name: 'DisabledByDefault', value: 0 },
    ]),
    undo: restore,
    restores: restoresValues('HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server', [
      { name: 'Enabled', exists: true, kind: 'DWord', value: 1 },
      { name: 'DisabledByDefault', exists: true, kind: 'DWord', value: 0 },
    ]),
  },
];

describe('every Windows fix under replay', () => {
  for (const c of CASES) {
    it(`${c.fixId}: backup first, the exact script and data, then undo from the journal`, async () => {
      const { executor, journalDir, service } = setup(c.machine);
      const req = { fixId: c.fixId, target: '127.0.0.1', ...(c.option ? { option: c.option } : {}) };
      const plan = await service.plan(req);
      expect(plan.canApplyHere).toBe(true);
      expect(plan.steps.length).toBeGreaterThan(0);
      const result = await service.apply(req);
      expect(result.status).toBe('applied');
      const runs = executor.runs.map((r) => ({ ...r }));
      const applyAt = runs.findIndex((r) => r.name === c.apply.name);
      expect(runs[applyAt]).toMatchObject({ script: c.apply.script, elevation: c.apply.elevation });
      expect(runs[applyAt]?.data).toMatchObject(c.apply.data);
      if (c.backup) {
        const backupAt = runs.findIndex((r) => r.name === c.backup?.name);
        expect(backupAt).toBeGreaterThanOrEqual(0);
        expect(backupAt).toBeLessThan(applyAt);
        expect(runs[backupAt]).toMatchObject({ script: c.backup.script, elevation: c.backup.elevation });
        if (c.backup.data) expect(runs[backupAt]?.data).toMatchObject(c.backup.data);
      }
      const entry = journalOf(journalDir, result.journalId ?? '');
      const steps = entry.log.map((l) => l.step);
      expect(steps.indexOf('backed-up')).toBeLessThan(steps.indexOf('applying'));
      expect(entry.state).toBe('applied');
      const undo = await service.undo(result.journalId ?? '');
      // Undo is "done" only where something is put back; a flush, a restart or a removed certificate has nothing to restore.
      expect(undo.ok).toBe(c.undo !== null);
      expect(plan.reversibility).toBe(c.undo ? 'undoable' : c.fixId === 'server.renew-certificate' ? 'irreversible' : 'nothing-to-undo');
      if (c.undo) {
        const undoRun = executor.runs[executor.runs.length - 1];
        expect(undoRun?.name).toBe(c.undo.name);
        expect(undoRun?.script).toBe(c.undo.script);
        expect(undoRun?.data).toHaveProperty('backup');
        // The journal kept what the backup script printed on the recorded machine; the undo sends what of it the fix's
        // own schema accepts, each value exactly as recorded (fields it does not use, such as paths, are left out).
        const recorded = recordedBackup(c.machine, c.fixId, c.backup?.name ?? '');
        expect(recorded).not.toBeNull();
        expect(JSON.parse(entry.backups[c.backup?.name ?? '']?.output ?? 'null')).toEqual(recorded);
        const sent = dataSentToRunner(undoRun as RecordedRun);
        expect(sent['backup']).not.toBeNull();
        expect(recorded).toMatchObject(sent['backup'] as object);
        expect(c.restores).toBeDefined();
        c.restores?.(sent['backup'] as Record<string, unknown>);
      } else {
        expect(executor.runs.length).toBe(runs.length);
      }
      expect(journalOf(journalDir, result.journalId ?? '').state).toBe(c.undo ? 'undone' : 'applied');
    });
  }

  it('host fixes flip the recording: the firewall and certificate checks verify after apply; the renewal cannot be undone', async () => {
    const { service } = setup('host-nla-firewall-off');
    const applied = await service.apply({ fixId: 'server.enable-firewall-rule', target: '127.0.0.1' });
    expect(applied.verification?.checks.find((c) => c.id === 'server.firewall')?.status).toBe('pass');
    expect(applied.verification?.verified).toBe(true);
    const cert = setup('host-expired-cert');
    const renewed = await cert.service.apply({ fixId: 'server.renew-certificate', target: '127.0.0.1' });
    expect(renewed.verification?.checks.find((c) => c.id === 'server.certificate')?.status).toBe('pass');
    expect(renewed.verification?.verified).toBe(true);
    // The expired certificate was removed for good: undo says so and the host keeps its new certificate.
    expect((await cert.service.undo(renewed.journalId ?? '')).ok).toBe(false);
    const again = await runChecksOn(cert.windows)('127.0.0.1', ['server.certificate']);
    expect(again[0]?.status).toBe('pass');
  });

  it('registry undo passes the recorded snapshot to the exact restore script', async () => {
    const { executor, service } = setup('host-nla-firewall-off');
    const r = await service.apply({ fixId: 'server.disable-nla', target: '127.0.0.1' });
    await service.undo(r.journalId ?? '');
    const last = executor.runs[executor.runs.length - 1];
    expect(last).toMatchObject({ name: 'registry-restore', script: REGISTRY_SCRIPTS.RESTORE_VALUES, elevation: 'always' });
  });

  it('refuses to apply when the backup an undo needs recorded nothing, before anything changes', async () => {
    const { executor, service } = setup('healthy-client');
    const r = await service.apply({ fixId: 'client.disable-udp', target: '127.0.0.1' });
    expect(r.status).toBe('failed');
    expect(r.message).toBe('Use TCP only failed: The backup step registry-snapshot recorded nothing, so the change could not be undone; nothing was changed.');
    expect(executor.runs.map((x) => x.name)).toEqual(['registry-snapshot']);
  });

  it('undo refuses clearly, and runs nothing, when the journal has no usable snapshot', async () => {
    const { executor, journalDir, service } = setup('host-nla-firewall-off');
    const r = await service.apply({ fixId: 'server.disable-nla', target: '127.0.0.1' });
    const file = join(journalDir, `${r.journalId ?? ''}.json`);
    for (const damaged of ['', '   ', 'not json', '42']) {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { backups: Record<string, { output?: string }> };
      entry.backups['registry-snapshot'] = { output: damaged };
      writeFileSync(file, JSON.stringify(entry));
      const runs = executor.runs.length;
      const undo = await service.undo(r.journalId ?? '');
      expect(undo.ok).toBe(false);
      expect(undo.message).toMatch(/^Undo failed: No usable registry-snapshot backup was recorded for this fix, so it cannot be undone automatically; nothing was run\.$/);
      expect(executor.runs.length).toBe(runs);
      expect(journalOf(journalDir, r.journalId ?? '').state).toBe('applied');
    }
  });

  it('dry run changes nothing and journals nothing', async () => {
    const { executor, service } = setup('host-nla-firewall-off');
    const r = await service.apply({ fixId: 'server.enable-rdp', target: '127.0.0.1', dryRun: true });
    expect(r).toMatchObject({ status: 'dry-run', journalId: null });
    expect(r.message).toContain('nothing was changed');
    expect(executor.runs).toEqual([]);
    expect(await service.list()).toEqual([]);
  });

  it('rejects a bad security layer option with a clear message', async () => {
    const { service } = setup('host-nla-firewall-off');
    await expect(service.plan({ fixId: 'server.set-security-layer', target: '127.0.0.1', option: '7; rm -rf ~' })).rejects.toThrow(
      /must be 0 \(RDP\), 1 \(Negotiate\) or 2 \(TLS\)/,
    );
    // With a path in it the request is refused before any fix sees it.
    await expect(service.plan({ fixId: 'server.set-security-layer', target: '127.0.0.1', option: '7; rm -rf /' })).rejects.toThrow(/not a path/);
  });
});
