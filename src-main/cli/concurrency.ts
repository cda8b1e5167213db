/**
 * How many diagnoses of a batch run at once. Every socket is a file descriptor: a thousand targets at once would
 * exhaust a 1024-descriptor limit, and a connect that fails with EMFILE would read as a broken server. A diagnosis
 * holds its most sockets (the six negotiation probes, the TLS sweep) for a moment, against a server that answers;
 * the ones that hold sockets for a whole timeout are those waiting on a server that does not answer, and they hold
 * one or two (the TCP check's connect, the lead negotiation probe: net/negotiation.ts). So the batch plans on
 * SOCKETS_PER_DIAGNOSIS each, runs as many at once as the descriptors allow and no more than MAX_CONCURRENCY, and the
 * sockets of the whole process are held to the descriptor budget (net/socket-budget.ts): a moment's peak waits for
 * one of ours to close rather than fail.
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
