/**
 * A WindowsSource that answers from a recorded machine folder (RDP_DOCTOR_REPLAY): `<name>.out` holds the
 * exact stdout the real script printed, `<name>.err` a recorded failure, `after/<fixId>/` the state after a fix.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isCollectorName } from './collector';
import { WINDOWS_ERROR_KINDS, WindowsCollectorError, describeFailure, oneLine, type WindowsErrorKind } from './errors';
import type { MachineRole, WindowsSource } from './source';

/** The recorded machine's description (`machine.json`). */
export interface RecordedMachine {
  readonly role: 'client' | 'host';
  readonly computerName: string;
  readonly os: string;
  readonly language: string;
  readonly description: string;
  /** When the machine was recorded (ISO 8601 in machine.json); null when the file does not say. */
  readonly recordedAt: Date | null;
}

/** Lets fix code "replay" a fix: later collects prefer `after/<fixId>/<name>.out`. */
export interface ReplayControl {
  /** Marks a fix applied (its overlay wins, newest fix first) or undone. */
  setFixApplied(fixId: string, applied: boolean): void;
  /** The machine.json of the recording. */
  readonly machine: RecordedMachine;
}

/** A replay source: the WindowsSource checks read plus the control fixes use. */
export type ReplaySource = WindowsSource & ReplayControl;

const FIX_ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;

/** Reads and validates `<dir>/machine.json`; throws WindowsCollectorError('not-recorded') with one clear line. */
export function readMachine(dir: string): RecordedMachine {
  const file = join(dir, 'machine.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new WindowsCollectorError('not-recorded', `The replay folder ${JSON.stringify(dir)} does not exist.`);
  }
  if (!existsSync(file)) {
    throw new WindowsCollectorError('not-recorded', `The replay folder ${JSON.stringify(dir)} has no machine.json.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new WindowsCollectorError('not-recorded', `${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const m = (raw ?? {}) as Record<string, unknown>;
  if (m['role'] !== 'client' && m['role'] !== 'host') {
    throw new WindowsCollectorError('not-recorded', `${file} must say "role": "client" or "host".`);
  }
  const text = (key: string): string => (typeof m[key] === 'string' ? (m[key] as string) : '');
  let recordedAt: Date | null = null;
  if (m['recordedAt'] !== undefined) {
    const at = typeof m['recordedAt'] === 'string' ? Date.parse(m['recordedAt']) : NaN;
    if (!Number.isFinite(at)) throw new WindowsCollectorError('not-recorded', `${file}: "recordedAt" must be an ISO 8601 date and time.`);
    recordedAt = new Date(at);
  }
  return { role: m['role'], computerName: text('computerName'), os: text('os'), language: text('language'), description: text('description'), recordedAt };
}

/** Parses a recorded `.err` file: JSON `{kind, message}` or plain `kind: message` text. */
export function parseRecordedError(text: string, collector: string): WindowsCollectorError {
  let kind: string = 'failed';
  let message = text.trim();
  try {
    const parsed = JSON.parse(text) as { kind?: unknown; message?: unknown };
    if (typeof parsed.kind === 'string') kind = parsed.kind;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    const m = /^([a-z-]+)\s*:\s*([\s\S]*)$/.exec(message);
    if (m) {
      kind = m[1] ?? 'failed';
      message = m[2] ?? '';
    }
  }
  const known = (WINDOWS_ERROR_KINDS as readonly string[]).includes(kind) ? (kind as WindowsErrorKind) : 'failed';
  return new WindowsCollectorError(known, describeFailure(known, collector, oneLine(message)), collector);
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** One recorded answer of a collector: what it printed, or the failure it met. */
export type RecordedAnswer = { readonly stdout: string } | { readonly error: WindowsCollectorError };

/** Where a recording keeps its answers: a machine folder on disk, or a host evidence file read into memory. */
export interface Recording {
  /** Collector `name`'s answer in the state after fix `overlay` (null: as recorded), or null when none is recorded there. */
  answer(name: string, overlay: string | null): Promise<RecordedAnswer | null>;
}

/** A machine folder's answers: `<name>.err` before `<name>.out`, overlays in `after/<fixId>/`. */
export function folderRecording(root: string): Recording {
  return {
    async answer(name, overlay) {
      const folder = overlay === null ? root : join(root, 'after', overlay);
      const err = await readIfPresent(join(folder, `${name}.err`));
      if (err !== null) return { error: parseRecordedError(err, name) };
      const out = await readIfPresent(join(folder, `${name}.out`));
      return out === null ? null : { stdout: out.replace(/^\uFEFF/, '') };
    },
  };
}

/**
 * The one replay path: answers every collector from `recording` as the machine described by `machine` answered it,
 * the newest applied fix's overlay first. `replayDir` is the folder it came from (null for a host evidence file).
 */
export function createRecordedSource(machine: RecordedMachine, recording: Recording, replayDir: string | null): ReplaySource {
  const applied: string[] = [];
  return {
    origin: 'replay',
    replayDir,
    machineRole: machine.role satisfies MachineRole,
    recordedAt: machine.recordedAt,
    machine,
    setFixApplied(fixId: string, isApplied: boolean): void {
      if (!FIX_ID.test(fixId)) throw new WindowsCollectorError('failed', `Not a fix id: ${JSON.stringify(fixId.slice(0, 60))}.`);
      const at = applied.indexOf(fixId);
      if (at >= 0) applied.splice(at, 1);
      if (isApplied) applied.unshift(fixId);
    },
    async collect(name: string, _data: Record<string, unknown>, signal: AbortSignal): Promise<string> {
      if (!isCollectorName(name)) {
        throw new WindowsCollectorError('not-recorded', `Not a collector name: ${JSON.stringify(name.slice(0, 60))}.`, name);
      }
      if (signal.aborted) throw new WindowsCollectorError('cancelled', describeFailure('cancelled', name, ''), name);
      for (const overlay of [...applied, null]) {
        const found = await recording.answer(name, overlay);
        if (found === null) continue;
        if ('error' in found) throw found.error;
        return found.stdout;
      }
      const where = replayDir === null ? 'the recording' : replayDir;
      throw new WindowsCollectorError('not-recorded', describeFailure('not-recorded', name, `no ${name}.out in ${where}`), name);
    },
  };
}

/** Creates the replay source for a recorded machine folder; throws if the folder or machine.json is unusable. */
export function createReplaySource(dir: string): ReplaySource {
  const root = resolve(dir);
  return createRecordedSource(readMachine(root), folderRecording(root), root);
}
