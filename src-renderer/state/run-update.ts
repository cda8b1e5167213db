/** Pure state updates of a diagnosis run: check rows streamed from progress events, re-runs merged in. */
import { CHECK_META } from '../../src-main/shared/catalog';
import type { CheckId, CheckState, SectionId } from '../../src-main/shared/ids';
import type { ProgressEvent } from '../../src-main/shared/dto';
import type { CheckResult, Finding, Report } from '../../src-main/shared/schema';
import { isWindowsOnlySkip } from '../../src-main/shared/needs-windows';

/** A row's state: a check state, or why a row that never finished stopped (its task was cancelled or failed). */
export type RowState = CheckState | 'cancelled' | 'stopped';

/** One row of the checklist. */
export interface CheckRow {
  readonly id: CheckId;
  readonly section: SectionId;
  readonly title: string;
  readonly state: RowState;
  readonly summary: string;
  /** The latest progress message while running. */
  readonly message: string;
  readonly durationMs: number | null;
  /** When the check started running (ms since the epoch), so the row can show its time ticking. */
  readonly startedAt: number | null;
  readonly evidence: Readonly<Record<string, unknown>> | null;
}

/** True while a row has no result yet (queued or running). */
function isPending(row: CheckRow): boolean {
  return row.state === 'queued' || row.state === 'running';
}

/** Where the run is. */
export type RunPhase = 'idle' | 'starting' | 'running' | 'finished' | 'failed' | 'cancelled';

/**
 * The phase the results area shows. Before the first run the area is prepared hidden (see ResultsView) as what "Run
 * diagnosis" will reveal: a run that is starting.
 */
export function shownPhase(phase: RunPhase): Exclude<RunPhase, 'idle'> {
  return phase === 'idle' ? 'starting' : phase;
}

/** The whole state of the current diagnosis. */
export interface RunState {
  readonly phase: RunPhase;
  readonly taskId: string | null;
  readonly target: string;
  readonly order: readonly CheckId[];
  readonly rows: Readonly<Partial<Record<CheckId, CheckRow>>>;
  /** Tasks that re-run a few checks of this run; their results merge into the rows. */
  readonly reruns: readonly string[];
  /** Re-runs asked for whose task id has not come back yet (their events are kept until it does). */
  readonly awaitingReruns: number;
  readonly findings: readonly Finding[];
  readonly report: Report | null;
  readonly error: string | null;
  /** Why the service refused to start with what was typed (bad input): shown at the field, the form stays open. */
  readonly inputProblem: string | null;
  /** Events of tasks the UI has not claimed yet (they can arrive before diagnosis:start answers). */
  readonly unclaimed: readonly ProgressEvent[];
}

const MAX_UNCLAIMED = 500;

/** The state before any diagnosis. */
export function initialRunState(): RunState {
  return {
    phase: 'idle',
    taskId: null,
    target: '',
    order: [],
    rows: {},
    reruns: [],
    awaitingReruns: 0,
    findings: [],
    report: null,
    error: null,
    inputProblem: null,
    unclaimed: [],
  };
}

/** A queued row for a check id. */
export function queuedRow(id: CheckId): CheckRow {
  const meta = CHECK_META[id];
  return { id, section: meta.section, title: meta.title, state: 'queued', summary: '', message: '', durationMs: null, startedAt: null, evidence: null };
}

/** A finished row from a check's result. */
export function rowFromResult(result: CheckResult): CheckRow {
  return {
    id: result.id,
    section: result.section,
    title: result.title || CHECK_META[result.id].title,
    state: result.status,
    summary: result.summary,
    message: '',
    durationMs: result.durationMs,
    startedAt: null,
    evidence: result.evidence,
  };
}

/** The user pressed Run: forget the previous run and wait for the task id. */
export function beginRun(state: RunState, target: string): RunState {
  return { ...initialRunState(), phase: 'starting', target, unclaimed: state.unclaimed };
}

/** The start call failed before any task existed. */
export function failStart(state: RunState, message: string, isBadInput = false): RunState {
  // Bad input never becomes a run: back to the form, with the one line at the field.
  if (isBadInput) return { ...initialRunState(), inputProblem: message, unclaimed: state.unclaimed };
  return { ...state, phase: 'failed', error: message };
}

/** The service answered with the task id: claim it and replay any events that came first. */
export function claimTask(state: RunState, taskId: string): RunState {
  const mine = state.unclaimed.filter((event) => event.taskId === taskId);
  const rest = state.unclaimed.filter((event) => event.taskId !== taskId);
  let next: RunState = { ...state, taskId, phase: state.phase === 'starting' ? 'running' : state.phase, unclaimed: rest };
  for (const event of mine) next = applyProgress(next, event);
  return next;
}

/** A re-run was asked for: until its task id comes back, events of unknown tasks are kept (it can finish first). */
export function beginRerun(state: RunState): RunState {
  return { ...state, awaitingReruns: state.awaitingReruns + 1 };
}

/** The re-run could not start. */
export function failRerun(state: RunState, message: string): RunState {
  return { ...state, awaitingReruns: Math.max(0, state.awaitingReruns - 1), error: message };
}

/** A re-run of some checks started: mark them running-to-be and route that task's events into the rows. */
export function claimRerun(state: RunState, taskId: string, checks: readonly CheckId[]): RunState {
  const rows = { ...state.rows };
  for (const id of checks) rows[id] = { ...(rows[id] ?? queuedRow(id)), state: 'queued', message: '', durationMs: null, startedAt: null };
  const mine = state.unclaimed.filter((event) => event.taskId === taskId);
  const awaitingReruns = Math.max(0, state.awaitingReruns - 1);
  const unclaimed = state.phase === 'starting' || awaitingReruns > 0 ? state.unclaimed.filter((event) => event.taskId !== taskId) : [];
  let next: RunState = { ...state, rows, reruns: [...state.reruns, taskId], awaitingReruns, unclaimed };
  for (const event of mine) next = applyProgress(next, event);
  return next;
}

function withRow(state: RunState, id: CheckId, update: (row: CheckRow) => CheckRow): RunState {
  const row = update(state.rows[id] ?? queuedRow(id));
  const order = state.order.includes(id) ? state.order : [...state.order, id];
  return { ...state, order, rows: { ...state.rows, [id]: row } };
}

function applyRowEvent(state: RunState, event: ProgressEvent, now: number): RunState {
  switch (event.type) {
    case 'check-started':
      return withRow(state, event.id, (row) => ({ ...row, state: 'running', message: '', startedAt: now }));
    case 'check-progress':
      return withRow(state, event.id, (row) => ({ ...row, state: 'running', message: event.message, startedAt: row.startedAt ?? now }));
    case 'check-finished':
      return withRow(state, event.result.id, () => rowFromResult(event.result));
    default:
      return state;
  }
}

/** Rows still queued or running when a task stops are marked with the given state. */
function settleRows(state: RunState, ids: readonly CheckId[], to: RowState): RunState {
  const rows = { ...state.rows };
  for (const id of ids) {
    const row = rows[id];
    if (row && isPending(row)) rows[id] = { ...row, state: to, message: '', startedAt: null };
  }
  return { ...state, rows };
}

/** Applies one progress event (`now` stamps when a check started); events of other tasks are kept unclaimed (bounded) or dropped. */
export function applyProgress(state: RunState, event: ProgressEvent, now: number = Date.now()): RunState {
  if (state.reruns.includes(event.taskId)) {
    const reruns = state.reruns.filter((id) => id !== event.taskId);
    // The re-run's report is the whole diagnosis again (the service merged the fresh results and recomputed the
    // findings): it becomes the current task, so the verdict, support code and export follow it.
    if (event.type === 'task-finished') return { ...applyReport(state, event.report), taskId: event.taskId, reruns };
    if (event.type === 'task-failed') return { ...settleRows(state, state.order, 'stopped'), reruns, error: event.message };
    if (event.type === 'task-cancelled') return { ...settleRows(state, state.order, 'cancelled'), reruns };
    return applyRowEvent(state, event, now);
  }
  if (event.taskId !== state.taskId) {
    if (state.phase !== 'starting' && state.awaitingReruns === 0) return state;
    return { ...state, unclaimed: [...state.unclaimed, event].slice(-MAX_UNCLAIMED) };
  }
  switch (event.type) {
    case 'task-started': {
      let next: RunState = { ...state, phase: 'running', target: event.target || state.target };
      for (const id of event.checks) next = withRow(next, id, (row) => row);
      return next;
    }
    case 'findings':
      return { ...state, findings: event.findings };
    case 'task-finished':
      return applyReport(state, event.report);
    case 'task-failed':
      return { ...settleRows(state, state.order, 'stopped'), phase: 'failed', error: event.message };
    case 'task-cancelled':
      return { ...settleRows(state, state.order, 'cancelled'), phase: 'cancelled' };
    case 'check-started':
    case 'check-progress': {
      // A check starts once in a task: its start seen after its result is the task's history sent again (to a tab
      // that joined it), and must not make the result look running.
      const row = state.rows[event.id];
      return row && !isPending(row) ? state : applyRowEvent(state, event, now);
    }
    default:
      return applyRowEvent(state, event, now);
  }
}

/** The finished report replaces rows and findings (also used when progress was missed and the report was fetched). */
export function applyReport(state: RunState, report: Report): RunState {
  let next: RunState = { ...state, phase: 'finished', report, findings: report.findings, error: null };
  for (const result of report.checks) next = withRow(next, result.id, () => rowFromResult(result));
  return next;
}

/** Rows grouped by checklist section, in run order. */
export function rowsBySection(state: Pick<RunState, 'order' | 'rows'>): Map<SectionId, CheckRow[]> {
  const groups = new Map<SectionId, CheckRow[]>();
  for (const id of state.order) {
    const row = state.rows[id];
    if (!row) continue;
    const list = groups.get(row.section) ?? [];
    list.push(row);
    groups.set(row.section, list);
  }
  return groups;
}

/** The checklist's rows by section, with the checks that only skipped for want of Windows folded out into one list. */
export interface ChecklistGroups {
  readonly sections: Map<SectionId, CheckRow[]>;
  readonly windowsOnly: readonly CheckRow[];
}

/** Groups rows by section and folds the Windows-only skips (off Windows they are many rows that say one thing). */
export function checklistGroups(state: Pick<RunState, 'order' | 'rows'>): ChecklistGroups {
  const sections = new Map<SectionId, CheckRow[]>();
  const windowsOnly: CheckRow[] = [];
  for (const [section, rows] of rowsBySection(state)) {
    const kept = rows.filter((row) => !isWindowsOnlySkip({ status: row.state, summary: row.summary, evidence: row.evidence }));
    windowsOnly.push(...rows.filter((row) => !kept.includes(row)));
    if (kept.length > 0) sections.set(section, kept);
  }
  return { sections, windowsOnly };
}

/** How many rows are done, out of how many. */
export function runProgress(state: Pick<RunState, 'order' | 'rows'>): { done: number; total: number } {
  let done = 0;
  for (const id of state.order) {
    const row = state.rows[id];
    if (row && !isPending(row)) done += 1;
  }
  return { done, total: state.order.length };
}
