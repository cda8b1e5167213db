import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { removeWithProcess, spawnLab } from './processes';

/** A running virtual X server started by the lab. */
export interface LabXvfb {
  display: number;
  /** Last ~64 KB of Xvfb's console output. */
  output(): string;
  /** Value for the DISPLAY environment variable, e.g. ':123'. */
  displayName: string;
  stop(): Promise<void>;
}

// Display numbers handed out in this process; the X socket and lock files cover other processes.
const handedOut = new Set<number>();

function isDisplayTaken(n: number): boolean {
  return handedOut.has(n) || existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`);
}

/** A display number nobody uses right now; random start so parallel test processes rarely race for the same one. */
export function freeDisplay(): number {
  const start = 100 + Math.floor(Math.random() * 800);
  for (let i = 0; i < 900; i++) {
    const n = 100 + ((start - 100 + i) % 900);
    if (!isDisplayTaken(n)) {
      handedOut.add(n);
      return n;
    }
  }
  throw new Error('freeDisplay: no free X display number in 100..999');
}

// Xvfb instances racing for one display number can unlink each other's socket, so this process starts them one at a time.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Starts Xvfb on a free display and resolves once it accepts clients: with `-displayfd` Xvfb writes the number
 * only when ready (the socket file alone appears earlier). Retries on another number if the server dies.
 */
export function startXvfb(options: { timeoutMs?: number; screen?: string; removeOnStop?: string[] } = {}): Promise<LabXvfb> {
  const run = queue.then(() => startXvfbNow(options));
  queue = run.catch(() => undefined);
  return run;
}

async function startXvfbNow(options: { timeoutMs?: number; screen?: string; removeOnStop?: string[] }): Promise<LabXvfb> {
  const { timeoutMs = 10_000, screen = '1024x768x24', removeOnStop = [] } = options;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const wanted = freeDisplay();
    const proc = spawnLab('Xvfb', [`:${wanted}`, '-displayfd', '3', '-nolisten', 'tcp', '-noreset', '-screen', '0', screen], {
      name: `Xvfb:${wanted}`,
      fd3Pipe: true,
    });
    const fd3 = proc.child.stdio[3] as Readable;
    try {
      const display = await new Promise<number>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`Xvfb :${wanted} was not ready within ${timeoutMs} ms`)), timeoutMs);
        fd3.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          const match = /^(\d+)\n/.exec(text);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
        void proc.exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`Xvfb :${wanted} exited before it was ready: ${proc.output().slice(-2000)}`));
        });
      });
      if (!existsSync(`/tmp/.X11-unix/X${display}`)) throw new Error(`Xvfb :${display} has no socket file`);
      removeWithProcess(proc, removeOnStop);
      return { display, displayName: `:${display}`, output: () => proc.output(), stop: () => proc.stop() };
    } catch (err) {
      lastError = err as Error;
      await proc.stop();
    }
  }
  throw lastError ?? new Error('startXvfb failed');
}
