import { existsSync } from 'node:fs';
import { spawnLab } from './processes';

/** A running virtual X server started by the lab. */
export interface LabXvfb {
  display: number;
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

/** Starts `Xvfb :N` on a free display and resolves once its socket exists; retries on a lost race. */
export async function startXvfb(options: { timeoutMs?: number; screen?: string; removeOnStop?: string[] } = {}): Promise<LabXvfb> {
  const { timeoutMs = 10_000, screen = '1024x768x24', removeOnStop = [] } = options;
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const display = freeDisplay();
    const proc = spawnLab('Xvfb', [`:${display}`, '-nolisten', 'tcp', '-screen', '0', screen], { name: `Xvfb:${display}`, removeOnStop });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !proc.hasExited() && !existsSync(`/tmp/.X11-unix/X${display}`)) {
      await new Promise((r) => setTimeout(r, 25));
    }
    if (!proc.hasExited() && existsSync(`/tmp/.X11-unix/X${display}`)) {
      return { display, displayName: `:${display}`, stop: () => proc.stop() };
    }
    lastError = proc.hasExited() ? `Xvfb :${display} exited: ${proc.output().slice(-2000)}` : `Xvfb :${display} gave no socket within ${timeoutMs} ms`;
    await proc.stop();
  }
  throw new Error(lastError);
}
