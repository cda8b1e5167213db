/**
 * A simulated Windows in one long-lived pwsh (driver.ps1 and kit/): machines are loaded from JSON state, scripts run
 * against them exactly as the runner would hand them to powershell.exe, and the state can be read back afterwards.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_ENV, decodeOutput, killTree, type InvocationRunner, type PowerShellInvocation, type ProcessOutput } from '../../src-main/windows/powershell-runner';
import { WindowsCollectorError } from '../../src-main/windows/errors';

/** A machine's state as the kit reads it (see README.md in this folder). */
export type MachineState = Record<string, unknown>;

/** How one script runs on a simulated machine. */
export interface SimRunOptions {
  /** Run as administrator (the elevated process), whatever the machine's own `elevated` says. */
  readonly elevated?: boolean;
  /** Error records on stderr as text (default) or as CLIXML, as Windows PowerShell writes them for some callers. */
  readonly stderr?: 'text' | 'clixml';
  readonly timeoutMs?: number;
}

interface Answer {
  readonly body: Buffer;
  readonly meta: Record<string, unknown>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The text an invocation runs: its -EncodedCommand decoded. */
export function invocationText(invocation: PowerShellInvocation): string {
  const at = invocation.args.indexOf('-EncodedCommand');
  if (at < 0) throw new Error('The invocation carries no -EncodedCommand.');
  return Buffer.from(invocation.args[at + 1] ?? '', 'base64').toString('utf16le');
}

/** One pwsh running driver.ps1; requests go one at a time. */
export class SimulatedWindows {
  private child: ChildProcessWithoutNullStreams | null = null;
  private buffer = Buffer.alloc(0);
  private waiting: { id: string; resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private next = 0;
  private readonly loaded = new Map<string, MachineState>();
  private stderrText = '';

  constructor(private readonly pwsh: string) {}

  private start(): ChildProcessWithoutNullStreams {
    const sandbox = mkdtempSync(join(tmpdir(), 'rdpd-sim-'));
    // TZ=UTC: machines name their own time zone; anything else the driver leaves at UTC.
    const child = spawn(this.pwsh, ['-NoProfile', '-NonInteractive', '-File', join(__dirname, 'driver.ps1'), '-Sandbox', sandbox], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: the installed `pwsh` is a launcher whose child (dotnet pwsh.dll) is the real driver, and
      // killing the launcher alone left that child running after every test run that timed a script out.
      detached: process.platform !== 'win32',
      env: { ...process.env, TZ: 'UTC', POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off' },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText = (this.stderrText + chunk.toString('utf8')).slice(-4000);
    });
    child.on('exit', (code) => {
      // A driver killed after a time-out may end after its successor started: only the current one counts.
      if (this.child !== child) return;
      this.child = null;
      this.waiting?.reject(new Error(`The simulated Windows (pwsh) ended with ${String(code)}: ${this.stderrText.trim()}`));
      this.waiting = null;
    });
    this.child = child;
    return child;
  }

  private deliver(): void {
    const w = this.waiting;
    if (!w) return;
    const endMark = Buffer.from(`\n<<<RDPSIM END ${w.id} `);
    const end = this.buffer.indexOf(endMark);
    if (end < 0) return;
    const close = this.buffer.indexOf('>>>\n', end + endMark.length);
    if (close < 0) return;
    const beginMark = Buffer.from(`\n<<<RDPSIM BEGIN ${w.id}>>>\n`);
    const begin = this.buffer.lastIndexOf(beginMark, end);
    const body = Buffer.from(this.buffer.subarray(begin + beginMark.length, end));
    const meta = JSON.parse(Buffer.from(this.buffer.subarray(end + endMark.length, close).toString('latin1'), 'base64').toString('utf8')) as Record<string, unknown>;
    this.buffer = Buffer.from(this.buffer.subarray(close + 4));
    this.waiting = null;
    w.resolve({ body, meta });
  }

  private request(op: string, fields: Record<string, unknown>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Answer> {
    const run = async (): Promise<Answer> => {
      const child = this.child ?? (await this.restart());
      const id = `r${++this.next}`;
      const answer = new Promise<Answer>((resolve, reject) => {
        this.waiting = { id, resolve, reject };
      });
      child.stdin.write(`${JSON.stringify({ id, op, ...fields })}\n`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // A script that never ends (a hanging cmdlet) takes the driver with it: start afresh with the states as loaded.
          this.waiting = null;
          killTree(this.child?.pid);
          this.child = null;
          this.buffer = Buffer.alloc(0);
          reject(new WindowsCollectorError('timeout', `no answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
      });
      try {
        const a = await Promise.race([answer, timeout]);
        if (a.meta['ok'] === false) throw new Error(`The simulated Windows refused ${op}: ${String(a.meta['error'])}`);
        return a;
      } finally {
        clearTimeout(timer);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async restart(): Promise<ChildProcessWithoutNullStreams> {
    const child = this.start();
    for (const [machine, state] of this.loaded) {
      const id = `r${++this.next}`;
      const answer = new Promise<Answer>((resolve, reject) => {
        this.waiting = { id, resolve, reject };
      });
      child.stdin.write(`${JSON.stringify({ id, op: 'load', machine, state })}\n`);
      await answer;
    }
    return child;
  }

  /** Loads (or replaces) a machine; its state is copied, the original is never changed. */
  async load(machine: string, state: MachineState): Promise<void> {
    const copy = JSON.parse(JSON.stringify(state)) as MachineState;
    this.loaded.set(machine, copy);
    await this.request('load', { machine, state: copy });
  }

  /** The machine's state now (after the scripts run so far). */
  async dump(machine: string): Promise<MachineState> {
    return (await this.request('dump', { machine })).meta['state'] as MachineState;
  }

  /** Runs `text` on `machine` with these environment variables; stdout and stderr decoded as the runner decodes them. */
  async run(machine: string, text: string, env: Record<string, string> = {}, options: SimRunOptions = {}): Promise<ProcessOutput> {
    const a = await this.request(
      'run',
      { machine, text, env, stderr: options.stderr ?? 'text', ...(options.elevated !== undefined ? { elevated: options.elevated } : {}) },
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    return decodeOutput(a.body, Buffer.from(String(a.meta['stderr'] ?? ''), 'utf8'), Number(a.meta['exitCode']));
  }

  /** An InvocationRunner for the app's runner: what it would spawn runs on `machine` instead. */
  runner(machine: string, options: SimRunOptions = {}): InvocationRunner {
    return (invocation, runOptions) => {
      const data = invocation.env[DATA_ENV];
      const env: Record<string, string> = data === undefined ? {} : { [DATA_ENV]: data };
      return this.run(machine, invocationText(invocation), env, { ...options, timeoutMs: runOptions.timeoutMs });
    };
  }

  /** Ends the pwsh process. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child) killTree(this.child.pid);
  }
}
