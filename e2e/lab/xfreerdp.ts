import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeLabTempDir, removeLabTempDir, spawnLab } from './processes';
import { freeDisplay } from './xvfb';

/**
 * Exit codes of xfreerdp 2.11.7 with +auth-only, measured in this lab (lab.test.ts asserts 0, 133, 143 and the timeout):
 * - 0   against lab xrdp with a normal .rdp ("Authentication only, exit status 0"). xrdp must list its [Channels],
 *       otherwise the MCS channel join fails and the exit is 147.
 * - 133 against the NLA shadow with a .rdp holding `enablecredsspsupport:i:0`: the server answers
 *       HYBRID_REQUIRED_BY_SERVER, log "ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED" (XF_EXIT_NEGO_FAILURE).
 * - 143 against the 'tls10-only' stand-in: this xfreerdp (OpenSSL 3) will not do TLS 1.0,
 *       log "ERRCONNECT_TLS_CONNECT_FAILED" (XF_EXIT_TLS_CONNECT_FAILED).
 * - 147 against the NLA shadow with CredSSP on and any credential: NTLM AUTHENTICATE is refused (no SAM entry),
 *       log "ERRCONNECT_CONNECT_TRANSPORT_FAILED" (XF_EXIT_CONNECT_TRANSPORT_FAILED). Observed, not asserted.
 * `exitCode` is null when the run hit timeoutMs and its process group was killed.
 */
export const XFREERDP_EXIT = { SUCCESS: 0, NEGO_FAILURE: 133, TLS_CONNECT_FAILED: 143, CONNECT_TRANSPORT_FAILED: 147 } as const;

/** Options for one xfreerdp run. */
export interface XfreerdpOptions {
  /** Path of a .rdp file, passed as xfreerdp's first argument. */
  rdpFile?: string;
  /** Contents of a .rdp file; written to the run's temp dir and used like rdpFile. */
  rdpText?: string;
  host?: string;
  port?: number;
  user: string;
  password: string;
  extraArgs?: string[];
  timeoutMs: number;
}

/** Result of one xfreerdp run. */
export interface XfreerdpResult {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `xvfb-run -a xfreerdp … /cert:ignore /u: /p: +auth-only` in its own process group, killed at timeoutMs. */
export async function runXfreerdp(options: XfreerdpOptions): Promise<XfreerdpResult> {
  const { rdpFile, rdpText, host, port, user, password, extraArgs = [], timeoutMs } = options;
  if (!(timeoutMs > 0)) throw new RangeError('runXfreerdp: timeoutMs must be positive');
  if (!rdpFile && rdpText === undefined && !host) throw new TypeError('runXfreerdp: give rdpFile, rdpText or host');
  // Own HOME so parallel runs never share ~/.config/freerdp (known hosts, cert dirs).
  const home = await makeLabTempDir('xfreerdp');
  const args: string[] = [];
  if (rdpText !== undefined) {
    const path = join(home, 'connection.rdp');
    await writeFile(path, rdpText);
    args.push(path);
  } else if (rdpFile) {
    args.push(rdpFile);
  }
  if (host) args.push(`/v:${host}${port ? `:${port}` : ''}`);
  args.push('/cert:ignore', `/u:${user}`, `/p:${password}`, '+auth-only', ...extraArgs);

  const started = Date.now();
  // -n seeds xvfb-run's search at a display nobody uses, so parallel runs rarely race in its -a loop.
  const xvfbArgs = ['-a', '-n', String(freeDisplay()), '-s', '-nolisten tcp', 'xfreerdp', ...args];
  let proc;
  try {
    proc = spawnLab('xvfb-run', xvfbArgs, { name: 'xfreerdp', env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') }, removeOnStop: [home] });
  } catch (err) {
    removeLabTempDir(home);
    throw err;
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void proc.stop(500);
  }, timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  await proc.stop();
  return { exitCode: timedOut ? null : exit.code, timedOut, stdout: proc.stdout(), stderr: proc.stderr(), ms: Date.now() - started };
}
