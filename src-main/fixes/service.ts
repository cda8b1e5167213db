/** The transport-free fix service: plan → (confirm in the door) → backup → apply → verify, undo from the journal, recovery after a crash. */
import { join } from 'node:path';
import type { ParsedTarget } from '../shared/target';
import { parseTarget } from '../net/target';
import { BadInputError, NotFoundError } from '../shared/errors';
import { FIX_META } from '../shared/catalog';
import { FixRequestSchema, type FixPlan, type FixRequest, type FixResult, type RdpFileInput, type UndoResult } from '../shared/dto';
import type { CheckId } from '../shared/ids';
import type { CheckResult, Report } from '../shared/schema';
import type { WindowsSource } from '../windows/source';
import { DeclinedError, MissingBackupError, runApply, runBackups, runUndo, type EngineHooks } from './engine';
import { createLiveExecutor, createReplayExecutor } from './executors';
import { newJournalId, openJournal, RejectedEntryError, type Journal, type JournalEntry, type JournalState, type RejectedEntry } from './journal';
import { changesOf } from './changes';
import { prepareFix } from './prepare';
import { reversibilityOf, toFixPlan, type FixPlace } from './plan';
import { policyOverrides } from './registry-steps';
import { FIXES } from './registry';
import { copyableBackupDir, copyableScript } from './script-only';
import type { FixDefinition, FixExecutor, PreparedFix, UndoAction } from './types';
import { summarizeVerification } from './verify';

/** What the fix service needs from the rest of the app. */
export interface FixServiceDeps {
  readonly windows: WindowsSource | null;
  readonly journalDir: string;
  /** Where produced .rdp files are written when a request names one (default: `<journalDir>/files`). */
  readonly outputDir?: string;
  /** True when `target` names the computer this app runs on (host fixes then apply here). */
  isLocalHost(target: string): boolean;
  /** Re-runs the given checks against the target (verification). */
  runChecks(target: string, ids: CheckId[], signal: AbortSignal): Promise<CheckResult[]>;
  /** Re-runs checks within a finished diagnosis, findings recomputed (verification of a fix that answers it). */
  recheck?(taskId: string, ids: CheckId[], signal: AbortSignal): Promise<Report>;
  lookupTask(taskId: string): { report: Report; rdpFile?: RdpFileInput } | undefined;
  /** Overrides the executor picked from `windows` (null: no scripts can run). */
  readonly executor?: FixExecutor | null;
  readonly hooks?: EngineHooks;
  /** The app window's handle (decimal) that owns UAC prompts, so they show in front of it; null without a window. */
  readonly elevationOwner?: () => string | null;
  readonly now?: () => Date;
}

/** One journal entry found by recovery and what was done with it. */
export interface RecoveredEntry {
  readonly journalId: string;
  readonly fixId: JournalEntry['fixId'];
  readonly previousState: JournalState;
  readonly undone: boolean;
  /** False when there is nothing Undo could put back (irreversible, or nothing changed): only OK is offered. */
  readonly canUndo: boolean;
  readonly message: string;
}

/** What `recover()` found: entries interrupted by a crash, and journal files it did not use (left as they are). */
export interface RecoverResult {
  readonly recovered: readonly RecoveredEntry[];
  readonly rejected: readonly RejectedEntry[];
}

/** The fix API the service, CLI and UI call. */
export interface FixService {
  plan(req: FixRequest, signal?: AbortSignal): Promise<FixPlan>;
  apply(req: FixRequest, signal?: AbortSignal): Promise<FixResult>;
  undo(journalId: string): Promise<UndoResult>;
  /**
   * Finds entries stuck in `applying` (a crash) and undoes them from their backups with the undo their fix's code
   * builds; elevated live undos (or all, with perform false) are only offered. An entry that does not fit is reported.
   */
  recover(options?: { readonly perform?: boolean }): Promise<RecoverResult>;
  /** Every journal entry, oldest first. */
  list(): Promise<readonly JournalEntry[]>;
}

interface Prepared {
  readonly def: FixDefinition;
  readonly target: ParsedTarget;
  readonly place: FixPlace;
  readonly prepared: PreparedFix;
  readonly plan: FixPlan;
  readonly id: string;
  /** The diagnosis the fix answers: the preview's current values and the findings verification looks for. */
  readonly report: Report | undefined;
  /** The request's option as the journal records it. */
  readonly option: string | null;
}

const PLAN_REUSE_MS = 30 * 60_000;
// Windows PowerShell 5.1 reads a .ps1 without a BOM as ANSI; the BOM keeps non-ASCII text intact.
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Creates the fix service; the journal folder is created on first use. */
export function createFixService(deps: FixServiceDeps): FixService {
  const now = deps.now ?? (() => new Date());
  const executor: FixExecutor | null =
    deps.executor !== undefined
      ? deps.executor
      : deps.windows
        ? deps.windows.origin === 'replay'
          ? createReplayExecutor(deps.windows)
          : createLiveExecutor(deps.windows, deps.elevationOwner ? { ownerWindow: deps.elevationOwner } : {})
        : null;
  let journalPromise: Promise<Journal> | null = null;
  const journal = (): Promise<Journal> => (journalPromise ??= openJournal(deps.journalDir, now));
  const planned = new Map<string, { id: string; at: number }>();
  let queue: Promise<unknown> = Promise.resolve();
  // One fix at a time: every apply/undo/recover waits for the previous one.
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const outputDir = deps.outputDir ?? join(deps.journalDir, 'files');
  const keyOf = (req: FixRequest): string => JSON.stringify([req.fixId, req.target.trim().toLowerCase(), req.option ?? '', req.taskId ?? '']);

  function placeOf(def: FixDefinition, target: ParsedTarget): FixPlace {
    if (def.runsOn === 'any') return 'here';
    if (!executor) return 'script';
    return FIX_META[def.id].scope === 'host' && !deps.isLocalHost(target.input) ? 'script' : 'here';
  }

  async function prepare(raw: FixRequest, id: string, signal: AbortSignal): Promise<Prepared> {
    const parsed = FixRequestSchema.safeParse(raw);
    if (!parsed.success) throw new BadInputError(`Invalid fix request: ${parsed.error.issues[0]?.message ?? 'bad fields'}.`);
    const req = parsed.data;
    const def = FIXES[req.fixId];
    const target = parseTarget(req.target);
    const task = req.taskId ? deps.lookupTask(req.taskId) : undefined;
    if (req.taskId && !task) throw new NotFoundError(`No diagnosis with id ${req.taskId}.`);
    const place = placeOf(def, target);
    const backupDir = place === 'script' ? copyableBackupDir(id) : (await journal()).backupDir(id);
    const prepared = await prepareFix(def, {
      fixId: def.id,
      target,
      option: req.option,
      outputDir,
      report: task?.report,
      rdpFile: task?.rdpFile,
      windows: deps.windows,
      backupDir,
      signal,
    });
    const first = toFixPlan(def, target, prepared, place, null, changesOf(def.id, target, req.option, task?.report));
    const script = place === 'script' ? copyableScript(def, target, prepared, backupDir) : null;
    return { def, target, place, prepared, plan: { ...first, script }, id, report: task?.report, option: req.option ?? null };
  }

  function newEntry(p: Prepared, state: JournalState): JournalEntry {
    const at = now().toISOString();
    const kind = executor && [...p.prepared.backups, ...p.prepared.apply].some((a) => a.kind === 'script' || a.kind === 'collect') ? executor.mode : 'local';
    return {
      version: 2,
      id: p.id,
      fixId: p.def.id,
      target: p.target.input,
      option: p.option,
      executor: kind,
      state,
      createdAt: at,
      updatedAt: at,
      backups: {},
      written: {},
      log: [],
      error: null,
    };
  }

  /** The undo of an entry, rebuilt from its fix's code and the recorded request; BadInputError when they do not fit. */
  function undoOf(j: Journal, entry: JournalEntry): readonly UndoAction[] {
    return FIXES[entry.fixId].undo({ fixId: entry.fixId, target: parseTarget(entry.target), option: entry.option ?? undefined, outputDir, backupDir: j.backupDir(entry.id) });
  }

  /** The rebuilt undo, or why the entry cannot be undone by the app (it is then left alone). */
  function tryUndoOf(j: Journal, entry: JournalEntry): { undo: readonly UndoAction[] } | { problem: string } {
    try {
      return { undo: undoOf(j, entry) };
    } catch (error) {
      return { problem: `The journal entry ${entry.id} does not fit ${entry.fixId} (${error instanceof Error ? error.message : String(error)}); it was left as it is.` };
    }
  }

  async function undoEntry(entry: JournalEntry): Promise<{ ok: boolean; message: string; entry: JournalEntry }> {
    const j = await journal();
    if (entry.state === 'undone') return { ok: false, message: 'This fix was already undone.', entry };
    if (entry.state === 'planned' || entry.state === 'backed-up') {
      const done = await j.update(entry, { state: 'undone' }, 'undone', 'nothing had been changed');
      return { ok: true, message: 'Nothing had been changed, so there was nothing to undo.', entry: done };
    }
    const rebuilt = tryUndoOf(j, entry);
    if ('problem' in rebuilt) return { ok: false, message: rebuilt.problem, entry };
    // Undo is only ever "done" when something was put back: a note cannot restore what the fix removed.
    const reversibility = reversibilityOf(rebuilt);
    if (reversibility !== 'undoable') {
      const why = rebuilt.undo.map((u) => u.description).join(' ');
      const recorded = FIXES[entry.fixId].describeBackups?.(entry.backups, parseTarget(entry.target));
      const head = reversibility === 'irreversible' ? `${FIX_META[entry.fixId].title} cannot be undone.` : 'There is nothing to undo.';
      return { ok: false, message: [head, why, recorded ?? ''].filter(Boolean).join(' '), entry };
    }
    if (entry.executor !== 'local' && executor?.mode !== entry.executor) {
      return { ok: false, message: `This fix ran on ${entry.executor === 'live' ? 'live Windows' : 'a recorded machine'}; undo it from the same place.`, entry };
    }
    try {
      const { entry: done, messages } = await runUndo(j, entry, rebuilt.undo, executor, new AbortController().signal);
      const recorded = FIXES[entry.fixId].describeBackups?.(entry.backups, parseTarget(entry.target));
      return { ok: true, message: `Undone: ${[...messages, ...(recorded ? [recorded] : [])].join(' ')}`, entry: done };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Refused before anything ran (a backup or file that does not fit): the entry is left exactly as it is.
      if (error instanceof MissingBackupError) return { ok: false, message: `Undo failed: ${message}`, entry };
      const failed = await j.update(entry, { error: message }, 'undo', `failed: ${message}`);
      return { ok: false, message: `Undo failed: ${message}`, entry: failed };
    }
  }

  async function applyPrepared(p: Prepared, req: FixRequest, signal: AbortSignal): Promise<FixResult> {
    const base = { fixId: p.def.id, journalId: null, verification: null, output: null };
    if (req.dryRun) {
      const steps = p.plan.steps.map((s, i) => `${i + 1}. ${s.description}`).join(' ');
      return { ...base, status: 'dry-run', message: `Dry run: nothing was changed. It would back up ${p.plan.backup.length} item(s), then: ${steps || 'produce the file only.'}` };
    }
    if (p.place === 'script') {
      const script = p.plan.script ?? '';
      return {
        ...base,
        status: 'script-only',
        message: p.plan.notes[0] ?? 'Run the script on the other computer.',
        output: { fileName: `rdp-doctor-${p.def.id}.ps1`, mime: 'text/plain', contentBase64: Buffer.concat([UTF8_BOM, Buffer.from(script, 'utf8')]).toString('base64') },
      };
    }
    const output = p.prepared.output ?? null;
    let entry: JournalEntry | null = null;
    if (p.prepared.apply.length > 0) {
      const j = await journal();
      entry = await j.save(newEntry(p, 'planned'));
      try {
        entry = await runBackups(j, entry, p.prepared, executor, signal);
        entry = await runApply(j, entry, p.prepared, executor, signal, deps.hooks);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // The engine journals every step; the file on disk knows how far the run got.
        const latest = await j.load(entry.id).catch(() => entry as JournalEntry);
        const reached = latest.state;
        entry = await j.update(latest, { state: 'failed', error: message }, 'failed', message);
        if (error instanceof DeclinedError) return { ...base, status: 'declined', journalId: entry.id, message };
        if (reached !== 'applying') return { ...base, status: 'failed', journalId: entry.id, message: `${FIX_META[p.def.id].title} failed: ${message}` };
        const rollback = await undoEntry(entry);
        return {
          ...base,
          status: 'failed',
          journalId: entry.id,
          message: `${FIX_META[p.def.id].title} failed: ${message} ${rollback.ok ? 'Changes were rolled back.' : rollback.message}`,
        };
      }
    }
    const verification = await summarizeVerification(
      deps,
      { fixId: p.def.id, option: req.option, target: p.target.input, taskId: req.taskId },
      p.def.verifyChecks,
      p.report,
      signal,
    );
    const overrides = policyOverrides(entry?.backups['registry-snapshot']?.output);
    const warn = overrides.length > 0 ? ` Warning: a Group Policy sets ${overrides.join(', ')}, which overrides this change.` : '';
    const recorded = entry ? p.def.describeBackups?.(entry.backups, p.target) : null;
    const replayed = entry?.executor === 'replay' ? ' (Replayed on a recorded machine: nothing ran on a real computer.)' : '';
    const message = `${FIX_META[p.def.id].title}: done.${replayed}${recorded ? ` ${recorded}` : ''} ${verification.message}${warn}`;
    return { ...base, status: 'applied', journalId: entry?.id ?? null, output, verification: verification.result, message };
  }

  return {
    async plan(req, signal = new AbortController().signal) {
      const key = keyOf(req);
      const p = await prepare(req, newJournalId(now()), signal);
      if (p.place === 'here' && p.prepared.apply.length > 0) planned.set(key, { id: p.id, at: now().getTime() });
      return p.plan;
    },
    apply(req, signal = new AbortController().signal) {
      return exclusive(async () => {
        const key = keyOf(req);
        const reuse = planned.get(key);
        const id = reuse && now().getTime() - reuse.at < PLAN_REUSE_MS ? reuse.id : newJournalId(now());
        if (!req.dryRun) planned.delete(key);
        return applyPrepared(await prepare(req, id, signal), req, signal);
      });
    },
    undo(journalId) {
      return exclusive(async () => {
        let entry: JournalEntry;
        try {
          entry = await (await journal()).load(journalId);
        } catch (error) {
          if (error instanceof RejectedEntryError) return { journalId, ok: false, message: error.message };
          throw error;
        }
        const r = await undoEntry(entry);
        return { journalId, ok: r.ok, message: r.message };
      });
    },
    recover(options = {}) {
      return exclusive(async () => {
        const j = await journal();
        const { entries, rejected: unread } = await j.list();
        const rejected: RejectedEntry[] = [...unread];
        const recovered: RecoveredEntry[] = [];
        for (const entry of entries) {
          if (entry.state === 'backed-up') {
            await j.update(entry, { state: 'failed', error: 'Interrupted after the backup, before any change.' }, 'recover', 'nothing changed');
            recovered.push({
              journalId: entry.id,
              fixId: entry.fixId,
              previousState: entry.state,
              undone: false,
              canUndo: false,
              message: 'Interrupted before any change; nothing to undo.',
            });
          } else if (entry.state === 'applying') {
            const rebuilt = tryUndoOf(j, entry);
            if ('problem' in rebuilt) {
              rejected.push({ file: `${entry.id}.json`, reason: rebuilt.problem });
              continue;
            }
            // A crash must not make the app pop a UAC prompt by itself at start: elevated live undos are offered, not run.
            const needsUac = entry.executor === 'live' && rebuilt.undo.some((u) => u.kind === 'script' && u.elevation !== 'none');
            const canUndo = reversibilityOf(rebuilt) === 'undoable';
            if (canUndo && (options.perform === false || needsUac)) {
              recovered.push({
                journalId: entry.id,
                fixId: entry.fixId,
                previousState: entry.state,
                undone: false,
                canUndo,
                message: `Interrupted while applying; undo is offered${needsUac ? ' (it needs administrator rights, so it waits for you to choose Undo)' : ''}.`,
              });
              continue;
            }
            const r = await undoEntry(entry);
            recovered.push({
              journalId: entry.id,
              fixId: entry.fixId,
              previousState: entry.state,
              undone: r.ok,
              canUndo: canUndo && !r.ok,
              message: `Interrupted while applying. ${r.message}`,
            });
          }
        }
        return { recovered, rejected };
      });
    },
    async list() {
      return (await (await journal()).list()).entries;
    },
  };
}
