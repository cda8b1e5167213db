/**
 * What this process has in flight to each server, and how busy it was itself while it waited. A server with a small
 * listen queue (xrdp: backlog 2) drops SYNs that arrive while it is still to accept earlier connections; when those
 * earlier connections are ours, the drop says nothing about the path. And a connect's time, read when our event loop
 * gets round to its callback, includes however long the loop was busy with other work: in a batch of hundreds of
 * targets that is our own queueing, not the server's latency.
 */
import type net from 'node:net';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Servers remembered at once (oldest forgotten first). */
const MAX_SERVERS = 4096;

interface Traffic {
  /** When our last SYN to the server went out (performance.now() time). */
  lastSynAt: number;
  /** Connections of ours whose SYN went out and that the server has not answered yet (nor refused, nor closed). */
  awaiting: number;
  /** Connects waiting for `awaiting` to drop (roomFor). */
  waiters: Set<() => void>;
}

const servers = new Map<string, Traffic>();

function trafficOf(host: string, port: number): Traffic {
  const key = `${host}:${port}`;
  let t = servers.get(key);
  if (t) servers.delete(key);
  else t = { lastSynAt: -Infinity, awaiting: 0, waiters: new Set() };
  servers.set(key, t);
  if (servers.size > MAX_SERVERS) servers.delete(servers.keys().next().value as string);
  return t;
}

/** One connection of ours to a server, counted from its SYN until the server answers or it ends. */
export interface Outstanding {
  /** Connections of ours to the same server that were awaiting an answer when this one's SYN went out. */
  readonly crowd: number;
  /** Stops counting it (idempotent). */
  release(): void;
}

/** Notes that a SYN to host:port goes out now and counts the connection as awaiting an answer until released. */
export function beginConnect(host: string, port: number): Outstanding {
  const t = trafficOf(host, port);
  const crowd = t.awaiting;
  t.awaiting += 1;
  t.lastSynAt = performance.now();
  let released = false;
  return {
    crowd,
    release() {
      if (released) return;
      released = true;
      t.awaiting -= 1;
      // One freed place lets one waiting connect go (the oldest); waking all would send them as one burst again.
      t.waiters.values().next().value?.();
    },
  };
}

/** Connections of ours to host:port awaiting the server's answer right now. */
export function awaitingNow(host: string, port: number): number {
  return servers.get(`${host}:${port}`)?.awaiting ?? 0;
}

/**
 * Waits, at most `limitMs`, until fewer than `most` connections of ours await host:port's answer; resolves at once
 * when there is room. Bounded: a server that accepts and then stays silent keeps ours awaiting, and must cost a
 * moment here, never its time-out.
 */
export async function roomFor(host: string, port: number, most: number, limitMs: number, signal?: AbortSignal): Promise<void> {
  const t = servers.get(`${host}:${port}`);
  if (!t || t.awaiting < most || limitMs <= 0 || signal?.aborted) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      t.waiters.delete(done);
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    signal?.addEventListener('abort', done, { once: true });
    t.waiters.add(done);
  });
}

const bySocket = new WeakMap<net.Socket, Outstanding>();

/** Keeps counting a connected socket as awaiting until `answered(socket)` or until it closes. */
export function awaitAnswer(socket: net.Socket, outstanding: Outstanding): void {
  bySocket.set(socket, outstanding);
  socket.once('close', () => outstanding.release());
}

/** The server answered on `socket` (its first bytes arrived): it has accepted the connection. */
export function answered(socket: net.Socket): void {
  bySocket.get(socket)?.release();
}

/**
 * Waits until no connect of ours to host:port has started for `quietMs` and none is awaiting the server's answer
 * (another diagnosis of the same server may be in its burst), or until `deadline` (performance.now() time) or the
 * signal; resolves true when it got quiet.
 */
export async function quietFor(host: string, port: number, quietMs: number, deadline: number, signal?: AbortSignal): Promise<boolean> {
  for (;;) {
    if (signal?.aborted) return false;
    const t = servers.get(`${host}:${port}`);
    const wait = Math.max((t?.lastSynAt ?? -Infinity) + quietMs - performance.now(), t && t.awaiting > 0 ? quietMs : 0);
    if (wait <= 0) return true;
    if (performance.now() + wait > deadline) return false;
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** A moment to measure this process's busy time from. */
export type BusyMark = EventLoopUtilization;

/** Marks now, for busySince. */
export function busyMark(): BusyMark {
  return performance.eventLoopUtilization();
}

/**
 * How long our event loop was busy since `mark`, in ms: an upper bound on how late it noticed anything that
 * happened meanwhile (an idle loop notices a reply at once), so `elapsed − busy` is a lower bound of the wait itself.
 */
export function busySince(mark: BusyMark): number {
  return Math.round(performance.eventLoopUtilization(mark).active * 10) / 10;
}
