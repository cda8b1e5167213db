/** Where fix scripts run: live PowerShell (elevated through UAC one script at a time) or a recorded machine (nothing runs). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixId } from '../shared/ids';
import { runElevated } from '../windows/elevate';
import { isWindowsCollectorError } from '../windows/errors';
import { runPowerShell, type InvocationRunner } from '../windows/powershell-runner';
import type { ReplayControl } from '../windows/replay-source';
import type { WindowsSource } from '../windows/source';
import type { FixExecutor, ScriptAction } from './types';

/** Time limit of one fix script; elevated runs include the time the user takes to answer UAC. */
export const FIX_SCRIPT_TIMEOUT_MS = 120_000;

/** How the live executor starts PowerShell. */
export interface LiveExecutorOptions {
  /** Where the processes run (the simulated-Windows tests); spawned for real by default. */
  readonly spawn?: InvocationRunner;
  /** The app window's handle (decimal) that owns the UAC prompt, when the app has a window. */
  readonly ownerWindow?: () => string | null;
}

/** Executes on this Windows computer through the project's PowerShell runner; only `always`/`fallback` steps elevate. */
export function createLiveExecutor(windows: WindowsSource, options: LiveExecutorOptions = {}): FixExecutor {
  const how = options.spawn ? { spawn: options.spawn } : {};
  const elevated = async (action: ScriptAction, data: Readonly<Record<string, unknown>>, signal: AbortSignal) => {
    const ownerWindow = options.ownerWindow?.() ?? null;
    const r = await runElevated(action.script, { ...data }, { timeoutMs: FIX_SCRIPT_TIMEOUT_MS, signal, collector: action.name, ownerWindow, ...how });
    return r.outcome === 'declined' ? { declined: true, output: '' } : { declined: false, output: r.stdout };
  };
  return {
    mode: 'live',
    async runScript(action, data, signal) {
      if (action.elevation === 'always') return elevated(action, data, signal);
      try {
        const output = await runPowerShell(action.script, { ...data }, { timeoutMs: FIX_SCRIPT_TIMEOUT_MS, signal, collector: action.name, output: 'text', ...how });
        return { declined: false, output };
      } catch (error) {
        if (action.elevation === 'fallback' && isWindowsCollectorError(error) && error.kind === 'access-denied') return elevated(action, data, signal);
        throw error;
      }
    },
    collect: (collector, signal) => windows.collect(collector, {}, signal),
    markApplied: () => undefined,
  };
}

/** One script a replayed fix would have run. */
export interface RecordedRun {
  readonly name: string;
  readonly script: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly elevation: ScriptAction['elevation'];
}

/** A replay executor plus the list of scripts it was asked to run. */
export interface ReplayExecutor extends FixExecutor {
  readonly runs: RecordedRun[];
}

function hasReplayControl(source: WindowsSource): source is WindowsSource & ReplayControl {
  return typeof (source as Partial<ReplayControl>).setFixApplied === 'function';
}

/** Where a recorded machine keeps what a fix's script printed there: `fix-backups/<fixId>/<step>.out`. */
export function recordedOutputPath(replayDir: string, fixId: FixId, step: string): string {
  return join(replayDir, 'fix-backups', fixId, `${step}.out`);
}

async function recordedOutput(replayDir: string | null, fixId: FixId, step: string): Promise<string> {
  // Step names are constants of the fix definitions; the check keeps a bad one from leaving the folder.
  if (!replayDir || !/^[a-z0-9-]{1,60}$/.test(step)) return '';
  try {
    return (await readFile(recordedOutputPath(replayDir, fixId, step), 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Runs nothing: records each script with its data, answers with what the script printed on the recorded machine (empty when not recorded), reads collectors from the recording, flips the `after/<fixId>` overlay. */
export function createReplayExecutor(windows: WindowsSource): ReplayExecutor {
  const runs: RecordedRun[] = [];
  return {
    mode: 'replay',
    runs,
    async runScript(action, data, _signal, fixId) {
      runs.push({ name: action.name, script: action.script, data, elevation: action.elevation });
      return { declined: false, output: await recordedOutput(windows.replayDir, fixId, action.name) };
    },
    collect: (collector, signal) => windows.collect(collector, {}, signal),
    markApplied(fixId: FixId, applied: boolean) {
      if (hasReplayControl(windows)) windows.setFixApplied(fixId, applied);
    },
  };
}
