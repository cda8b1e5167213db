/** Test helper: a local TCP port that silently drops new connections (a full accept queue), for real time-outs. */
import { spawn } from 'node:child_process';
import net from 'node:net';

/** A running silent port; stop() kills the child process that holds it and closes the fillers. */
export interface SilentPort {
  readonly port: number;
  stop(): Promise<void>;
}

// The child listens with a backlog of 1 and then blocks its event loop forever, so it never accepts.
const CHILD = `
const net = require('node:net');
const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
`;

/** Resolves true when a connect completes within `ms`; the socket is kept in `keep` when it does. */
function fill(port: number, ms: number, keep: net.Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      keep.push(socket);
      resolve(true);
    });
  });
}

/** Starts the silent port and fills its accept queue until the kernel starts dropping SYNs. */
export async function startSilentPort(): Promise<SilentPort> {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'ignore'] });
  const fillers: net.Socket[] = [];
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of fillers) s.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('silent port helper did not start')), 5000);
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const value = Number.parseInt(text, 10);
      if (text.includes('\n') && value > 0) {
        clearTimeout(timer);
        resolve(value);
      }
    });
    child.once('exit', () => reject(new Error('silent port helper exited')));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  for (let i = 0; i < 8; i++) {
    if (!(await fill(port, 300, fillers))) return { port, stop };
  }
  await stop();
  throw new Error('silent port helper: the accept queue never filled');
}
