/** Runs a journaled fix: backups, then the change one step at a time, then undo from what the backups recorded. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import type { BackupRecord, Journal, JournalEntry } from './journal';
import type { FixExecutor, ScriptAction, UndoAction } from './types';

/** The user said no at the UAC prompt. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
}

/** A step needs a backup that was not recorded (or is unreadable). */
export class MissingBackupError extends Error {
  override readonly name = 'MissingBackupError';
}

/** Test hook: called after each apply step is done and journaled (the crash test pauses here). */
export interface EngineHooks {
  afterApplyStep?(entry: JournalEntry, step: string): Promise<void>;
}

function needExecutor(executor: FixExecutor | null, step: string): FixExecutor {
  if (!executor) throw new Error(`Step ${step} needs Windows, and there is no Windows source here.`);
  return executor;
}

async function runScript(executor: FixExecutor | null, entry: JournalEntry, action: ScriptAction, data: Readonly<Record<string, unknown>>, signal: AbortSignal): Promise<string> {
  const r = await needExecutor(executor, action.name).runScript(action, data, signal, entry.fixId);
  if (r.declined) throw new DeclinedError('The Windows administrator prompt (UAC) was declined; nothing was changed by this step.');
  return r.output.slice(0, 64_000);
}

/** Runs every backup step and records what it saved; ends in state `backed-up`. */
export async function runBackups(journal: Journal, entry: JournalEntry, executor: FixExecutor | null, signal: AbortSignal): Promise<JournalEntry> {
  let current = entry;
  for (const action of entry.prepared.backups) {
    let record: BackupRecord;
    if (action.kind === 'copy-file') {
      const bytes = await readFile(action.path).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw e;
      });
      if (bytes === null) record = { copy: null };
      else {
        const copy = join(await journal.ensureBackupDir(entry.id), `${action.name}.bin`);
        await writeFileAtomic(copy, bytes);
        record = { copy, sha256: createHash('sha256').update(bytes).digest('hex') };
      }
    } else if (action.kind === 'collect') {
      record = { output: (await needExecutor(executor, action.name).collect(action.collector, signal)).slice(0, 64_000) };
    } else {
      record = { output: await runScript(executor, entry, action, action.data, signal) };
    }
    current = await journal.update(current, { backups: { ...current.backups, [action.name]: record } }, `backup:${action.name}`);
  }
  // An undo that restores from a backup needs that backup: without it, stop before anything changes.
  for (const undo of entry.prepared.undo) {
    if (undo.kind === 'script' && undo.withBackup && usableBackup(current, undo.withBackup) === null) {
      throw new MissingBackupError(`The backup step ${undo.withBackup} recorded nothing, so the change could not be undone; nothing was changed.`);
    }
  }
  return journal.update(current, { state: 'backed-up' }, 'backed-up');
}

/** Marks the entry `applying`, then runs each apply step, journaling each one; ends in `applied`. */
export async function runApply(journal: Journal, entry: JournalEntry, executor: FixExecutor | null, signal: AbortSignal, hooks: EngineHooks = {}): Promise<JournalEntry> {
  let current = await journal.update(entry, { state: 'applying' }, 'applying');
  for (const action of entry.prepared.apply) {
    signal.throwIfAborted();
    if (action.kind === 'write-file') {
      await mkdir(dirname(action.path), { recursive: true });
      await writeFileAtomic(action.path, Buffer.from(action.contentBase64, 'base64'));
    }
    else await runScript(executor, entry, action, action.data, signal);
    current = await journal.update(current, {}, `apply:${action.name}`);
    await hooks.afterApplyStep?.(current, action.name);
  }
  executor?.markApplied(entry.fixId, true);
  return journal.update(current, { state: 'applied' }, 'applied');
}

function backupData(entry: JournalEntry, name: string): unknown {
  const output = entry.backups[name]?.output;
  if (output === undefined || output.trim() === '') return null;
  try {
    return JSON.parse(output) as unknown;
  } catch {
    return output;
  }
}

/** The parsed JSON a backup step printed, or null when it printed nothing or something that is not a JSON object/array. */
function usableBackup(entry: JournalEntry, name: string): object | null {
  const data = backupData(entry, name);
  return data !== null && typeof data === 'object' ? data : null;
}

async function undoStep(entry: JournalEntry, action: UndoAction, executor: FixExecutor | null, signal: AbortSignal): Promise<string> {
  if (action.kind === 'note') return action.description;
  if (action.kind === 'restore-file') {
    const backup = entry.prepared.backups.find((b) => b.name === action.backup);
    const record = entry.backups[action.backup];
    if (!backup || backup.kind !== 'copy-file' || !record) throw new Error(`No backup ${action.backup} was recorded, so the file cannot be restored.`);
    if (record.copy === null || record.copy === undefined) {
      await rm(backup.path, { force: true });
      return `Deleted ${backup.path}, which did not exist before.`;
    }
    const bytes = await readFile(record.copy);
    if (record.sha256 && createHash('sha256').update(bytes).digest('hex') !== record.sha256) throw new Error(`The backup copy of ${backup.path} is damaged.`);
    await writeFileAtomic(backup.path, bytes);
    return `Restored ${backup.path} byte for byte.`;
  }
  let data = action.data;
  if (action.withBackup) {
    const backup = usableBackup(entry, action.withBackup);
    // Running a restore script without its snapshot could only guess; refuse before anything runs.
    if (backup === null) throw new MissingBackupError(`No usable ${action.withBackup} backup was recorded for this fix, so it cannot be undone automatically; nothing was run.`);
    data = { ...action.data, backup };
  }
  await runScript(executor, entry, action, data, signal);
  return action.description;
}

/** Runs the undo steps in order and marks the entry `undone`; returns what was done, in words. */
export async function runUndo(journal: Journal, entry: JournalEntry, executor: FixExecutor | null, signal: AbortSignal): Promise<{ entry: JournalEntry; messages: string[] }> {
  let current = entry;
  const messages: string[] = [];
  for (const action of entry.prepared.undo) {
    messages.push(await undoStep(current, action, executor, signal));
    current = await journal.update(current, {}, `undo:${action.name}`);
  }
  executor?.markApplied(entry.fixId, false);
  current = await journal.update(current, { state: 'undone' }, 'undone');
  return { entry: current, messages };
}
