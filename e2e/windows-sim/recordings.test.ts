// The recorded machines are what the real scripts print for the state each state.json describes: every collector,
// every recorded fix backup and every after/ overlay is run in pwsh against the simulated machine and compared byte for
// byte (5.1's JSON escapes applied). RDP_DOCTOR_WRITE_FIXTURES=1 writes them instead (after a script changes).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithPwsh } from '../../src-main/test-support/pwsh';
import { CLIENT_PARSERS, SERVER_PARSERS, type CollectorParser } from '../../src-main/windows/parsers';
import { COLLECTOR_SCRIPTS } from '../../src-main/windows/scripts';
import { isWindowsCollectorError } from '../../src-main/windows/errors';
import { FIXTURES, as51Json, collectOn, collectorsFor, machineFolders, prepareRecorded, simExecutor, type MachineFolder } from './machines';
import { SimulatedWindows } from './session';

const WRITE = process.env['RDP_DOCTOR_WRITE_FIXTURES'] === '1';
const PARSERS: Record<string, CollectorParser> = { ...CLIENT_PARSERS, ...SERVER_PARSERS };
/** A hanging collector is stopped sooner here than in the app; the recorded message names the app's own limit. */
const HANG_LIMIT_MS = 3000;

function fileText(text: string): string {
  return `${as51Json(text.trimEnd())}\n`;
}

/** Compares with the recording, or writes it (RDP_DOCTOR_WRITE_FIXTURES=1). */
function settle(path: string, content: string | Buffer): void {
  if (WRITE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return;
  }
  expect(existsSync(path), `${path} is recorded`).toBe(true);
  const recorded = readFileSync(path);
  expect(typeof content === 'string' ? recorded.toString('utf8') : recorded.equals(content) ? 'same bytes' : 'other bytes', path).toBe(
    typeof content === 'string' ? content : 'same bytes',
  );
}

function hangs(machine: MachineFolder, collector: string): boolean {
  const faults = (machine.state['faults'] ?? {}) as Record<string, { kind?: string }>;
  return collector === 'client-store-apps' && faults['Get-AppxPackage']?.kind === 'hang';
}

describeWithPwsh('recorded machines = what the scripts print for their state', (pwsh) => {
  const sim = new SimulatedWindows(pwsh);
  const machines = machineFolders();
  beforeAll(async () => {
    for (const m of machines) await sim.load(m.name, m.state);
  }, 120_000);
  afterAll(() => sim.close());

  it('every recorded machine folder has a state', () => {
    expect(machines.map((m) => m.name).sort()).toEqual(['client-de-DE', 'client-saved-creds-nla-off', 'healthy-client', 'host-expired-cert', 'host-nla-firewall-off']);
  });

  for (const machine of machines) {
    it(`${machine.name}: each collector's real output is the recording, and its parser reads it`, async () => {
      for (const collector of collectorsFor(machine.role)) {
        const out = join(machine.dir, `${collector}.out`);
        const err = join(machine.dir, `${collector}.err`);
        const limit = COLLECTOR_SCRIPTS[collector]?.timeoutMs ?? 20_000;
        try {
          const stdout = await collectOn(sim, machine.name, collector, machine.collectorData[collector] ?? {}, hangs(machine, collector) ? HANG_LIMIT_MS : undefined);
          expect(() => PARSERS[collector]?.(stdout), collector).not.toThrow();
          settle(out, fileText(stdout));
          if (WRITE) rmSync(err, { force: true });
        } catch (error) {
          if (!isWindowsCollectorError(error) || error.kind !== 'timeout') throw error;
          // A hang killed the simulated machine: load it again for the next collector.
          await sim.load(machine.name, machine.state);
          settle(err, `${JSON.stringify({ kind: 'timeout', message: `no answer within ${limit / 1000} s` })}\n`);
          if (WRITE) rmSync(out, { force: true });
        }
      }
    }, 300_000);

    for (const fix of machine.fixes) {
      it(`${machine.name}: ${fix.fixId}'s backup output, saved files and the state after it are the recording`, async () => {
        await sim.load(machine.name, machine.state);
        const prepared = await prepareRecorded(fix);
        const executor = simExecutor(sim, machine.name);
        const signal = new AbortController().signal;
        for (const action of prepared.backups) {
          if (action.kind !== 'script') continue;
          const r = await executor.runScript(action, action.data, signal, fix.fixId);
          settle(join(machine.dir, 'fix-backups', fix.fixId, `${action.name}.out`), fileText(r.output));
        }
        const files = ((await sim.dump(machine.name))['files'] ?? {}) as Record<string, { base64?: string }>;
        for (const name of fix.savedFiles ?? []) {
          const saved = files[`${fix.backupDir}\\${name}`];
          expect(saved?.base64, name).toBeDefined();
          settle(join(machine.dir, 'fix-backups', fix.fixId, name), Buffer.from(saved?.base64 ?? '', 'base64'));
        }
        for (const action of prepared.apply) if (action.kind === 'script') await executor.runScript(action, action.data, signal, fix.fixId);
        for (const collector of fix.after) {
          const stdout = await collectOn(sim, machine.name, collector, machine.collectorData[collector] ?? {});
          settle(join(machine.dir, 'after', fix.fixId, `${collector}.out`), fileText(stdout));
        }
      }, 120_000);
    }
  }
});

/** Every `<collector>.out` under `dir` (the folder, after/<fix>/ overlays), with its collector name. */
function recordedOutputs(dir: string): { file: string; collector: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fix-backups' ? [] : recordedOutputs(path);
    const collector = name.replace(/\.out$/, '');
    return name.endsWith('.out') && collector in PARSERS ? [{ file: path, collector }] : [];
  });
}

// Folders recorded by hand (no state.json yet) cannot be compared with the scripts' output, but each output must still
// be something the collector's parser reads.
describe('every recorded collector output, with or without a state, passes its parser', () => {
  const folders = readdirSync(FIXTURES).filter((n) => statSync(join(FIXTURES, n)).isDirectory());
  for (const folder of folders) {
    it(folder, () => {
      const outputs = recordedOutputs(join(FIXTURES, folder));
      expect(outputs.length).toBeGreaterThan(0);
      for (const { file, collector } of outputs) expect(() => PARSERS[collector]?.(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')), file).not.toThrow();
    });
  }
});
