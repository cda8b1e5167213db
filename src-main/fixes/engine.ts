/** Runs a journaled fix: backups, then the change one step at a time, then undo from what the backups recorded. */
import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file';
import { readFileBounded } from '../files/bounded-file';
import { MAX_RDP_FILE_BYTES } from '../shared/limits';
import type { BackupRecord, Journal, JournalEntry } from './journal';
import type { BackupAction, FixExecutor, PreparedFix, RestoreFileAction, ScriptAction, UndoAction } from './types';

/** The user said no at the UAC prompt. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
}

/** A step needs a backup that was not recorded, is unreadable or does not fit the fix; nothing was run for it. */
export class MissingBackupError extends Error {
  override readonly name = 'MissingBackupError';
}

/** Test hook: called after each apply step is done and journaled (the crash test pauses here). */
export interface EngineHooks {
  afterApplyStep?(entry: JournalEntry, step: string): Promise<void>;
}

// The files a fix copies and writes are .rdp files; a copy is never read past this.
const MAX_COPY_BYTES = MAX_RDP_FILE_BYTES;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where a `copy-file` backup keeps its copy: the entry's own backup folder, named by the step (never a path from the journal). */
function copyPathOf(journal: Journal, entry: JournalEntry, backup: string): string {
  return join(journal.backupDir(entry.id), `${backup}.bin`);
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

/** The bytes of a file the fix works on, or null when there is none; bounded like every read. */
async function readFixFile(path: string): Promise<Buffer | null> {
  const read = await readFileBounded(path, MAX_COPY_BYTES, { noFollow: true });
  if (read.ok) return read.bytes;
  if (read.reason === 'not-found') return null;
  throw new Error(read.message);
}

async function backupOne(journal: Journal, entry: JournalEntry, action: BackupAction, executor: FixExecutor | null, signal: AbortSignal): Promise<BackupRecord> {
  if (action.kind === 'copy-file') {
    const bytes = await readFixFile(action.path);
    if (bytes === null) return { copied: false };
    await journal.ensureBackupDir(entry.id);
    await writeFileAtomic(copyPathOf(journal, entry, action.name), bytes);
    return { copied: true, sha256: sha256(bytes) };
  }
  if (action.kind === 'collect') return { output: (await needExecutor(executor, action.name).collect(action.collector, signal)).slice(0, 64_000) };
  return { output: await runScript(executor, entry, action, action.data, signal) };
}

/** Runs every backup step and records what it saved; ends in state `backed-up`. */
export async function runBackups(journal: Journal, entry: JournalEntry, prepared: PreparedFix, executor: FixExecutor | null, signal: AbortSignal): Promise<JournalEntry> {
  let current = entry;
  for (const action of prepared.backups) {
    const record = await backupOne(journal, current, action, executor, signal);
    current = await journal.update(current, { backups: { ...current.backups, [action.name]: record } }, `backup:${action.name}`);
  }
  // An undo that restores from a backup needs that backup as its fix expects it: without it, stop before anything changes.
  for (const undo of prepared.undo) {
    if (undo.kind !== 'script' || !undo.withBackup) continue;
    const backup = checkBackup(current, undo);
    if (!backup.ok) {
      const what = backup.why === null ? 'nothing' : `something this fix does not expect (${backup.why})`;
      throw new MissingBackupError(`The backup step ${undo.withBackup} recorded ${what}, so the change could not be undone; nothing was changed.`);
    }
  }
  return journal.update(current, { state: 'backed-up' }, 'backed-up');
}

/** Marks the entry `applying`, then runs each apply step, journaling each one; ends in `applied`. */
export async function runApply(
  journal: Journal,
  entry: JournalEntry,
  prepared: PreparedFix,
  executor: FixExecutor | null,
  signal: AbortSignal,
  hooks: EngineHooks = {},
): Promise<JournalEntry> {
  let current = await journal.update(entry, { state: 'applying' }, 'applying');
  for (const action of prepared.apply) {
    signal.throwIfAborted();
    if (action.kind === 'write-file') {
      const bytes = Buffer.from(action.contentBase64, 'base64');
      // Recorded before the write: a crash after the rename still leaves a journal that knows the new file.
      current = await journal.update(current, { written: { ...current.written, [action.name]: sha256(bytes) } }, `writing:${action.name}`);
      await mkdir(dirname(action.path), { recursive: true });
      await writeFileAtomic(action.path, bytes);
    } else await runScript(executor, entry, action, action.data, signal);
    current = await journal.update(current, {}, `apply:${action.name}`);
    await hooks.afterApplyStep?.(current, action.name);
  }
  executor?.markApplied(entry.fixId, true);
  return journal.update(current, { state: 'applied' }, 'applied');
}

/** Parsed JSON, or null for nothing, blank or not JSON. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The recorded output of the backup `action` restores from, parsed and checked against the fix's own schema: only
 * what passes reaches the script (unknown fields dropped). `why` is null when nothing usable was recorded at all.
 */
function checkBackup(entry: JournalEntry, action: ScriptAction): { ok: true; data: unknown } | { ok: false; why: string | null } {
  const data = parseJson(entry.backups[action.withBackup ?? '']?.output);
  if (data === null || typeof data !== 'object') return { ok: false, why: null };
  const parsed = action.backupSchema?.safeParse(data);
  if (parsed?.success) return { ok: true, data: parsed.data };
  const issue = parsed?.error.issues[0];
  return { ok: false, why: issue ? `${issue.path.join('.') || 'it'}: ${issue.message}` : 'the step has no schema to check it against' };
}

/** The checked backup for an undo step; MissingBackupError (nothing run) when it is absent or does not fit. */
function checkedBackup(entry: JournalEntry, action: ScriptAction): unknown {
  const backup = checkBackup(entry, action);
  if (backup.ok) return backup.data;
  const name = action.withBackup ?? '';
  if (backup.why === null) throw new MissingBackupError(`No usable ${name} backup was recorded for this fix, so it cannot be undone automatically; nothing was run.`);
  throw new MissingBackupError(`The recorded ${name} backup does not fit this fix (${backup.why}), so nothing was run.`);
}

/** Puts a file back only while it still holds what the fix wrote (or already is the original): a later change is never lost. */
async function restoreFile(journal: Journal, entry: JournalEntry, action: RestoreFileAction): Promise<string> {
  const record = entry.backups[action.backup];
  if (!record || record.copied === undefined) throw new MissingBackupError(`No backup ${action.backup} was recorded, so the file cannot be restored.`);
  const current = await readFixFile(action.path);
  const now = current === null ? null : sha256(current);
  const written = entry.written[action.writtenBy];
  const original = record.copied ? (record.sha256 ?? null) : null;
  if (now === original) return `${action.path} is as it was before the fix; nothing to put back.`;
  if (written === undefined || now !== written) {
    throw new MissingBackupError(`${action.path} changed after the fix wrote it (or the fix never wrote it), so it was left as it is.`);
  }
  if (!record.copied) {
    await rm(action.path, { force: true });
    return `Deleted ${action.path}, which did not exist before.`;
  }
  const copy = await readFixFile(copyPathOf(journal, entry, action.backup));
  if (copy === null || sha256(copy) !== record.sha256) throw new MissingBackupError(`The backup copy of ${action.path} is missing or damaged; the file was left as it is.`);
  await writeFileAtomic(action.path, copy);
  return `Restored ${action.path} byte for byte.`;
}

async function undoStep(journal: Journal, entry: JournalEntry, action: UndoAction, executor: FixExecutor | null, signal: AbortSignal): Promise<string> {
  if (action.kind === 'note') return action.description;
  if (action.kind === 'restore-file') return restoreFile(journal, entry, action);
  // Running a restore script without its snapshot could only guess; refuse before anything runs.
  const data = action.withBackup ? { ...action.data, backup: checkedBackup(entry, action) } : action.data;
  await runScript(executor, entry, action, data, signal);
  return action.description;
}

/** Runs `undo` (rebuilt from the fix's code) in order and marks the entry `undone`; returns what was done, in words. */
export async function runUndo(
  journal: Journal,
  entry: JournalEntry,
  undo: readonly UndoAction[],
  executor: FixExecutor | null,
  signal: AbortSignal,
): Promise<{ entry: JournalEntry; messages: string[] }> {
  let current = entry;
  const messages: string[] = [];
  for (const action of undo) {
    messages.push(await undoStep(journal, current, action, executor, signal));
    current = await journal.update(current, {}, `undo:${action.name}`);
  }
  executor?.markApplied(entry.fixId, false);
  current = await journal.update(current, { state: 'undone' }, 'undone');
  return { entry: current, messages };
}
