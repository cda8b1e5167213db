import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envOf, groupMembers, scanProcesses, type OurProcess } from './proc-table';

export type { OurProcess } from './proc-table';

/** Environment variable stamped on every lab child (inherited by grandchildren) so leftovers can be traced to their owner. */
export const LAB_OWNER_ENV = 'RDP_DOCTOR_LAB_OWNER';

/** How a lab process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child started by the lab, leader of its own process group. */
export interface LabProcess {
  readonly name: string;
  /** Process id; also the process group id, since every child is detached. */
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the group leader exits. */
  readonly exited: Promise<ExitInfo>;
  hasExited(): boolean;
  /** Last ~64 KB of stdout and stderr interleaved. */
  output(): string;
  /** Last ~64 KB of stdout alone. */
  stdout(): string;
  /** Last ~64 KB of stderr alone. */
  stderr(): string;
  /** SIGTERM to the whole group, SIGKILL after graceMs, resolves when no member is left. */
  stop(graceMs?: number): Promise<void>;
}

/** Options for spawnLab. */
export interface SpawnLabOptions {
  name?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Also open a pipe on the child's fd 3 (read it from child.stdio[3]), e.g. for Xvfb -displayfd 3. */
  fd3Pipe?: boolean;
  /** Paths (temp dirs) removed once the group is gone, also on process exit. */
  removeOnStop?: string[];
}

const OUTPUT_LIMIT = 64 * 1024;
const DEFAULT_GRACE_MS = 1500;

interface Registry {
  live: Map<number, LabProcess>;
  removals: Map<number, string[]>;
  everGroups: Set<number>;
  cleanups: Set<() => Promise<void>>;
  tempDirs: Set<string>;
  hooked: boolean;
}
// Kept on globalThis so two copies of this module (Vitest and Playwright may load it twice) share one registry.
const REGISTRY_KEY = Symbol.for('rdp-doctor.lab.processes');
const registry: Registry =
  ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] as Registry | undefined) ??
  ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] = {
    live: new Map(),
    removals: new Map(),
    everGroups: new Set(),
    cleanups: new Set(),
    tempDirs: new Set(),
    hooked: false,
  } as Registry);

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function removePaths(paths: readonly string[]): void {
  for (const path of paths) {
    rmSync(path, { recursive: true, force: true });
    registry.tempDirs.delete(path);
  }
}

/** Creates a temp dir under os.tmpdir() that is removed on process exit at the latest (earlier via removeOnStop). */
export async function makeLabTempDir(prefix: string): Promise<string> {
  installHooks();
  const dir = await mkdtemp(join(tmpdir(), `rdp-lab-${prefix}-`));
  registry.tempDirs.add(dir);
  return dir;
}

/** Removes a dir made by makeLabTempDir now. */
export function removeLabTempDir(dir: string): void {
  removePaths([dir]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGroupEmpty(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (groupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(30);
  }
}

async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (groupMembers(pgid).length > 0) {
    signalGroup(pgid, 'SIGTERM');
    if (!(await waitGroupEmpty(pgid, graceMs))) {
      signalGroup(pgid, 'SIGKILL');
      if (!(await waitGroupEmpty(pgid, 3000))) throw new Error(`process group ${pgid} survived SIGKILL`);
    }
  }
}

// Synchronous last resort for process exit and signals: SIGTERM, a short blocking wait, then SIGKILL.
function killAllSync(): void {
  const groups = [...registry.live.keys()];
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 300;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline && groups.some((g) => groupMembers(g).length > 0)) Atomics.wait(pause, 0, 0, 20);
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  registry.live.clear();
  for (const paths of registry.removals.values()) removePaths(paths);
  registry.removals.clear();
  removePaths([...registry.tempDirs]);
}

function installHooks(): void {
  if (registry.hooked) return;
  registry.hooked = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllSync();
      // Only re-raise when nobody else handles the signal, so we never change the runner's own behaviour.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Spawns command in its own process group, tracked so stopAll() and process exit take it down; throws if it cannot start. */
export function spawnLab(command: string, args: readonly string[], options: SpawnLabOptions = {}): LabProcess {
  installHooks();
  const name = options.name ?? command;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), [LAB_OWNER_ENV]: String(process.pid) },
    detached: true,
    stdio: options.fd3Pipe ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    child.once('error', () => undefined);
    throw new Error(`lab: cannot start ${command} (is it installed and on PATH?)`);
  }
  const pid = child.pid;
  let tail = '';
  const streams = { stdout: '', stderr: '' };
  const collect = (which: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-OUTPUT_LIMIT);
    streams[which] = (streams[which] + text).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));
  // Never let a lab child keep the test runner alive; the exit hook kills it instead.
  child.unref();
  for (const stream of child.stdio.slice(1)) (stream as unknown as { unref?: () => void } | null)?.unref?.();

  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  child.on('error', collectError);
  function collectError(err: Error) {
    tail += `\n[lab] ${err.message}`;
  }

  let stopping: Promise<void> | undefined;
  const proc: LabProcess = {
    name,
    pid,
    child,
    exited,
    hasExited: () => exitInfo !== undefined,
    output: () => tail,
    stdout: () => streams.stdout,
    stderr: () => streams.stderr,
    stop(graceMs = DEFAULT_GRACE_MS) {
      // Once the group is empty the leader is at most a zombie; wait for node to reap it so hasExited() is true.
      stopping ??= stopGroup(pid, graceMs)
        .then(() => Promise.race([exited, sleep(2000)]))
        .then(() => undefined)
        .finally(() => {
          registry.live.delete(pid);
          removePaths(registry.removals.get(pid) ?? []);
          registry.removals.delete(pid);
        });
      return stopping;
    },
  };
  registry.live.set(pid, proc);
  if (options.removeOnStop?.length) registry.removals.set(pid, [...options.removeOnStop]);
  registry.everGroups.add(pid);
  return proc;
}

/** Adds paths to remove once proc's group is gone (also on process exit). */
export function removeWithProcess(proc: LabProcess, paths: readonly string[]): void {
  if (paths.length === 0 || !registry.live.has(proc.pid)) return;
  registry.removals.set(proc.pid, [...(registry.removals.get(proc.pid) ?? []), ...paths]);
}

/** Registers an in-process resource (e.g. a stand-in server) that stopAll() must close; returns the unregister function. */
export function registerCleanup(cleanup: () => Promise<void>): () => void {
  registry.cleanups.add(cleanup);
  return () => registry.cleanups.delete(cleanup);
}

/** Stops every tracked process group (SIGTERM, then SIGKILL after graceMs) and every registered in-process server, and waits. */
export async function stopAll(graceMs = DEFAULT_GRACE_MS): Promise<void> {
  const cleanups = [...registry.cleanups];
  registry.cleanups.clear();
  await Promise.allSettled(cleanups.map((c) => c()));
  await Promise.all([...registry.live.values()].map((p) => p.stop(graceMs)));
  removePaths([...registry.tempDirs]);
  // Anything that left its group but still carries our owner stamp is killed outright.
  for (const row of listOurProcesses()) {
    try {
      process.kill(row.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Live processes started by this process's lab: members of any group it spawned, or stamped with its owner id. */
export function listOurProcesses(): OurProcess[] {
  const me = String(process.pid);
  return scanProcesses((pid, pgid) => registry.everGroups.has(pgid) || envOf(pid, LAB_OWNER_ENV) === me);
}
