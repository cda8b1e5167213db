/**
 * The undo journal: one JSON file per fix run in a folder, written atomically so it survives a crash or restart.
 * It holds data, never code: the request (fix id, target, option), the state, and what the backups recorded. The
 * steps of an undo are rebuilt from the fix's own code; an entry that does not pass the schema is not used at all.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FixIdSchema } from '../shared/schema';
import { NotFoundError } from '../shared/errors';
import { writeFileAtomic } from '../files/atomic-file';
import { readFileBounded } from '../files/bounded-file';
import { lazySchema } from '../shared/lazy-schema';

const JOURNAL_STATES = ['planned', 'backed-up', 'applying', 'applied', 'failed', 'undone'] as const;

/** Life of a journal entry: planned → backed-up → applying → applied | failed → undone. */
export type JournalState = (typeof JOURNAL_STATES)[number];

const ID = /^[0-9]{8}t[0-9]{6}-[a-f0-9]{8}$/;
// Backup outputs are cut at 64,000 characters; a few of them, the log and the rest stay well below this.
const MAX_ENTRY_BYTES = 1024 * 1024;
// A journal folder holds one entry per fix run; past this many, the oldest are not read at start.
const MAX_ENTRIES = 1000;
const SHA256 = lazySchema(() => z.string().regex(/^[0-9a-f]{64}$/));
const STEP = lazySchema(() => z.string().regex(/^[a-z0-9-]{1,60}$/));

const BackupRecordSchema = lazySchema(() =>
  z.strictObject({
    /** Text a script or collector printed (registry snapshot, rule states, credential list). */
    output: z.string().max(64_000).optional(),
    /** For a file copy: whether the file existed, so its copy sits in the entry's backup folder. */
    copied: z.boolean().optional(),
    sha256: SHA256.optional(),
  }),
);

const JournalEntrySchema = lazySchema(() =>
  z.strictObject({
    version: z.literal(2),
    id: z.string().regex(ID),
    fixId: FixIdSchema,
    target: z.string().min(1).max(300),
    /** The request's option (security layer, output file name), checked again by the fix when an undo is rebuilt. */
    option: z.string().max(300).nullable(),
    /** How it ran: live PowerShell, a recorded machine, or local files only. */
    executor: z.enum(['live', 'replay', 'local']),
    state: z.enum(JOURNAL_STATES),
    createdAt: z.string().max(40),
    updatedAt: z.string().max(40),
    backups: z.record(STEP, BackupRecordSchema),
    /** SHA-256 of the bytes each write-file step writes, recorded before it writes them. */
    written: z.record(STEP, SHA256),
    /** What ran, in order: `backup:<name>`, `apply:<name>`, `undo:<name>` with the outcome. */
    log: z.array(z.strictObject({ at: z.string().max(40), step: z.string().max(100), outcome: z.string().max(2000) })).max(1000),
    error: z.string().max(2000).nullable(),
  }),
);

/** What one backup step left behind. */
export type BackupRecord = z.infer<typeof BackupRecordSchema>;

/** One fix run as stored on disk. */
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** A journal file that was not used: its name and why, in words. */
export interface RejectedEntry {
  readonly file: string;
  readonly reason: string;
}

/** A journal file that cannot be trusted or read; it is reported and left as it is. */
export class RejectedEntryError extends Error {
  override readonly name = 'RejectedEntryError';
}

/** A new journal id: UTC time plus random hex, safe as a file name. */
export function newJournalId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase();
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/** True for ids this journal creates (anything else never touches the file system). */
export function isJournalId(id: string): boolean {
  return ID.test(id);
}

/** The journal folder API. */
export interface Journal {
  readonly dir: string;
  /** Folder for the backups of one entry (created on demand). */
  backupDir(id: string): string;
  ensureBackupDir(id: string): Promise<string>;
  save(entry: JournalEntry): Promise<JournalEntry>;
  /** Returns a copy with `changes`, a fresh updatedAt and one log line, written atomically. */
  update(entry: JournalEntry, changes: Partial<Pick<JournalEntry, 'state' | 'backups' | 'written' | 'error'>>, step?: string, outcome?: string): Promise<JournalEntry>;
  /** The entry, checked against the schema; RejectedEntryError when it does not pass, NotFoundError when there is none. */
  load(id: string): Promise<JournalEntry>;
  /** Every entry that passes the schema, oldest first; the others are listed with the reason, not thrown. */
  list(): Promise<{ readonly entries: JournalEntry[]; readonly rejected: RejectedEntry[] }>;
}

/** Why `value` (the parsed file of `id`) is not a journal entry, or null when it is one. */
function problemOf(value: unknown, id: string): string | null {
  const parsed = JournalEntrySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const version = (value as { version?: unknown } | null)?.version;
    if (version !== 2) return 'it was not written by this version of RDP Doctor';
    return `${issue?.path.join('.') || 'the entry'}: ${issue?.message ?? 'does not fit'}`;
  }
  return parsed.data.id === id ? null : 'its id does not match its file name';
}

/** Opens (and creates) the journal folder. */
export async function openJournal(dir: string, now: () => Date = () => new Date()): Promise<Journal> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fileOf = (id: string): string => {
    if (!isJournalId(id)) throw new NotFoundError(`No fix with journal id ${JSON.stringify(id.slice(0, 64))}.`);
    return join(dir, `${id}.json`);
  };
  const journal: Journal = {
    dir,
    backupDir: (id) => join(dir, id),
    async ensureBackupDir(id) {
      const path = join(dir, id);
      fileOf(id);
      await mkdir(path, { recursive: true, mode: 0o700 });
      return path;
    },
    async save(entry) {
      await writeFileAtomic(fileOf(entry.id), JSON.stringify(entry, null, 1));
      return entry;
    },
    async update(entry, changes, step, outcome) {
      const at = now().toISOString();
      const log = step ? [...entry.log, { at, step, outcome: (outcome ?? 'ok').slice(0, 2000) }] : entry.log;
      return journal.save({ ...entry, ...changes, updatedAt: at, log });
    },
    async load(id) {
      // Its own folder, so no link belongs there: one is refused like a FIFO or a device, without blocking.
      const read = await readFileBounded(fileOf(id), MAX_ENTRY_BYTES, { noFollow: true, kind: 'a journal entry' });
      if (!read.ok) {
        if (read.reason === 'not-found') throw new NotFoundError(`No fix with journal id ${id}.`);
        throw new RejectedEntryError(`The journal entry ${id} cannot be read: ${read.message}`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(read.bytes.toString('utf8'));
      } catch {
        throw new RejectedEntryError(`The journal entry ${id} is not valid JSON; it was left as it is.`);
      }
      const problem = problemOf(parsed, id);
      if (problem) throw new RejectedEntryError(`The journal entry ${id} was not used (${problem}); it was left as it is.`);
      return JournalEntrySchema.parse(parsed);
    },
    async list() {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && isJournalId(n.slice(0, -5))).sort();
      const entries: JournalEntry[] = [];
      const rejected: RejectedEntry[] = [];
      for (const name of names.slice(-MAX_ENTRIES)) {
        try {
          entries.push(await journal.load(name.slice(0, -5)));
        } catch (error) {
          rejected.push({ file: name, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      return { entries, rejected };
    },
  };
  return journal;
}
