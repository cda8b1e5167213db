// What a close reading of the Windows scripts found, each run for real in pwsh against a simulated machine (or, for
// Constrained Language Mode, in a pwsh that really runs in that mode): the app's runner, collectors, checks and rules
// meet the failure as Windows shows it, and each case is shown to fail the way it used to without the repair.
import { afterAll, expect, it } from 'vitest';
import { CHECKS } from '../../src-main/checks/registry';
import { makeTestContext } from '../../src-main/checks/test-context';
import { diagnose } from '../../src-main/diagnosis';
import { createFixService } from '../../src-main/fixes/service';
import { runChecksOn, tempJournalDir } from '../../src-main/fixes/test-helpers';
import { parseTarget } from '../../src-main/net/target';
import type { CheckId } from '../../src-main/shared/ids';
import type { CheckResult } from '../../src-main/shared/schema';
import { describeWithPwsh } from '../../src-main/test-support/pwsh';
import { parseCredentialsOutput } from '../../src-main/windows/client/credentials';
import { encodeCommand, runInvocation, runPowerShell, type InvocationRunner } from '../../src-main/windows/powershell-runner';
import { createPowerShellSource } from '../../src-main/windows/powershell-source';
import { COLLECTOR_SCRIPTS } from '../../src-main/windows/scripts';
import { CREDENTIALS_DELETE_SCRIPT } from '../../src-main/fixes/credentials-clear.fix';
import { collectOn, machineFolders, simExecutor, simSource } from './machines';
import { SimulatedWindows, invocationText, type MachineState } from './session';

const CURRENT_VERSION = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const ECHO = '[pscustomobject]@{ name = [string]$RdpDoctorData.name } | ConvertTo-Json -Compress';

describeWithPwsh('the Windows defects, each on a simulated machine', (pwsh) => {
  const sim = new SimulatedWindows(pwsh);
  const machines = new Map(machineFolders().map((m) => [m.name, m]));
  afterAll(() => sim.close());
  const base = (name: string): MachineState => JSON.parse(JSON.stringify(machines.get(name)?.state)) as MachineState;

  it('output encoding: names leave as UTF-8 under a Japanese or German OEM code page (表 is 0x95 0x5C in 932)', async () => {
    const name = 'Müller-表示-東京\\"';
    for (const oemCodePage of [932, 850]) {
      await sim.load('oem', { ...base('healthy-client'), oemCodePage });
      const out = await runPowerShell(ECHO, { name }, { timeoutMs: 30_000, collector: 'echo', output: 'json', spawn: sim.runner('oem') });
      expect(JSON.parse(out)).toEqual({ name });
      // What 5.1's own host did with the same output: the OEM code page, where 932 turns 表's trail byte into a backslash.
      const raw = await sim.run('oem', `'{"name":"表"}'`);
      expect(raw.stdout.trim()).not.toBe('{"name":"表"}');
    }
  });

  it('access denied on Get-NetFirewallRule / Get-NetTCPConnection fails the collector, with CLIXML stderr too; a missing rule is only empty', async () => {
    for (const [collector, cmdlet] of [
      ['server-firewall', 'Get-NetFirewallRule'],
      ['server-listener', 'Get-NetTCPConnection'],
    ] as const) {
      for (const fault of ['access-denied', 'wmi-broken'] as const) {
        await sim.load('denied', { ...base('host-nla-firewall-off'), faults: { [cmdlet]: { kind: fault } } });
        const entry = COLLECTOR_SCRIPTS[collector];
        for (const stderr of ['text', 'clixml'] as const) {
          const run = runPowerShell(entry?.script ?? '', {}, { timeoutMs: 30_000, collector, output: 'json', spawn: sim.runner('denied', { stderr }) });
          // The script's own RDPDOCTOR-ERROR line is read first, so the kind and message survive a CLIXML block.
          await expect(run, `${collector} ${fault} ${stderr}`).rejects.toMatchObject(
            fault === 'access-denied'
              ? { kind: 'access-denied', message: expect.stringMatching(/Access is denied/) }
              : { kind: 'failed', message: expect.stringMatching(/Invalid class/) },
          );
        }
      }
    }
    // The cmdlet's own "not found" (no rule of that group) is an empty list, and the parser reads it.
    const empty = base('host-nla-firewall-off');
    (empty['firewall'] as { rules: unknown[] }).rules = [];
    await sim.load('empty', empty);
    expect(JSON.parse(await collectOn(sim, 'empty', 'server-firewall', {}))).toMatchObject({ rules: [] });
  });

  it('Constrained Language Mode: one clear error from the first collector, and no further PowerShell started', async () => {
    let spawned = 0;
    // A real pwsh whose session runs in Constrained Language Mode before the app's text starts (as AppLocker/WDAC sets it).
    const constrained: InvocationRunner = (invocation, options) => {
      spawned++;
      const text = `$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'\n${invocationText(invocation)}`;
      const at = invocation.args.indexOf('-EncodedCommand');
      const args = invocation.args.map((a, i) => (i === at + 1 ? encodeCommand(text) : a));
      return runInvocation({ ...invocation, command: pwsh, args }, options);
    };
    const source = createPowerShellSource({ spawn: constrained });
    const signal = new AbortController().signal;
    const message = /Constrained Language Mode, set by AppLocker or Windows Defender Application Control/;
    await expect(source.collect('server-services', {}, signal)).rejects.toMatchObject({ kind: 'constrained-language', message: expect.stringMatching(message) });
    await expect(source.collect('server-firewall', {}, signal)).rejects.toMatchObject({ kind: 'constrained-language', message: expect.stringMatching(message) });
    expect(spawned).toBe(1);
  }, 60_000);

  it('Windows Home: the host says it cannot be connected to, and no "turn Remote Desktop on" or firewall fix is offered', async () => {
    const home = base('host-nla-firewall-off');
    const values = (home['registry'] as Record<string, { values: Record<string, unknown> }>)[CURRENT_VERSION]?.values ?? {};
    values['EditionID'] = { kind: 'String', value: 'Core' };
    values['ProductName'] = { kind: 'String', value: 'Windows 10 Home' };
    await sim.load('home', home);
    const windows = simSource(sim, 'home');
    const ids: CheckId[] = ['server.rdp-enabled', 'server.listener', 'server.firewall'];
    const checks = new Map<CheckId, CheckResult>();
    for (const id of ids) {
      const r = await CHECKS[id].run(makeTestContext({ target: '127.0.0.1', windows }));
      checks.set(id, { id, section: 'services', title: id, durationMs: 0, status: r.status, summary: r.summary, evidence: r.evidence });
    }
    expect(checks.get('server.rdp-enabled')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/^Windows 10 Home cannot accept Remote Desktop connections/) });
    const findings = diagnose({ target: parseTarget('127.0.0.1'), checks, errorHint: null, clientSettings: null, now: new Date('2026-11-21T14:10:00Z') });
    expect(findings[0]?.id).toBe('server-edition-cannot-host');
    expect(findings.map((f) => f.id)).not.toContain('server-rdp-disabled');
    expect(findings.map((f) => f.id)).not.toContain('server-firewall-blocked');
    expect(findings.flatMap((f) => f.fixes)).not.toContain('server.enable-rdp');
    expect(findings.flatMap((f) => f.fixes)).not.toContain('server.enable-firewall-rule');
  });

  it('credentials.clear counts what cmdkey /list still shows: a credential Windows keeps is a failure, whatever cmdkey exits with', async () => {
    const kept = { ...base('client-saved-creds-nla-off'), cmdkey: { exitCode: 'always-zero', refuseDelete: true } };
    await sim.load('kept', kept);
    const windows = simSource(sim, 'kept');
    const service = createFixService({
      windows,
      executor: simExecutor(sim, 'kept'),
      journalDir: tempJournalDir(),
      isLocalHost: () => true,
      runChecks: runChecksOn(windows),
      lookupTask: () => undefined,
    });
    const r = await service.apply({ fixId: 'credentials.clear', target: '127.0.0.1' });
    expect(r.status).not.toBe('applied');
    expect(r.message).toMatch(/Windows kept 1 of the 1 saved credential\(s\) named TERMSRV\/127\.0\.0\.1/);
    expect(((await sim.dump('kept'))['credentials'] as { target: string }[]).map((c) => c.target)).toContain('Domain:target=TERMSRV/127.0.0.1');
  });

  it('hostile names reach the scripts only as data: a saved user and a target full of quotes, $(), backticks and non-ASCII', async () => {
    const user = 'LAB\\Jürgen`$(Set-Content C:\\pwned.txt 1)\'"表';
    const target = 'TERMSRV/東京-$(Set-Content C:\\pwned2.txt 1)`"\'';
    const hostile = {
      ...base('client-saved-creds-nla-off'),
      credentials: [{ target: `LegacyGeneric:target=${target}`, type: 'Generic ', user, persistence: 'Local machine persistence' }],
    };
    await sim.load('hostile', hostile);
    const list = parseCredentialsOutput(await collectOn(sim, 'hostile', 'client-credentials', {}));
    expect(list.termsrv).toEqual([{ target, kind: 'LegacyGeneric', host: target.slice('TERMSRV/'.length), type: 'Generic', user }]);
    // The same name handed to a fix as its data deletes exactly that credential and runs nothing it contains.
    const step = { kind: 'script' as const, name: 'cmdkey-delete', description: '', script: CREDENTIALS_DELETE_SCRIPT, data: { target }, elevation: 'none' as const };
    await simExecutor(sim, 'hostile').runScript(step, step.data, new AbortController().signal, 'credentials.clear');
    const after = await sim.dump('hostile');
    expect(after['credentials']).toEqual([]);
    expect(Object.keys(after['files'] as object).filter((f) => /pwned/i.test(f))).toEqual([]);
  });
});
