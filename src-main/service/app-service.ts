/** The transport-free application API: every channel of the contract, implemented once for all doors. */
import { CHECK_META } from '../shared/catalog';
import { CHECK_IDS } from '../shared/ids';
import type { ChannelArgs, ChannelReply, Channel } from '../shared/channels';
import type {
  DiagnoseRequest,
  ExportRequest,
  ExportResult,
  FixPlan,
  FixRequest,
  FixResult,
  InterruptedFix,
  ProgressEvent,
  RdpCleanCopy,
  RdpCleanRequest,
  RdpFileInput,
  RdpFileSummary,
  SupportCode,
  UndoResult,
} from '../shared/dto';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import type { AppliedFix, Report } from '../shared/schema';
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { BadInputError, BusyError, GoneError, NotFoundError } from '../shared/errors';
import { TaskRunner } from './task-runner';
import { inspectHostEvidence, prepareRequest, runCheckSubset, runDiagnosis, type DiagnosisDeps } from './diagnosis';

/** The fix engine as the service uses it. */
export interface FixPort {
  plan(req: FixRequest): Promise<FixPlan>;
  apply(req: FixRequest): Promise<FixResult>;
  undo(journalId: string): Promise<UndoResult>;
  /** Undoes fixes a crash interrupted mid-apply, or offers their undo; reports journal entries it did not use (run once at start). */
  recover(): Promise<{ readonly recovered: readonly (InterruptedFix & { readonly previousState: string })[]; readonly rejected: readonly { readonly reason: string }[] }>;
}

/** What start-up recovery found: fixes a crash interrupted, and journal entries left alone with the reason. */
export interface RecoveryView {
  readonly interrupted: Map<string, InterruptedFix & { readonly previousState: string }>;
  readonly problems: readonly string[];
}

/** What the fix engine may ask of the service: a finished diagnosis, and re-running checks to verify. */
export interface FixHost {
  lookupTask(taskId: string): { report: Report; rdpFile?: RdpFileInput } | undefined;
  runChecks(target: string, ids: CheckId[], signal: AbortSignal): Promise<CheckResult[]>;
  /** Re-runs checks within a finished diagnosis (same target, .rdp file and error codes) and recomputes its findings. */
  recheck(taskId: string, ids: CheckId[], signal: AbortSignal): Promise<Report>;
}

/** Everything the service delegates: diagnosis inputs, fixes, reports, support codes, .rdp summaries. */
export interface AppDeps extends DiagnosisDeps {
  readonly door: 'electron' | 'browser';
  readonly platform: string;
  readonly recentTargets: () => Promise<string[]>;
  readonly rememberTarget: (target: string) => Promise<void>;
  readonly fixes: (host: FixHost) => FixPort;
  readonly renderReport: (report: Report, format: 'html' | 'json' | 'pdf', redact: { users: boolean; hosts: boolean }, options: { locale: string | null }) => Promise<ExportResult>;
  readonly encodeSupportCode: (report: Report) => string;
  readonly decodeSupportCode: (code: string) => SupportCode;
  readonly summarizeRdpFile: (input: RdpFileInput) => RdpFileSummary;
  /** The clean copy of a .rdp file; throws BadInputError when it names no computer or is not a .rdp file. */
  readonly cleanRdpFile: (request: RdpCleanRequest) => RdpCleanCopy;
  /** The end of the app's log file, or null where the app keeps none. */
  readonly readLogTail: (() => Promise<NonNullable<Report['appLog']>>) | null;
  /** The plain-text summary of a report for a ticket (report/summary.ts). */
  readonly summarizeReport: (report: Report, redact: { users: boolean; hosts: boolean }) => Promise<string>;
  /** Saving reports where the user chooses, then opening or showing them: the app window only; null elsewhere. */
  readonly reportFiles: ReportFiles | null;
  /** The most diagnoses that may run at once (browser mode, where any tab can start them); absent: no limit (the CLI bounds its own batches). */
  readonly maxRunningDiagnoses?: number | undefined;
}

/** Saving a report to a file the user picks, and opening or showing it afterwards (the app window provides it). */
export interface ReportFiles {
  /** Asks where to save `fileName` and writes it there; the full path, or null when the user cancelled. */
  save(fileName: string, bytes: Uint8Array): Promise<string | null>;
  /** Opens a file with its usual app; an empty string on success, otherwise why not. */
  open(path: string): Promise<string>;
  /** Shows a file selected in its folder. */
  showInFolder(path: string): void;
}

/** Reports saved in this session, by id: the renderer names a saved file by its id and never sends a path. */
const MAX_SAVED = 50;

/** Handlers keyed by channel: each takes validated args and returns the reply. */
export type AppHandlers = { [C in Channel]: (args: ChannelArgs<C>) => Promise<ChannelReply<C>> };

/** The application service: handlers for every channel plus the progress stream. */
export interface AppService {
  readonly handlers: AppHandlers;
  /** Subscribes to progress of every task; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Waits for a task and returns its report (CLI). */
  waitForReport(taskId: string): Promise<Report>;
  /** Runs start-up recovery of the fix journal once (the app or a fix command starting) and says what it found. */
  recovery(): Promise<RecoveryView>;
  /** Aborts every running task. */
  shutdown(): void;
}

/** Creates the service over its dependencies. */
export function createAppService(deps: AppDeps): AppService {
  const listeners = new Set<(event: ProgressEvent) => void>();
  const broadcast = (event: ProgressEvent): void => {
    for (const listener of listeners) listener(event);
  };
  // Each running diagnosis's events so far: a request that joins it (a second tab asking for the same diagnosis) gets
  // them again, since it only follows the task from its reply on. Dropped when the task ends.
  const history = new Map<string, ProgressEvent[]>();
  const emit = (event: ProgressEvent): void => {
    history.get(event.taskId)?.push(event);
    if (event.type === 'task-finished' || event.type === 'task-failed' || event.type === 'task-cancelled') history.delete(event.taskId);
    broadcast(event);
  };
  const tasks = new TaskRunner<Report>();
  const applied = new Map<string, AppliedFix[]>();
  const reportOf = (taskId: string): Report | undefined => {
    const report = tasks.get(taskId)?.result;
    return report && { ...report, fixesApplied: applied.get(taskId) ?? [] };
  };
  const requests = new Map<string, DiagnoseRequest>();
  const fixes = deps.fixes({
    lookupTask: (taskId) => {
      const report = reportOf(taskId);
      const rdpFile = requests.get(taskId)?.rdpFile;
      return report && (rdpFile ? { report, rdpFile } : { report });
    },
    runChecks: (target, ids, signal) => runCheckSubset(target, ids, deps, signal),
    recheck: async (taskId, ids, signal) => {
      const base = requireReport(taskId);
      const req = requests.get(taskId) ?? { target: base.target.input };
      return runDiagnosis(`${taskId}-verify`, { ...req, checks: ids, rerunOf: taskId }, deps, () => undefined, signal, base);
    },
  });
  // A fix interrupted by a crash is undone from its backup before any new fix runs; what a crash interrupted while
  // changing things is told to the user (app:info) until they undo it here. Recovery reads the journal and may change
  // files, so it runs only when the app starts (its window asks app:info first) or a fix command does (fix:*), never
  // for a diagnosis, a decode or an export.
  let recovery: Promise<RecoveryView> | null = null;
  const recovered = (): Promise<RecoveryView> =>
    (recovery ??= fixes.recover().then(
      (r) => ({ interrupted: new Map(r.recovered.filter((e) => e.previousState === 'applying').map((e) => [e.journalId, e])), problems: r.rejected.map((e) => e.reason) }),
      (error: unknown) => ({ interrupted: new Map(), problems: [`The fix journal could not be read: ${error instanceof Error ? error.message : String(error)}`] }),
    ));
  const requireReport = (taskId: string): Report => {
    const report = reportOf(taskId);
    if (!report) throw new NotFoundError(`No finished diagnosis with id ${taskId}.`);
    return report;
  };

  const saved = new Map<string, string>();
  const exportReport = async ({ taskId, format, redact, includeLog, locale }: ExportRequest): Promise<ExportResult> => {
    const report = requireReport(taskId);
    const appLog = includeLog && deps.readLogTail ? await deps.readLogTail() : undefined;
    return deps.renderReport(appLog ? { ...report, appLog } : report, format, redact, { locale: locale ?? null });
  };

  const handlers: AppHandlers = {
    'app:info': async () => ({
      version: deps.version,
      platform: deps.platform,
      door: deps.door,
      replay: deps.windows?.replayDir ?? null,
      recentTargets: await deps.recentTargets(),
      interruptedFixes: [...(await recovered()).interrupted.values()].map(({ journalId, fixId, undone, canUndo, message }) => ({ journalId, fixId, undone, canUndo, message })),
      journalProblems: [...(await recovered()).problems],
      canAttachLog: deps.readLogTail !== null,
      canSaveReports: deps.reportFiles !== null,
    }),
    'checks:list': async () => CHECK_IDS.map((id) => ({ id, ...CHECK_META[id] })),
    'diagnosis:start': async (req) => {
      const key = JSON.stringify([
        req.target.trim().toLowerCase(),
        req.rdpFile?.contentBase64 ?? '',
        req.gateway ?? '',
        req.error ?? '',
        req.timeoutMs ?? 0,
        req.checks ?? [],
        req.rerunOf ?? '',
        req.hostEvidence?.contentBase64 ?? '',
      ]);
      // Validate first so bad input is an error reply (exit 2), not a failed task.
      prepareRequest(req, deps);
      const limit = deps.maxRunningDiagnoses;
      if (limit !== undefined && !tasks.isRunning(key) && tasks.runningCount() >= limit)
        throw new BusyError(`${limit} diagnoses are running already, the most this app runs at once; start this one when one of them has finished.`);
      const base = req.rerunOf ? requireReport(req.rerunOf) : undefined;
      const { taskId, joined } = tasks.start(key, ({ taskId: id, signal }) => runDiagnosis(id, req, deps, emit, signal, base));
      // Every follower applies a task's events idempotently, so the replay costs those who saw them nothing.
      if (joined) for (const event of [...(history.get(taskId) ?? [])]) broadcast(event);
      else {
        history.set(taskId, []);
        requests.set(taskId, req);
        // The re-run's report carries on the diagnosis it re-runs in, fixes applied there included.
        if (base && base.fixesApplied.length) applied.set(taskId, [...base.fixesApplied]);
        const task = tasks.get(taskId);
        task?.done.then(
          (report) => {
            void deps.rememberTarget(report.target.input).catch(() => undefined);
            emit(signalledOf(task) ? { type: 'task-cancelled', taskId } : { type: 'task-finished', taskId, report });
          },
          (error: unknown) =>
            emit(signalledOf(task) ? { type: 'task-cancelled', taskId } : { type: 'task-failed', taskId, message: error instanceof Error ? error.message : String(error) }),
        );
      }
      return { taskId };
    },
    'diagnosis:cancel': async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
    // null means still running; a task no longer kept is "gone", so a page that polls stops instead of waiting forever.
    'diagnosis:get': async ({ taskId }) => {
      const task = tasks.get(taskId);
      if (!task) throw new GoneError(`That diagnosis is no longer kept (the app keeps the last ${tasks.keepFinished}); run it again.`);
      if (task.state === 'failed') throw new Error('That diagnosis failed; run it again.');
      return reportOf(taskId) ?? null;
    },
    'decode:code': async ({ text }) => deps.decode(text),
    'decode:support': async ({ code }) => deps.decodeSupportCode(code),
    'support:code': async ({ taskId }) => ({ code: deps.encodeSupportCode(requireReport(taskId)) }),
    'rdpfile:inspect': async (input) => deps.summarizeRdpFile(input),
    'rdpfile:clean': async (request) => deps.cleanRdpFile(request),
    'hostevidence:inspect': async (request) => inspectHostEvidence(request),
    'fix:plan': async (req) => {
      await recovered();
      return fixes.plan(req);
    },
    'fix:apply': async (req) => {
      await recovered();
      const result = await fixes.apply(req);
      if (req.taskId) {
        const list = applied.get(req.taskId) ?? [];
        list.push({
          fixId: result.fixId,
          status: result.status,
          at: deps.now().toISOString(),
          verified: result.verification?.verified ?? null,
          message: result.message,
        });
        applied.set(req.taskId, list);
      }
      return result;
    },
    'fix:undo': async ({ journalId }) => {
      await recovered();
      const result = await fixes.undo(journalId);
      if (result.ok) (await recovered()).interrupted.delete(journalId);
      return result;
    },
    'report:export': (req) => exportReport(req),
    'report:save': async (req) => {
      if (!deps.reportFiles) throw new BadInputError('Saving to a folder of your choice works in the app window; here the report is downloaded.');
      const out = await exportReport(req);
      const path = await deps.reportFiles.save(out.fileName, Buffer.from(out.contentBase64, 'base64'));
      if (!path) return { saved: false };
      const saveId = randomUUID();
      saved.set(saveId, path);
      if (saved.size > MAX_SAVED) saved.delete(saved.keys().next().value!);
      return { saved: true, saveId, fileName: basename(path), folder: dirname(path) };
    },
    'report:reveal': async ({ saveId, action }) => {
      const path = saved.get(saveId);
      if (!path || !deps.reportFiles) throw new NotFoundError('That report was not saved in this session.');
      if (action === 'folder') {
        deps.reportFiles.showInFolder(path);
        return { done: true, message: '' };
      }
      const problem = await deps.reportFiles.open(path);
      return { done: problem === '', message: problem };
    },
    'report:summary': async ({ taskId, redact }) => ({ text: await deps.summarizeReport(requireReport(taskId), redact) }),
  };

  return {
    handlers,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async waitForReport(taskId) {
      const task = tasks.get(taskId);
      if (!task) throw new NotFoundError(`No diagnosis with id ${taskId}.`);
      return task.done;
    },
    recovery: recovered,
    shutdown: () => tasks.cancelAll(),
  };
}

function signalledOf(task: { controller: AbortController } | undefined): boolean {
  return task?.controller.signal.aborted ?? false;
}
