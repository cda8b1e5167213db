/**
 * The only place in the project that spawns PowerShell. Scripts are repo constants; user values travel
 * as data (base64 UTF-8 JSON in RDP_DOCTOR_DATA) that a fixed preamble decodes with ConvertFrom-Json.
 */
import { spawn } from 'node:child_process';
import { WindowsCollectorError, classifyStderr, cleanStderr, describeFailure } from './errors';
import { CONSTRAINED_EXIT_CODE, DATA_ENV, findTrappedError, runnerText } from './runner-text';

export { DATA_ENV, PREAMBLE, QUIET_STREAMS, RUNNER_FOOT, runnerText } from './runner-text';

/** Windows caps one environment variable at 32,767 characters; stay well below. */
export const MAX_DATA_BASE64 = 30_000;

/** Windows caps a command line at 32,767 characters. */
export const MAX_COMMAND_LINE = 32_000;

/** Output beyond this is treated as a failure rather than buffered without bound. */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Exactly what would be spawned: program, argument array, and the environment entries to add. */
export interface PowerShellInvocation {
  readonly command: string;
  readonly args: readonly string[];
  /** Only the entries the runner adds; the spawned process gets process.env plus these. */
  readonly env: Readonly<Record<string, string>>;
}

/** Full path of Windows PowerShell 5.1 (avoids PATH lookups), or the bare name when SystemRoot is unknown. */
export function powerShellPath(systemRoot: string | undefined = process.env['SystemRoot']): string {
  return systemRoot ? `${systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe` : 'powershell.exe';
}

/** Base64 of the UTF-16LE text, as `-EncodedCommand` expects. */
export function encodeCommand(text: string): string {
  return Buffer.from(text, 'utf16le').toString('base64');
}

/** Base64 of the UTF-8 JSON of `data`, as the preamble decodes it. */
export function encodeData(data: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64');
}

/** Pure: the program, arguments and environment that run `script` with `data` (never spliced into the text). */
export function buildPowerShellInvocation(script: string, data: Record<string, unknown>, systemRoot?: string): PowerShellInvocation {
  const encodedData = encodeData(data);
  if (encodedData.length > MAX_DATA_BASE64) {
    throw new WindowsCollectorError('failed', `The values passed to PowerShell are too large (${encodedData.length} characters encoded).`);
  }
  const encodedCommand = encodeCommand(runnerText(script));
  if (encodedCommand.length > MAX_COMMAND_LINE - 200) {
    throw new WindowsCollectorError('failed', `A collector script is too long for one command line (${encodedCommand.length} characters).`);
  }
  return {
    command: powerShellPath(systemRoot ?? process.env['SystemRoot']),
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedCommand],
    env: { [DATA_ENV]: encodedData },
  };
}

/** Options of one run. */
export interface RunOptions {
  /** Kill the process tree after this long. */
  readonly timeoutMs: number;
  /** Kill the process tree when aborted. */
  readonly signal?: AbortSignal;
  /** Name used in error messages. */
  readonly collector?: string;
  /** `json` rejects output that does not parse (kind `not-json`). */
  readonly output?: 'json' | 'text';
  /** Starts the process; the simulated-Windows tests put their PowerShell here, everything else uses runInvocation. */
  readonly spawn?: InvocationRunner;
}

/** Runs one invocation to its end (spawning it, or in the tests a simulated Windows). */
export type InvocationRunner = (invocation: PowerShellInvocation, options: RunOptions) => Promise<ProcessOutput>;

/** What a finished process printed. */
export interface ProcessOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/** The process's bytes as the runner reads them: UTF-8 (a leading BOM dropped from stdout). */
export function decodeOutput(stdout: Buffer, stderr: Buffer, exitCode: number | null): ProcessOutput {
  return { stdout: stdout.toString('utf8').replace(/^\uFEFF/, ''), stderr: stderr.toString('utf8'), exitCode };
}

/**
 * Kills a child and everything it started: taskkill /T on Windows, the process group elsewhere (the child must have
 * been spawned `detached` there, as its group's leader).
 */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    const killer = spawn(`${process.env['SystemRoot'] ?? 'C:\\Windows'}\\System32\\taskkill.exe`, ['/PID', String(pid), '/T', '/F'], {
      shell: false,
      windowsHide: true,
      stdio: 'ignore',
    });
    killer.on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Spawns an invocation (argument array, shell:false), enforcing the time limit, abort and an output cap. */
export function runInvocation(invocation: PowerShellInvocation, options: RunOptions): Promise<ProcessOutput> {
  const collector = options.collector ?? 'Windows state';
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new WindowsCollectorError('cancelled', describeFailure('cancelled', collector, ''), collector));
      return;
    }
    const child = spawn(invocation.command, [...invocation.args], {
      shell: false,
      windowsHide: true,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...invocation.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: { error: WindowsCollectorError } | { value: ProcessOutput }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) {
        killTree(child.pid);
        reject(outcome.error);
      } else resolve(outcome.value);
    };
    const onAbort = (): void => finish({ error: new WindowsCollectorError('cancelled', describeFailure('cancelled', collector, ''), collector) });
    const timer = setTimeout(
      () =>
        finish({
          error: new WindowsCollectorError('timeout', describeFailure('timeout', collector, `no answer within ${Math.round(options.timeoutMs / 100) / 10} s`), collector),
        }),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        finish({ error: new WindowsCollectorError('failed', describeFailure('failed', collector, 'output too large'), collector) });
        return;
      }
      sink.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e) => finish({ error: new WindowsCollectorError('failed', describeFailure('failed', collector, `could not start PowerShell (${e.message})`), collector) }));
    child.on('close', (code) => finish({ value: decodeOutput(Buffer.concat(out), Buffer.concat(err), code) }));
  });
}

/** Turns a finished process into the collector's text, or the matching WindowsCollectorError. */
export function interpretOutput(result: ProcessOutput, collector: string, output: 'json' | 'text'): string {
  if (result.exitCode === CONSTRAINED_EXIT_CODE) {
    throw new WindowsCollectorError('constrained-language', describeFailure('constrained-language', collector, ''), collector);
  }
  if (result.exitCode !== 0) {
    // The script's own line first: a CLIXML block beside it holds PowerShell's records, not the reason.
    const trapped = findTrappedError(result.stderr);
    if (trapped) {
      const kind = classifyStderr(`${trapped.category} ${trapped.id}: ${trapped.message}`);
      throw new WindowsCollectorError(kind, describeFailure(kind, collector, trapped.message), collector);
    }
    const detail = cleanStderr(result.stderr) || `exit code ${String(result.exitCode)}`;
    const kind = classifyStderr(detail);
    throw new WindowsCollectorError(kind, describeFailure(kind, collector, detail), collector);
  }
  if (output === 'json') {
    try {
      JSON.parse(result.stdout);
    } catch {
      const shown = result.stdout.trim() === '' ? 'empty output' : result.stdout.trim().slice(0, 80);
      throw new WindowsCollectorError('not-json', describeFailure('not-json', collector, shown), collector);
    }
  }
  return result.stdout;
}

/** Runs one constant script with `data` and returns its stdout; throws WindowsCollectorError. */
export async function runPowerShell(script: string, data: Record<string, unknown>, options: RunOptions): Promise<string> {
  const invocation = buildPowerShellInvocation(script, data);
  const result = await (options.spawn ?? runInvocation)(invocation, options);
  return interpretOutput(result, options.collector ?? 'Windows state', options.output ?? 'json');
}
