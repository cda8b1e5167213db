import net from 'node:net';

// Ports handed out in this process are not handed out again, so two peers started in parallel never collide.
const handedOut = new Set<number>();

function bindEphemeral(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('freePort: no port assigned'))));
    });
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (bind :0, close, return); never the same twice per process. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await bindEphemeral();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: the kernel kept returning ports already handed out');
}

/** Resolves true when something accepts a TCP connection on host:port within timeoutMs. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A port on 127.0.0.1 where nothing listens (connecting gives ECONNREFUSED). */
export async function closedPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (!(await isPortOpen(port))) return port;
  }
  throw new Error('closedPort: could not find a port nobody listens on');
}

/** Polls until host:port accepts a connection; rejects after timeoutMs or as soon as isDead() says the server died. */
export async function waitForPort(port: number, options: { host?: string; timeoutMs?: number; isDead?: () => boolean; what?: string } = {}): Promise<void> {
  const { host = '127.0.0.1', timeoutMs = 10_000, isDead = () => false, what = `${host}:${port}` } = options;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (isDead()) throw new Error(`${what} exited before listening`);
    if (await isPortOpen(port, host, 300)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not accept connections within ${timeoutMs} ms`);
}
