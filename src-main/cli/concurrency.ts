/**
 * How many diagnoses of a batch run at once. Every socket is a file descriptor: a thousand targets at once would
 * exhaust a 1024-descriptor limit, and a connect that fails with EMFILE would read as a broken server. A diagnosis
 * holds its most sockets (the six negotiation probes, the TLS sweep) for a moment, against a server that answers;
 * the ones that hold sockets for a whole timeout are those waiting on a server that does not answer, and in a batch
 * they hold one or two (the TCP check's connect, the lead negotiation probe: a batch stages the probes,
 * net/negotiation.ts). So the batch plans on SOCKETS_PER_DIAGNOSIS each, runs as many at once as the descriptors
 * allow and no more than MAX_CONCURRENCY, and the sockets of the whole process are held to the descriptor budget
 * (net/socket-budget.ts): a moment's peak waits for one of ours to close rather than fail.
 */
import { readFileSync } from 'node:fs';

/** Sockets planned per diagnosis: what one waiting on a silent server holds, with room for the TCP check's retries. */
export const SOCKETS_PER_DIAGNOSIS = 3;

/** Descriptors kept for everything else: stdio, Node's own, the resolver, report files. */
export const RESERVED_FDS = 48;

/** Upper bound whatever the limit: beyond it more diagnoses at once only add CPU contention. */
export const MAX_CONCURRENCY = 256;

/** The process's limit on open files (Node raises the soft limit to the hard one at start), or null where unknown. */
export function openFileLimit(read: () => string = () => readFileSync('/proc/self/limits', 'utf8')): number | null {
  try {
    const line = /^Max open files\s+(\S+)/m.exec(read());
    if (!line) return null;
    return line[1] === 'unlimited' ? Infinity : Number(line[1]) || null;
  } catch {
    return null;
  }
}

/** Sockets the whole process may have open at once under a limit of `limit` open files (the reserve left out). */
export function socketBudget(limit: number | null = openFileLimit(), platform: string = process.platform): number {
  return (limit ?? (platform === 'win32' ? Infinity : 1024)) - RESERVED_FDS;
}

/**
 * Diagnoses to run at once for `targets` targets under a limit of `limit` open files. Where the limit cannot be read,
 * POSIX systems are assumed to allow 1024 (a common default) and Windows, whose sockets are not file descriptors, more.
 */
export function batchConcurrency(targets: number, limit: number | null = openFileLimit(), platform: string = process.platform): number {
  const byDescriptors = Math.floor(socketBudget(limit, platform) / SOCKETS_PER_DIAGNOSIS);
  return Math.max(1, Math.min(targets, MAX_CONCURRENCY, byDescriptors));
}

/** Longest turn of the event loop at which a batch still starts another diagnosis. */
export const CALM_LOOP_MS = 40;

/**
 * Paces the starts of a batch's diagnoses by the event loop. A diagnosis costs a few milliseconds of CPU in bursts
 * (handshakes, the certificate, the report), and a batch that keeps hundreds in flight on two cores can queue more
 * work than the loop turns over: a timer then fires late, before the connect that completed meanwhile is read (Node
 * runs timers before I/O), and a healthy server reads as one that timed out. So each start waits, one after another,
 * for a turn of the loop that took under `calmMs`: a busy loop holds the next start back until it has caught up.
 */
export function createPacer(calmMs: number = CALM_LOOP_MS): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  const calm = async (): Promise<void> => {
    for (;;) {
      const t = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (performance.now() - t < calmMs) return;
    }
  };
  return () => {
    last = last.then(calm);
    return last;
  };
}
