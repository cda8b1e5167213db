/**
 * A listener that loses connects the way a lossy path does: the SYN gets no answer. Node accepts every
 * connection at once, so this one is a small Python process with a listen queue of one that it leaves full for
 * `holdMs` after each connection arrives; the kernel drops every SYN meanwhile (a full accept queue drops the
 * SYN; the client's first retransmission comes only after the 1 s initial RTO). Connecting one after another with
 * a bound under 1 s, about every other connect is lost.
 */
import { spawnLab } from './processes';

/** A running lossy listener. */
export interface LossyListener {
  readonly host: '127.0.0.1';
  readonly port: number;
  stop(): Promise<void>;
}

const SCRIPT = `
import select, socket, sys, time
hold = float(sys.argv[1]) / 1000
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(0)
print(s.getsockname()[1], flush=True)
while True:
    select.select([s], [], [])
    time.sleep(hold)
    c, _ = s.accept()
    c.close()
`;

/** Starts the listener on a free 127.0.0.1 port; stopAll() ends it too. */
export async function startLossyListener(options: { holdMs?: number } = {}): Promise<LossyListener> {
  const proc = spawnLab('python3', ['-u', '-c', SCRIPT, String(options.holdMs ?? 300)], { name: 'lossy-listener' });
  let port = 0;
  for (const started = Date.now(); port === 0; await new Promise((r) => setTimeout(r, 20))) {
    const line = /^(\d+)\n/.exec(proc.stdout());
    if (line) port = Number(line[1]);
    else if (proc.hasExited() || Date.now() - started > 10_000) {
      await proc.stop();
      throw new Error(`lossy listener did not start: ${proc.output()}`);
    }
  }
  return { host: '127.0.0.1', port, stop: () => proc.stop() };
}
