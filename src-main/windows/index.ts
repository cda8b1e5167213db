/** Picks the Windows source for this run: a recorded machine (RDP_DOCTOR_REPLAY), live PowerShell on Windows, or none. */
import { BadInputError } from '../shared/errors';
import { isWindowsCollectorError } from './errors';
import { createPowerShellSource } from './powershell-source';
import { createReplaySource } from './replay-source';
import type { WindowsSource } from './source';

/** The environment variable naming a recorded machine folder (docs/contract.md#environment). */
export const REPLAY_ENV = 'RDP_DOCTOR_REPLAY';

/** What decides the source: the environment and the platform (process.env / process.platform in production). */
export interface WindowsSourceInit {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform | string;
}

/** Replay folder → replay source (BadInputError if unusable); win32 → PowerShell; otherwise null. */
export function createWindowsSource(init: WindowsSourceInit): WindowsSource | null {
  const replay = init.env[REPLAY_ENV]?.trim();
  if (replay) {
    try {
      return createReplaySource(replay);
    } catch (e) {
      if (isWindowsCollectorError(e)) throw new BadInputError(`${REPLAY_ENV}: ${e.message}`);
      throw e;
    }
  }
  if (init.platform === 'win32') return createPowerShellSource();
  return null;
}

export { WindowsCollectorError, isWindowsCollectorError } from './errors';
export type { WindowsErrorKind } from './errors';
export { createReplaySource } from './replay-source';
export type { ReplaySource, ReplayControl, RecordedMachine } from './replay-source';
export type { WindowsSource, MachineRole } from './source';
