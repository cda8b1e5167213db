/** The diagnosis store: the run's rows and findings, and the actions that start, cancel and re-run checks. */
import { create } from 'zustand';
import type { HostEvidenceInput, ProgressEvent, RdpFileInput } from '../../src-main/shared/dto';
import type { CheckId } from '../../src-main/shared/ids';
import { BridgeError, call, messageOf, subscribeProgress } from '../bridge';
import { createTaskBatch, type BatchScheduler } from './task-batch';
import { applyProgress, applyReport, beginRerun, beginRun, claimRerun, claimTask, failRerun, failStart, initialRunState, type RunState } from './run-update';

/** What the start screen hands over to run a diagnosis. */
export interface StartInput {
  readonly target: string;
  readonly rdpFile?: RdpFileInput | undefined;
  readonly error?: string | undefined;
  /** The host's evidence (collect-host.ps1's file): the host checks answer from it. */
  readonly hostEvidence?: HostEvidenceInput | undefined;
}

/** The run store's state: the run itself, what started it (a re-run sends the same file and codes) and the poll timer. */
export interface RunStore extends RunState {
  readonly input: StartInput | null;
  readonly pollTimer: ReturnType<typeof setInterval> | null;
}

function initialStore(): RunStore {
  return { ...initialRunState(), input: null, pollTimer: null };
}

/** The run store; read it through selectors. */
export const useRunStore = create<RunStore>()(initialStore);

const POLL_MS = 3_000;

/** Applies a pure run update; the store's own fields (input, poll timer) stay as they are. */
function update(fn: (state: RunState) => RunState): void {
  useRunStore.setState((state) => ({ ...fn(state), input: state.input, pollTimer: state.pollTimer }), true);
}

/**
 * Listens to progress pushes for the life of the page; returns the unsubscribe function. The events of one burst are
 * applied together at the next task, so the page renders once per burst rather than once per event.
 */
export function listenToProgress(scheduler?: BatchScheduler): () => void {
  const batch = createTaskBatch<ProgressEvent>((events) => {
    const now = Date.now();
    update((state) => events.reduce((next, event) => applyProgress(next, event, now), state));
  }, scheduler);
  const stop = subscribeProgress((event) => batch.push(event));
  return () => {
    stop();
    batch.dispose();
  };
}

// A safety net when pushes are lost (e.g. the event stream reconnected): fetch the report once it exists.
function startPolling(taskId: string): void {
  stopPolling();
  const pollTimer = setInterval(() => {
    const state = useRunStore.getState();
    if (state.taskId !== taskId || state.phase !== 'running') return stopPolling();
    call('diagnosis:get', { taskId })
      .then((report) => {
        if (report && useRunStore.getState().taskId === taskId && useRunStore.getState().phase === 'running') update((s) => applyReport(s, report));
      })
      .catch((error: unknown) => {
        // The service no longer keeps this run: say so instead of showing it running for ever.
        if (!(error instanceof BridgeError) || useRunStore.getState().taskId !== taskId) return;
        if (error.code === 'gone') update((s) => applyProgress(s, { type: 'task-failed', taskId, message: error.message }));
      });
  }, POLL_MS);
  useRunStore.setState({ pollTimer });
}

function stopPolling(): void {
  const { pollTimer } = useRunStore.getState();
  if (!pollTimer) return;
  clearInterval(pollTimer);
  useRunStore.setState({ pollTimer: null });
}

/** Runs a full diagnosis of the target. */
export async function startDiagnosis(input: StartInput): Promise<void> {
  update((state) => beginRun(state, input.target));
  useRunStore.setState({ input });
  try {
    const { taskId } = await call('diagnosis:start', {
      target: input.target,
      ...(input.rdpFile ? { rdpFile: input.rdpFile } : {}),
      ...(input.error?.trim() ? { error: input.error.trim() } : {}),
      ...(input.hostEvidence ? { hostEvidence: input.hostEvidence } : {}),
    });
    update((state) => claimTask(state, taskId));
    startPolling(taskId);
  } catch (error) {
    update((state) => failStart(state, messageOf(error), error instanceof BridgeError && error.code === 'bad-input'));
  }
}

/** Stops the running diagnosis. */
export async function cancelDiagnosis(): Promise<void> {
  const { taskId, phase } = useRunStore.getState();
  if (!taskId || phase !== 'running') return;
  try {
    await call('diagnosis:cancel', { taskId });
  } catch {
    // The task may have finished in the meantime; the progress stream settles the state either way.
  }
}

/** Re-runs one check within the finished diagnosis; the service answers with the whole report, findings recomputed. */
export async function rerunCheck(id: CheckId): Promise<void> {
  await rerunChecks([id]);
}

/** Re-runs some checks within the finished diagnosis ("Did this fix it?" after a fix), findings recomputed. */
export async function rerunChecks(ids: readonly CheckId[]): Promise<void> {
  const { target, taskId: base, phase, input } = useRunStore.getState();
  if (!target || !base || phase !== 'finished' || ids.length === 0) return;
  update(beginRerun);
  try {
    const { taskId } = await call('diagnosis:start', {
      target,
      checks: [...ids],
      rerunOf: base,
      ...(input?.rdpFile ? { rdpFile: input.rdpFile } : {}),
      ...(input?.error?.trim() ? { error: input.error.trim() } : {}),
      ...(input?.hostEvidence ? { hostEvidence: input.hostEvidence } : {}),
    });
    update((state) => claimRerun(state, taskId, ids));
  } catch (error) {
    update((state) => failRerun(state, messageOf(error)));
  }
}

/** Goes back to the start screen, keeping nothing of the last run. */
export function resetRun(): void {
  stopPolling();
  useRunStore.setState(initialStore(), true);
}
