/** Runs long work as tasks with ids: a repeated request joins the running task, cancel aborts it. */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';

/** What a task's work function gets: a cancel signal and its id. */
export interface TaskControl {
  readonly taskId: string;
  readonly signal: AbortSignal;
}

/** A task as the runner tracks it. */
export interface TaskRecord<T> {
  readonly id: string;
  readonly key: string;
  readonly controller: AbortController;
  readonly done: Promise<T>;
  state: 'running' | 'finished' | 'failed' | 'cancelled';
  result: T | undefined;
}

/** Keeps running and recently finished tasks; joins a request whose key is already running. */
export class TaskRunner<T> {
  private readonly tasks = new Map<string, TaskRecord<T>>();
  private readonly running = new Map<string, string>();

  constructor(readonly keepFinished = 50) {}

  /** Starts `work` under a new id, or returns the id of the running task with the same key. */
  start(key: string, work: (control: TaskControl) => Promise<T>): { taskId: string; joined: boolean } {
    const existing = this.running.get(key);
    if (existing) return { taskId: existing, joined: true };
    const id = randomUUID();
    const controller = new AbortController();
    // Every check and probe of a diagnosis listens on this one signal.
    setMaxListeners(0, controller.signal);
    const record: TaskRecord<T> = {
      id,
      key,
      controller,
      state: 'running',
      result: undefined,
      // The work starts on the next turn of the event loop, so the caller's reply with the task id (an HTTP answer
      // in browser mode) goes out before the work's own first stretch of computing: the page can show the first
      // result as soon as it comes.
      done: new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => work({ taskId: id, signal: controller.signal }))
        .then(
          (value) => {
            record.result = value;
            record.state = controller.signal.aborted ? 'cancelled' : 'finished';
            return value;
          },
          (error: unknown) => {
            record.state = controller.signal.aborted ? 'cancelled' : 'failed';
            throw error;
          },
        )
        .finally(() => {
          this.running.delete(key);
          this.prune();
        }),
    };
    record.done.catch(() => undefined);
    this.tasks.set(id, record);
    this.running.set(key, id);
    return { taskId: id, joined: false };
  }

  /** How many tasks are running now. */
  runningCount(): number {
    return this.running.size;
  }

  /** True when a task with this key is running (a new request with it joins rather than starts). */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** The task with this id, running or recently finished. */
  get(taskId: string): TaskRecord<T> | undefined {
    return this.tasks.get(taskId);
  }

  /** Aborts a running task; false when it is unknown or already over. */
  cancel(taskId: string): boolean {
    const task = this.tasks.get(taskId);
    if (!task || task.state !== 'running') return false;
    task.controller.abort();
    return true;
  }

  /** Aborts every running task (shutdown). */
  cancelAll(): void {
    for (const task of this.tasks.values()) if (task.state === 'running') task.controller.abort();
  }

  private prune(): void {
    const finished = [...this.tasks.values()].filter((t) => t.state !== 'running');
    for (const task of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.tasks.delete(task.id);
  }
}

/** Calls `emit` at most once per `intervalMs` per key, always delivering the latest value (trailing edge). */
export function createThrottle<V>(intervalMs: number, emit: (value: V) => void): { push(key: string, value: V): void; flush(): void } {
  const last = new Map<string, number>();
  const pending = new Map<string, { value: V; timer: NodeJS.Timeout }>();
  const send = (key: string, value: V): void => {
    last.set(key, Date.now());
    emit(value);
  };
  return {
    push(key, value) {
      const wait = intervalMs - (Date.now() - (last.get(key) ?? 0));
      const queued = pending.get(key);
      if (queued) {
        queued.value = value;
        return;
      }
      if (wait <= 0) return send(key, value);
      const timer = setTimeout(() => {
        const entry = pending.get(key);
        pending.delete(key);
        if (entry) send(key, entry.value);
      }, wait);
      timer.unref?.();
      pending.set(key, { value, timer });
    },
    flush() {
      for (const [key, entry] of pending) {
        clearTimeout(entry.timer);
        send(key, entry.value);
      }
      pending.clear();
    },
  };
}
