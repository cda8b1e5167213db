// Every Windows fix through the real fix service, executor, UAC launcher and elevated wrapper, against a simulated
// machine: backup → apply changes what the fix says, and undo leaves the exact state it found (value kinds, absent
// values and keys, ACL text, firewall rules, files), read back from the simulation itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixService } from '../../src-main/fixes/service';
import { runChecksOn } from '../../src-main/fixes/test-helpers';
import type { FixId } from '../../src-main/shared/ids';
import { describeWithPwsh } from '../../src-main/test-support/pwsh';
import { machineFolders, simExecutor, simSource } from './machines';
import { SimulatedWindows, type MachineState } from './session';

type Tables = Record<string, Record<string, Record<string, unknown>>>;
const RDP_TCP = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';
const TS_CLIENT_POLICY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';
const MACHINEKEYS = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const UNREADABLE_KEY = `${MACHINEKEYS}\\a3f0e2b4c5d6978812ab34cd56ef7890_3c1d8e2a-5b7f-4e0a-9d61-2f4b8c7a9e13`;

const JOURNAL_PREFIX = 'rdpd-simfix-';

/** The app's own files (its journal and the backups in it), which undo keeps on purpose. */
const isAppFile = (path: string): boolean => path.includes('\\RDP Doctor\\') || path.includes(JOURNAL_PREFIX);

/** What undo must put back, as the simulation holds it: the registry, the firewall, and every file's and folder's ACL text. */
function restorable(state: MachineState, skipFiles: readonly string[] = []): unknown {
  const acl = (t: unknown) =>
    Object.fromEntries(
      Object.entries((t ?? {}) as Tables[string])
        .filter(([p]) => !skipFiles.includes(p) && !isAppFile(p))
        .map(([p, e]) => [p, e['sddl'] ?? null]),
    );
  const files = Object.keys((state['files'] ?? {}) as Tables[string])
    .filter((p) => !isAppFile(p))
    .sort();
  return { registry: state['registry'], firewall: state['firewall'], fileAcls: acl(state['files']), folderAcls: acl(state['directories']), files };
}

function registryValue(state: MachineState, key: string, name: string): unknown {
  return ((state['registry'] as Tables)[key]?.['values'] as Record<string, unknown> | undefined)?.[name];
}

describeWithPwsh('every Windows fix against a simulated machine: backup, apply, undo', (pwsh) => {
  const sim = new SimulatedWindows(pwsh);
  const machines = new Map(machineFolders().map((m) => [m.name, m]));
  afterAll(() => sim.close());
  beforeAll(() => undefined);

  /** Loads `state` (a recorded machine, possibly changed) and runs the fix through the app's fix service. */
  async function run(name: string, state: MachineState, fixId: FixId, option?: string) {
    await sim.load(name, state);
    const windows = simSource(sim, name);
    const service = createFixService({
      windows,
      executor: simExecutor(sim, name, '853012'),
      journalDir: mkdtempSync(join(tmpdir(), JOURNAL_PREFIX)),
      isLocalHost: () => true,
      runChecks: runChecksOn(windows),
      lookupTask: () => undefined,
    });
    const before = await sim.dump(name);
    const applied = await service.apply({ fixId, target: '127.0.0.1', ...(option ? { option } : {}) });
    const after = await sim.dump(name);
    return { before, after, applied, undo: () => service.undo(applied.journalId ?? ''), dump: () => sim.dump(name) };
  }

  const base = (name: string): MachineState => JSON.parse(JSON.stringify(machines.get(name)?.state)) as MachineState;

  /** The host-nla-firewall-off machine with RDP-Tcp's values changed as given (null: the value absent). */
  function withRdpTcp(values: Record<string, { kind: string; value: unknown } | null>): MachineState {
    const s = base('host-nla-firewall-off');
    const entry = (s['registry'] as Tables)[RDP_TCP] as { values: Record<string, unknown> };
    for (const [n, v] of Object.entries(values)) {
      if (v === null) delete entry.values[n];
      else entry.values[n] = v;
    }
    return s;
  }

  const registryCases: { fixId: FixId; option?: string; state: () => MachineState; key: string; name: string; applied: unknown; label: string }[] = [
    { fixId: 'server.disable-nla', state: () => base('host-nla-firewall-off'), key: RDP_TCP, name: 'UserAuthentication', applied: { kind: 'DWord', value: 0 }, label: 'a DWORD' },
    {
      fixId: 'server.enable-nla',
      state: () => withRdpTcp({ UserAuthentication: null }),
      key: RDP_TCP,
      name: 'UserAuthentication',
      applied: { kind: 'DWord', value: 1 },
      label: 'an absent value',
    },
    {
      fixId: 'server.set-security-layer',
      option: '2',
      state: () => withRdpTcp({ SecurityLayer: { kind: 'String', value: '1' } }),
      key: RDP_TCP,
      name: 'SecurityLayer',
      applied: { kind: 'DWord', value: 2 },
      label: 'a value of another kind (REG_SZ)',
    },
    {
      fixId: 'server.set-security-layer',
      option: '0',
      state: () => withRdpTcp({ SecurityLayer: { kind: 'DWord', value: 4294967295 } }),
      key: RDP_TCP,
      name: 'SecurityLayer',
      applied: { kind: 'DWord', value: 0 },
      label: 'a DWORD above 0x7FFFFFFF',
    },
    {
      fixId: 'server.set-security-layer',
      option: '1',
      state: () => withRdpTcp({ SecurityLayer: { kind: 'QWord', value: 1 } }),
      key: RDP_TCP,
      name: 'SecurityLayer',
      applied: { kind: 'DWord', value: 1 },
      label: 'a QWORD of the same number',
    },
    {
      fixId: 'server.enable-rdp',
      state: () => base('host-nla-firewall-off'),
      key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
      name: 'fDenyTSConnections',
      applied: { kind: 'DWord', value: 0 },
      label: 'the recorded value',
    },
    {
      fixId: 'server.enable-tls12',
      state: () => base('host-nla-firewall-off'),
      key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server',
      name: 'Enabled',
      applied: { kind: 'DWord', value: 1 },
      label: 'the recorded values',
    },
    {
      fixId: 'client.disable-udp',
      state: () => base('client-saved-creds-nla-off'),
      key: TS_CLIENT_POLICY,
      name: 'fClientDisableUDP',
      applied: { kind: 'DWord', value: 1 },
      label: 'an absent key (created by the fix, removed again)',
    },
    {
      fixId: 'client.credssp-oracle',
      state: () => base('client-saved-creds-nla-off'),
      key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters',
      name: 'AllowEncryptionOracle',
      applied: { kind: 'DWord', value: 2 },
      label: 'the recorded value',
    },
  ];

  for (const c of registryCases) {
    it(`${c.fixId}${c.option ? ` ${c.option}` : ''} over ${c.label}: applied as a DWORD, undone to the exact value, kind or absence`, async () => {
      const r = await run(c.fixId.includes('client') ? 'client-saved-creds-nla-off' : 'host-nla-firewall-off', c.state(), c.fixId, c.option);
      expect(r.applied.status, r.applied.message).toBe('applied');
      expect(registryValue(r.after, c.key, c.name)).toEqual(c.applied);
      const undone = await r.undo();
      expect(undone.ok, undone.message).toBe(true);
      expect(restorable(await r.dump())).toEqual(restorable(r.before));
    });
  }

  it('server.enable-firewall-rule: turns the two rules on, and undo turns off exactly those that were off', async () => {
    const r = await run('host-nla-firewall-off', base('host-nla-firewall-off'), 'server.enable-firewall-rule');
    expect(r.applied.status, r.applied.message).toBe('applied');
    const rules = (r.after['firewall'] as { rules: { Name: string; Enabled: string }[] }).rules.map((x) => `${x.Name}=${x.Enabled}`);
    expect(rules).toEqual(['RemoteDesktop-UserMode-In-TCP=True', 'RemoteDesktop-UserMode-In-UDP=True', 'RemoteDesktop-Shadow-In-TCP=False']);
    expect((await r.undo()).ok).toBe(true);
    expect(restorable(await r.dump())).toEqual(restorable(r.before));
    // Every administrator step asked UAC with the app's window as the prompt's owner, as the elevated console hidden.
    const prompts = (await r.dump())['uacPrompts'] as { verb: string; windowStyle: string; ownerWindow: string }[];
    expect(prompts.length).toBe(2);
    for (const p of prompts) expect(p).toMatchObject({ verb: 'runas', windowStyle: 'Hidden', ownerWindow: '853012' });
  });

  it('server.repair-key-permissions: grants NETWORK SERVICE read on the key file, and undo restores its exact ACL text', async () => {
    const key = `${MACHINEKEYS}\\f686aace6942fb7f7ceb231212eef4a4_3c1d8e2a-5b7f-4e0a-9d61-2f4b8c7a9e13`;
    const sddl = (s: MachineState) => ((s['files'] as Tables[string])[key] as { sddl: string }).sddl;
    // The key as the fix finds it: NETWORK SERVICE (NS) has lost its read access.
    const broken = base('host-expired-cert');
    ((broken['files'] as Tables[string])[key] as { sddl: string }).sddl = 'O:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)';
    const r = await run('host-expired-cert', broken, 'server.repair-key-permissions');
    expect(r.applied.status, r.applied.message).toBe('applied');
    expect(sddl(r.before)).not.toMatch(/;NS\)/);
    expect(sddl(r.after)).toMatch(/\(A;;FR;;;NS\)/);
    expect((await r.undo()).ok).toBe(true);
    expect(sddl(await r.dump())).toBe(sddl(r.before));
    expect(restorable(await r.dump())).toEqual(restorable(r.before));
  });

  it('server.reset-machinekeys-acl: resets folder and files, and undo restores every saved ACL text and owner; the file nobody could read is said to stay reset', async () => {
    const r = await run('host-expired-cert', base('host-expired-cert'), 'server.reset-machinekeys-acl');
    expect(r.applied.status, r.applied.message).toBe('applied');
    expect(r.applied.message).toMatch(/1 file\(s\) whose permissions administrators could not read were not saved/);
    expect(restorable(r.after)).not.toEqual(restorable(r.before));
    const undone = await r.undo();
    expect(undone.ok, undone.message).toBe(true);
    expect(restorable(await r.dump(), [UNREADABLE_KEY])).toEqual(restorable(r.before, [UNREADABLE_KEY]));
  });

  it('cache.clear: deletes the cache files after copying them, and undo copies the same files back', async () => {
    const r = await run('client-saved-creds-nla-off', base('client-saved-creds-nla-off'), 'cache.clear');
    expect(r.applied.status, r.applied.message).toBe('applied');
    const cache = (s: MachineState) =>
      Object.keys(s['files'] as object)
        .filter((p) => p.includes('\\Terminal Server Client\\Cache\\'))
        .sort();
    expect(cache(r.after)).toEqual([]);
    expect((await r.undo()).ok).toBe(true);
    expect(cache(await r.dump())).toEqual(cache(r.before));
  });

  it('credentials.clear: deletes exactly the credentials named for the target and says the password cannot come back', async () => {
    const r = await run('client-saved-creds-nla-off', base('client-saved-creds-nla-off'), 'credentials.clear');
    expect(r.applied.status, r.applied.message).toBe('applied');
    const targets = (s: MachineState) => (s['credentials'] as { target: string }[]).map((c) => c.target);
    expect(targets(r.before)).toContain('Domain:target=TERMSRV/127.0.0.1');
    expect(targets(r.after)).toEqual(targets(r.before).filter((t) => t !== 'Domain:target=TERMSRV/127.0.0.1'));
  });
});
