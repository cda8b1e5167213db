/** A WindowsSource backed by the PowerShell runner: collector name → constant script, user values as data. */
import type { CollectorTable } from './collector';
import { WindowsCollectorError, describeFailure, isWindowsCollectorError } from './errors';
import { runPowerShell, type InvocationRunner } from './powershell-runner';
import { COLLECTOR_SCRIPTS } from './scripts';
import type { WindowsSource } from './source';

/** Default time limit of one collector run. */
export const DEFAULT_COLLECTOR_TIMEOUT_MS = 20_000;

/** Options of the live source; tests may pass their own table or time limit. */
export interface PowerShellSourceOptions {
  readonly scripts?: CollectorTable;
  readonly timeoutMs?: number;
  /** Where the processes run (the simulated-Windows tests); spawned for real by default. */
  readonly spawn?: InvocationRunner;
}

/** Creates the live source; an unknown collector name is rejected before anything is spawned. */
export function createPowerShellSource(options: PowerShellSourceOptions = {}): WindowsSource {
  const scripts = options.scripts ?? COLLECTOR_SCRIPTS;
  // Constrained Language Mode holds for every script: once one collector met it, the others say so without a spawn.
  let constrained = false;
  return {
    origin: 'powershell',
    replayDir: null,
    machineRole: 'unknown',
    recordedAt: null,
    async collect(name: string, data: Record<string, unknown>, signal: AbortSignal): Promise<string> {
      const entry = Object.prototype.hasOwnProperty.call(scripts, name) ? scripts[name] : undefined;
      if (!entry) throw new WindowsCollectorError('failed', `Unknown collector ${JSON.stringify(name.slice(0, 60))}.`, name);
      if (constrained) throw new WindowsCollectorError('constrained-language', describeFailure('constrained-language', name, ''), name);
      return runPowerShell(entry.script, data, {
        timeoutMs: entry.timeoutMs ?? options.timeoutMs ?? DEFAULT_COLLECTOR_TIMEOUT_MS,
        signal,
        collector: name,
        output: entry.output,
        ...(options.spawn ? { spawn: options.spawn } : {}),
      }).catch((error: unknown) => {
        if (isWindowsCollectorError(error) && error.kind === 'constrained-language') constrained = true;
        throw error;
      });
    },
  };
}
