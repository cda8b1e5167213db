/**
 * The recorded machines of e2e/fixtures/windows as simulated machines: each folder's state.json describes the machine,
 * and its <collector>.out files, fix backups and after/ overlays are what the real scripts print for that state.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXES } from '../../src-main/fixes/registry';
import type { FixExecutor, PreparedFix } from '../../src-main/fixes/types';
import { createLiveExecutor } from '../../src-main/fixes/executors';
import { parseTarget } from '../../src-main/net/target';
import type { FixId } from '../../src-main/shared/ids';
import { COLLECTOR_SCRIPTS } from '../../src-main/windows/scripts';
import { runPowerShell } from '../../src-main/windows/powershell-runner';
import { createPowerShellSource } from '../../src-main/windows/powershell-source';
import type { WindowsSource } from '../../src-main/windows/source';
import type { MachineState, SimulatedWindows } from './session';

/** The recorded machines. */
export const FIXTURES = join(__dirname, '..', 'fixtures', 'windows');

/** A fix recorded on a machine: the request, the backup folder its data named, the collectors read again after it. */
export interface RecordedFix {
  readonly fixId: FixId;
  readonly target: string;
  readonly option?: string;
  readonly backupDir: string;
  readonly after: readonly string[];
  /** Files the backup saved on disk, kept beside its output (`machinekeys.acl`). */
  readonly savedFiles?: readonly string[];
}

/** One recorded machine folder. */
export interface MachineFolder {
  readonly name: string;
  readonly dir: string;
  readonly role: 'client' | 'host';
  readonly state: MachineState;
  readonly collectorData: Readonly<Record<string, Record<string, unknown>>>;
  readonly fixes: readonly RecordedFix[];
}

/** Every folder with a state.json. */
export function machineFolders(): MachineFolder[] {
  return readdirSync(FIXTURES)
    .filter((n) => statSync(join(FIXTURES, n)).isDirectory() && existsSync(join(FIXTURES, n, 'state.json')))
    .map((name) => {
      const dir = join(FIXTURES, name);
      const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as MachineState & {
        recording?: { collectorData?: Record<string, Record<string, unknown>>; fixes?: RecordedFix[] };
      };
      const role = (JSON.parse(readFileSync(join(dir, 'machine.json'), 'utf8')) as { role: 'client' | 'host' }).role;
      return { name, dir, role, state, collectorData: state.recording?.collectorData ?? {}, fixes: state.recording?.fixes ?? [] };
    });
}

/** The collectors a machine of this role answers (client-* or server-*). */
export function collectorsFor(role: 'client' | 'host'): string[] {
  return Object.keys(COLLECTOR_SCRIPTS).filter((n) => n.startsWith(role === 'host' ? 'server-' : 'client-'));
}

/**
 * pwsh's ConvertTo-Json as Windows PowerShell 5.1 writes it: 5.1 escapes < > ' & as \u003c \u003e \u0027 \u0026, pwsh
 * writes them as they are. Outside strings JSON has none of these characters, so the replacement is safe.
 */
export function as51Json(text: string): string {
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/'/g, '\\u0027').replace(/&/g, '\\u0026');
}

/** A live WindowsSource whose PowerShell runs on the simulated machine. */
export function simSource(sim: SimulatedWindows, machine: string): WindowsSource {
  return createPowerShellSource({ spawn: sim.runner(machine) });
}

/** Runs one collector on the simulated machine exactly as the live source would, with the time limit given. */
export function collectOn(sim: SimulatedWindows, machine: string, collector: string, data: Record<string, unknown>, timeoutMs?: number): Promise<string> {
  const entry = COLLECTOR_SCRIPTS[collector];
  if (!entry) throw new Error(`No collector ${collector}`);
  return runPowerShell(entry.script, data, { timeoutMs: timeoutMs ?? entry.timeoutMs ?? 20_000, collector, output: entry.output, spawn: sim.runner(machine) });
}

/** The live executor on the simulated machine: its elevated steps go through the real launcher and UAC wrapper. */
export function simExecutor(sim: SimulatedWindows, machine: string, ownerWindow?: string): FixExecutor {
  return createLiveExecutor(simSource(sim, machine), { spawn: sim.runner(machine), ...(ownerWindow ? { ownerWindow: () => ownerWindow } : {}) });
}

/** A recorded fix's backup and apply steps as the app prepares them, their data naming the recorded backup folder. */
export function prepareRecorded(fix: RecordedFix, windows: WindowsSource | null = null): Promise<Omit<PreparedFix, 'undo'>> {
  const target = parseTarget(fix.target);
  return FIXES[fix.fixId].prepare({
    fixId: fix.fixId,
    target,
    option: fix.option,
    outputDir: '',
    report: undefined,
    rdpFile: undefined,
    windows,
    backupDir: fix.backupDir,
    signal: new AbortController().signal,
  });
}
