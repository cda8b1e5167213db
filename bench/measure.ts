/** What every part of the benchmark shares: the table it fills, the outcome checks, timing and child processes. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Report } from '../src-main/shared/schema';

/** The repository the benchmark measures (set by bench/run.mjs). */
export const ROOT = resolve(process.env['RDP_DOCTOR_ROOT'] ?? process.cwd());
/** The installed command, as users run it. */
export const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');

/**
 * The environment the timed processes run in: this one without NODE_EXTRA_CA_CERTS. A machine that sets it (this
 * sandbox does) makes every Node process read and parse that certificate file at start, before any of its own code
 * runs; users' machines do not set it, and nmap does not read it. The start-up part reports what it costs here.
 */
export function timedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env['NODE_EXTRA_CA_CERTS'];
  return env;
}

/** One line of the table: what was measured, the figure, its goal and whether the goal was met (null: no goal). */
export interface Row {
  readonly measure: string;
  readonly value: string;
  readonly goal: string;
  readonly ok: boolean | null;
}

/** The table being filled, the raw figures by key, and every run that did not come to the right answer. */
export class Table {
  readonly rows: Row[] = [];
  readonly results: Record<string, number | null> = {};
  readonly problems: string[] = [];

  /** Adds a figure; with a goal, `ok` says whether it was met. */
  add(measure: string, key: string, value: number | null, unit: string, goal = '', ok: boolean | null = null): void {
    const shown = value === null ? null : Math.round(value * 10) / 10;
    this.results[key] = shown;
    this.rows.push({ measure, value: shown === null ? 'n/a' : `${shown} ${unit}`, goal, ok: value === null && goal ? false : ok });
  }

  /** Records that a timed run did not end the way its target says it must: the timing of a wrong answer does not count. */
  expect(what: string, ok: boolean, detail: string): void {
    if (!ok) this.problems.push(`${what}: ${detail}`);
  }
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` and returns how long it took with its value. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Runs `fn` n times one after another and returns the median of the times it returns. */
export async function repeat(n: number, fn: () => Promise<number> | number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push(await fn());
  return median(out);
}

const SERIOUS = new Set(['medium', 'high', 'critical']);

/** The ids of the report's findings of severity medium or above, most likely first. */
export function seriousFindings(report: Report): string[] {
  return report.findings.filter((f) => SERIOUS.has(f.severity)).map((f) => f.id);
}

/** A finished child process: exit status, output, and its wall time from spawn to close. */
export interface Finished {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a command to its end without blocking this process (the lab peers' output is read meanwhile). */
export function runAsync(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; onSpawn?: (pid: number) => void } = {}): Promise<Finished> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: performance.now() - started });
    });
  });
}

/** A field of /proc/<pid>/status in MB (VmRSS, VmHWM), or NaN once the process is gone. */
export function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}

/** The 1-minute load average of the machine (other users of the two cores slow every figure). */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}
