import { describe, expect, it } from 'vitest';
import { FIX_IDS } from '../shared/ids';
import { FIXES } from '../fixes/registry';
import { prepareFix } from '../fixes/prepare';
import { createFixService } from '../fixes/service';
import { tempJournalDir } from '../fixes/test-helpers';
import { buildElevatedInvocation, buildElevatedScript, ELEVATED_HEAD, ELEVATED_TAIL } from '../windows/elevate';
import { buildPowerShellInvocation, DATA_ENV } from '../windows/powershell-runner';
import { COLLECTOR_SCRIPTS } from '../windows/scripts';
import { EXAMPLE_TARGET, listAppScripts } from './catalog';

const decoded = (args: readonly string[]) => Buffer.from(args[args.indexOf('-EncodedCommand') + 1] ?? '', 'base64').toString('utf16le');

describe('the catalog of every script the app can run', async () => {
  const scripts = await listAppScripts();

  it('holds every collector, exactly as the runner hands it to PowerShell', () => {
    const collectors = scripts.filter((s) => s.kind === 'collector');
    expect(collectors.map((s) => s.collector).sort()).toEqual(Object.keys(COLLECTOR_SCRIPTS).sort());
    for (const s of collectors) expect(s.text, s.file).toBe(decoded(buildPowerShellInvocation(COLLECTOR_SCRIPTS[s.collector ?? '']!.script, {}).args));
  });

  it('holds every script step of every Windows fix, in order, as the user or inside the elevated wrapper as it runs', async () => {
    for (const id of FIX_IDS.filter((f) => FIXES[f].runsOn === 'windows')) {
      const steps = scripts.filter((s) => s.kind === 'fix-step' && s.fixId === id);
      expect(steps.length, id).toBeGreaterThan(0);
      const prepared = await prepareFix(FIXES[id], {
        fixId: id,
        target: { input: EXAMPLE_TARGET, host: EXAMPLE_TARGET, port: 3389, isAddress: false },
        option: undefined,
        outputDir: '',
        report: undefined,
        rdpFile: undefined,
        windows: null,
        backupDir: 'C:\\b',
        signal: new AbortController().signal,
      });
      for (const action of [...prepared.backups, ...prepared.apply, ...prepared.undo]) {
        if (action.kind !== 'script') continue;
        const mine = steps.filter((s) => s.step === action.name);
        const asUser = mine.find((s) => s.runsAs === 'user');
        const elevated = mine.find((s) => s.runsAs === 'administrator');
        if (action.elevation !== 'always') expect(asUser?.text, `${id} ${action.name}`).toBe(decoded(buildPowerShellInvocation(action.script, {}).args));
        else expect(asUser, `${id} ${action.name}`).toBeUndefined();
        if (action.elevation === 'none') {
          expect(elevated, `${id} ${action.name}`).toBeUndefined();
          continue;
        }
        // The elevated process's text differs from an export only in the request literal (data, not code).
        const real = buildElevatedScript(action.script, { any: 'data' }, 'C:\\t\\result.json');
        const literal = real.slice(ELEVATED_HEAD.length, real.indexOf(ELEVATED_TAIL));
        expect(elevated?.text, `${id} ${action.name}`).toBe(real.replace(literal, ''));
      }
    }
  });

  it('holds the UAC launcher exactly as the runner starts it', () => {
    const launcher = scripts.find((s) => s.kind === 'launcher');
    const inv = buildElevatedInvocation('x', {}, 'C:\\t\\r.json');
    expect(launcher?.text).toBe(decoded(inv.args));
    expect(inv.env[DATA_ENV]).toBeDefined();
  });

  it('holds the copyable script of every Windows fix, as the app hands it out (only the fresh backup folder name differs)', async () => {
    const service = createFixService({ windows: null, journalDir: tempJournalDir(), isLocalHost: () => false, runChecks: async () => [], lookupTask: () => undefined });
    for (const id of FIX_IDS.filter((f) => FIXES[f].runsOn === 'windows')) {
      const plan = await service.plan({ fixId: id, target: EXAMPLE_TARGET });
      const mine = scripts.find((s) => s.kind === 'copyable' && s.fixId === id);
      const fresh = /backups\\([0-9t]+-[0-9a-f]+)/.exec(plan.script ?? '')?.[1];
      expect(fresh, id).toBeDefined();
      expect(mine?.text, id).toBe((plan.script ?? '').split(fresh ?? '').join(id));
    }
  });

  it('names each file once, and says which fix, step and rights each needs', () => {
    expect(new Set(scripts.map((s) => s.file)).size).toBe(scripts.length);
    expect(scripts.length).toBeGreaterThan(60);
    for (const s of scripts) {
      expect(s.file, s.file).toMatch(/^[a-z]+\/[A-Za-z0-9./-]+\.ps1$/);
      if (s.kind === 'fix-step')
        expect(
          [s.fixId, s.phase, s.step].every((v) => typeof v === 'string'),
          s.file,
        ).toBe(true);
      if (s.file.endsWith('.elevated.ps1')) expect(s.runsAs, s.file).toBe('administrator');
    }
  });
});
