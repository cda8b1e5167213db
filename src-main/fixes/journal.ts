/** The undo journal: one JSON file per fix run in a folder, written atomically so it survives a crash or restart. */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixId } from '../shared/ids';
import { isOneOf, FIX_IDS } from '../shared/ids';
import { NotFoundError } from '../shared/errors';
import { writeFileAtomic } from '../files/atomic-file';
import type { PreparedFix } from './types';

/** Life of a journal entry: planned → backed-up → applying → applied | failed → undone. */
export type JournalState = 'planned' | 'backed-up' | 'applying' | 'applied' | 'failed' | 'undone';

/** What one backup step left behind. */
export interface BackupRecord {
  /** Text a script or collector printed (registry snapshot, rule states, credential list). */
  readonly output?: string;
  /** For file copies: the copy's path in the journal folder, or null when the file did not exist. */
  readonly copy?: string | null;
  readonly sha256?: string;
}

/** One fix run as stored on disk. */
export interface JournalEntry {
  readonly version: 1;
  readonly id: string;
  readonly fixId: FixId;
  readonly target: string;
  /** How it ran: live PowerShell, a recorded machine, or local files only. */
  readonly executor: 'live' | 'replay' | 'local';
  readonly state: JournalState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly prepared: PreparedFix;
  readonly backups: Readonly<Record<string, BackupRecord>>;
  /** What ran, in order: `backup:<name>`, `apply:<name>`, `undo:<name>` with the outcome. */
  readonly log: readonly { readonly at: string; readonly step: string; readonly outcome: string }[];
  readonly error: string | null;
}

const ID = /^[0-9]{8}t[0-9]{6}-[a-f0-9]{8}$/;

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
  update(entry: JournalEntry, changes: Partial<Pick<JournalEntry, 'state' | 'backups' | 'error'>>, step?: string, outcome?: string): Promise<JournalEntry>;
  load(id: string): Promise<JournalEntry>;
  /** Every readable entry, oldest first; unreadable files are reported, not thrown. */
  list(): Promise<{ readonly entries: JournalEntry[]; readonly unreadable: string[] }>;
}

function isEntry(value: unknown): value is JournalEntry {
  const v = value as Partial<JournalEntry> | null;
  return !!v && v.version === 1 && typeof v.id === 'string' && isJournalId(v.id) && isOneOf(FIX_IDS, v.fixId) && typeof v.state === 'string' && !!v.prepared;
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
      const log = step ? [...entry.log, { at, step, outcome: outcome ?? 'ok' }] : entry.log;
      return journal.save({ ...entry, ...changes, updatedAt: at, log });
    },
    async load(id) {
      let text: string;
      try {
        text = await readFile(fileOf(id), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`No fix with journal id ${id}.`);
        throw error;
      }
      const parsed: unknown = JSON.parse(text);
      if (!isEntry(parsed)) throw new NotFoundError(`The journal entry ${id} is unreadable.`);
      return parsed;
    },
    async list() {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && isJournalId(n.slice(0, -5))).sort();
      const entries: JournalEntry[] = [];
      const unreadable: string[] = [];
      for (const name of names) {
        try {
          entries.push(await journal.load(name.slice(0, -5)));
        } catch {
          unreadable.push(name);
        }
      }
      return { entries, unreadable };
    },
  };
  return journal;
}
