/** The benchmark: our diagnosis against the tools people use, on the same loopback lab targets. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { closedPort, runXfreerdp, startShadow, startStandIn, startXrdp, stopAll, isPortOpen } from '../e2e/lab';
import { startApp } from '../e2e/support/app';
import { runDiagnosis } from '../src-main/service/diagnosis';
import { createNodeDeps } from '../src-main/service/node-deps';
import type { DiagnoseRequest } from '../src-main/shared/dto';
import type { Report } from '../src-main/shared/schema';

const ROOT = resolve(process.env['RDP_DOCTOR_ROOT'] ?? process.cwd());
const BIN = join(ROOT, 'bin', 'rdp-doctor.cjs');
const TIMEOUT = 2000;
const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-bench-'));

/** Median of a list of numbers. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function inProcess(req: DiagnoseRequest) {
  const deps = createNodeDeps({ door: 'browser', dataDir: home, env: {} });
  return runDiagnosis('bench', { timeoutMs: TIMEOUT, ...req }, deps, () => {}, new AbortController().signal);
}

// A measurement only counts when the run it timed came to the right answer: a fast failure is not a fast success.
const problems: string[] = [];

/** Records a problem when a timed run did not end the way the target says it must. */
function expectOutcome(what: string, ok: boolean, detail: string): void {
  if (!ok) problems.push(`${what}: ${detail}`);
}

const SERIOUS = new Set(['medium', 'high', 'critical']);

/** The ids of the report's findings of severity medium or above, most likely first. */
function seriousFindings(report: Report): string[] {
  return report.findings.filter((f) => SERIOUS.has(f.severity)).map((f) => f.id);
}

/** Checks that a healthy target got no finding of severity medium or above. */
function expectHealthy(what: string, report: Report): void {
  const serious = seriousFindings(report);
  expectOutcome(what, serious.length === 0, `expected no finding of severity medium or above, got ${serious.join(', ')}`);
}

/** Checks the report's most likely cause. */
function expectTop(what: string, report: Report, id: string): void {
  const top = report.findings[0]?.id ?? 'none';
  expectOutcome(what, top === id, `expected top finding ${id}, got ${top}`);
}

/** Runs a command to its end without blocking this process: the lab peers' output is read while it runs. */
function runAsync(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function wholeProcess(target: string): Promise<number> {
  const t = performance.now();
  const run = await runAsync(process.execPath, [BIN, 'diagnose', target, '--json', '--timeout', String(TIMEOUT)], { env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '' } });
  const ms = performance.now() - t;
  if (run.status !== 0) {
    let found = (run.stderr ?? '').trim().slice(0, 200);
    try {
      found = seriousFindings(JSON.parse(run.stdout) as Report).join(', ');
    } catch {
      // Not a report: keep the first part of stderr.
    }
    expectOutcome('whole rdp-doctor process', false, `exit code ${run.status} (0 = no finding of medium or above): ${found}`);
  }
  return ms;
}

async function repeat(n: number, fn: () => Promise<number> | number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push(await fn());
  return median(out);
}

/** Peak RSS of this process while `fn` runs, sampled every 5 ms. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const value = await fn();
    return { peakMb: Math.round((Math.max(peak, process.memoryUsage().rss) / 1048576) * 10) / 10, value };
  } finally {
    clearInterval(timer);
  }
}

function rssOfPid(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}

/** Runs the whole benchmark and returns the rows. */
export async function runBench(): Promise<Record<string, unknown>> {
  const rows: Array<{ measure: string; value: string; goal: string; ok: boolean | null }> = [];
  const results: Record<string, number | string | null> = {};
  const add = (measure: string, key: string, value: number | null, unit: string, goal = '', ok: boolean | null = null) => {
    results[key] = value === null ? null : Math.round(value * 10) / 10;
    rows.push({ measure, value: value === null ? 'n/a' : `${Math.round(value * 10) / 10} ${unit}`, goal, ok });
  };
  try {
    const xrdp = await startXrdp({ securityLayer: 'negotiate', cert: 'valid' });
    const healthy = `127.0.0.1:${xrdp.port}`;
    expectHealthy('healthy xrdp in-process', await inProcess({ target: healthy }));
    const inProc = await repeat(15, async () => (await timed(() => inProcess({ target: healthy }))).ms);
    add('Healthy xrdp, in-process (median of 15)', 'healthyInProcessMs', inProc, 'ms', '< 150 ms', inProc < 150);
    const whole = await repeat(7, () => wholeProcess(healthy));
    add('Healthy xrdp, whole rdp-doctor process (median of 7)', 'healthyProcessMs', whole, 'ms');

    // nmap's scripts need the standard port: a second xrdp on 3389 when it is free.
    let nmapMs: number | null = null;
    const nmap = spawnSync('nmap', ['--version'], { encoding: 'utf8' });
    if (nmap.status === 0 && !(await isPortOpen(3389))) {
      const on3389 = await startXrdp({ securityLayer: 'negotiate', cert: 'valid', port: 3389 }).catch(() => null);
      if (on3389 && on3389.port === 3389) {
        expectHealthy('healthy xrdp on 3389 in-process', await inProcess({ target: '127.0.0.1:3389' }));
        // Each tool meets the server as it starts: ours first, as many runs as the healthy figure (xrdp's listen queue
        // of 2 drops some of a burst's SYNs and a run that needed the gate's resend is ~80 ms slower), then nmap.
        const ours = await repeat(15, async () => (await timed(() => inProcess({ target: '127.0.0.1:3389' }))).ms);
        nmapMs = await repeat(3, async () => {
          const t = performance.now();
          const run = await runAsync('nmap', ['-Pn', '-n', '-p', '3389', '--script', 'rdp-enum-encryption,ssl-cert,rdp-ntlm-info', '127.0.0.1'], { timeoutMs: 120_000 });
          const ms = performance.now() - t;
          // rdp-enum-encryption must have reported, or nmap timed less work than ours. (Its ssl-cert prints nothing on an
          // RDP port, which needs the X.224 exchange before TLS, and xrdp has no NTLM for rdp-ntlm-info to reveal.)
          const out = run.stdout ?? '';
          expectOutcome('nmap', run.status === 0 && out.includes('rdp-enum-encryption:'), `exit ${run.status}, no rdp-enum-encryption output: ${out.slice(-200).replace(/\s+/g, ' ')}`);
          return ms;
        });
        add('nmap rdp-enum-encryption,ssl-cert,rdp-ntlm-info (median of 3)', 'nmapMs', nmapMs, 'ms');
        add('Our diagnosis of that xrdp on 3389, in-process (median of 15)', 'on3389Ms', ours, 'ms');
        add('nmap ÷ our in-process diagnosis of the same target', 'nmapRatio', nmapMs / ours, '×', '≥ 10×', nmapMs / ours >= 10);
        add('nmap ÷ our whole process', 'nmapRatioProcess', nmapMs / whole, '×');
        await on3389.stop();
      }
    }
    if (nmapMs === null) {
      // The goal cannot be shown met without the comparison: a failed goal, not a quietly missing row.
      add('nmap ÷ our in-process diagnosis (not run: nmap missing or port 3389 busy)', 'nmapRatio', null, '×', '≥ 10×', false);
      problems.push('nmap comparison not run: nmap is missing or port 3389 is busy');
    }

    const xf = await repeat(3, async () => {
      const run = await runXfreerdp({ host: '127.0.0.1', port: xrdp.port, user: 'x', password: 'y', timeoutMs: 30_000 });
      expectOutcome('xfreerdp +auth-only', run.exitCode === 0, `exit code ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}`);
      return run.ms;
    });
    add('xfreerdp +auth-only to its verdict (median of 3)', 'xfreerdpMs', xf, 'ms');
    add('xfreerdp ÷ our in-process diagnosis', 'xfreerdpRatio', xf / inProc, '×');

    const hang = await startStandIn('hang');
    const silentRun = await timed(() => inProcess({ target: `127.0.0.1:${hang.port}` }));
    expectTop('silent host', silentRun.value, 'negotiation-timeout');
    const silent = silentRun.ms;
    add(`Silent host (accepts, never answers), timeout ${TIMEOUT} ms`, 'silentMs', silent, 'ms', `≤ 2 × timeout + 500 ms`, silent <= 2 * TIMEOUT + 500);
    const refusedPort = await closedPort();
    const refusedRun = await timed(() => inProcess({ target: `127.0.0.1:${refusedPort}` }));
    expectTop('refused port', refusedRun.value, 'port-refused');
    const refused = refusedRun.ms;
    add('Refused port', 'refusedMs', refused, 'ms');
    const shadow = await startShadow().catch(() => null);
    if (shadow) {
      const nlaReport = await inProcess({ target: `127.0.0.1:${shadow.port}` });
      const negotiation = nlaReport.checks.find((c) => c.id === 'credssp.ntlm-info');
      expectOutcome('NLA host', negotiation?.status === 'pass', `credssp.ntlm-info is ${negotiation?.status ?? 'missing'}: ${negotiation?.summary ?? ''}`);
      const nla = await repeat(5, async () => (await timed(() => inProcess({ target: `127.0.0.1:${shadow.port}` }))).ms);
      add('NLA host (freerdp-shadow), median of 5', 'nlaMs', nla, 'ms');
    } else {
      problems.push('NLA host not measured: freerdp-shadow did not start');
    }

    // Fleet: 50 distinct targets at once: 20 real xrdp targets (10 servers, each by address and by name), servers that
    // refuse in the ways a fleet shows (negotiation failure, a web server on the port, a drop) and closed ports. The lab's
    // servers share this machine's cores with the client (their fork and TLS work is not the client's cost): more real
    // servers measure the lab more than RDP Doctor.
    const peers = await Promise.all(Array.from({ length: 9 }, () => startXrdp({ securityLayer: 'negotiate', cert: 'valid' })));
    const standIns = await Promise.all(Array.from({ length: 20 }, (_, i) => startStandIn((['neg-failure', 'http', 'drop'] as const)[i % 3]!)));
    const realTargets = [xrdp, ...peers].flatMap((p) => [`127.0.0.1:${p.port}`, `localhost:${p.port}`]);
    const fleet = [...realTargets, ...standIns.map((s) => `127.0.0.1:${s.port}`)];
    while (fleet.length < 50) fleet.push(`127.0.0.1:${await closedPort()}`);
    const fleetRun = await peakRss(() => timed(() => Promise.all(fleet.slice(0, 50).map((target) => inProcess({ target }))))).then((r) => ({ ms: r.value.ms, peakMb: r.peakMb, reports: r.value.value }));
    fleetRun.reports.slice(0, realTargets.length).forEach((report, i) => expectHealthy(`fleet target ${realTargets[i]}`, report));
    fleetRun.reports.slice(realTargets.length).forEach((report, i) => {
      const serious = seriousFindings(report);
      expectOutcome(`fleet target ${fleet[realTargets.length + i]}`, serious.length > 0, 'a refusing target got no finding of severity medium or above');
    });
    add(`50 targets at once (fleet: ${realTargets.length} real xrdp, ${standIns.length} refusing, ${50 - realTargets.length - standIns.length} closed), total`, 'fleetMs', fleetRun.ms, 'ms', '< 2000 ms', fleetRun.ms < 2000);
    add('Fleet: peak memory of the process', 'fleetPeakMb', fleetRun.peakMb, 'MB');

    // Browser mode: backend memory after a diagnosis, UI time-to-ready, bundle size.
    const app = await startApp();
    const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage();
    const ready = await timed(async () => {
      await page.goto(app.url);
      await page.getByRole('textbox', { name: 'Remote computer' }).waitFor();
    });
    add('UI time-to-ready in browser mode', 'uiReadyMs', ready.ms, 'ms');
    // A whole diagnosis through the page, as a user runs it, before the backend's memory is read.
    await page.getByRole('textbox', { name: 'Remote computer' }).fill(healthy);
    await page.getByRole('button', { name: 'Run diagnosis' }).click();
    await page.locator('[role="region"][aria-label="Most likely cause"][aria-busy="false"]').waitFor({ timeout: 4 * TIMEOUT });
    const backendMb = app.pid ? rssOfPid(app.pid) : NaN;
    add('Backend memory (browser mode, after a diagnosis)', 'backendMb', Number.isFinite(backendMb) ? backendMb : null, 'MB', '< 150 MB', Number.isFinite(backendMb) ? backendMb < 150 : null);
    await browser.close();
    await app.stop();
    const assets = join(ROOT, 'dist', 'renderer', 'assets');
    const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
    const raw = files.reduce((n, f) => n + statSync(join(assets, f)).size, 0);
    const gz = files.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0);
    add('Renderer bundle (JS + CSS)', 'bundleKb', raw / 1024, 'KB');
    add('Renderer bundle, gzipped', 'bundleGzKb', gz / 1024, 'KB');
  } finally {
    await stopAll();
    rmSync(home, { recursive: true, force: true });
  }
  for (const problem of problems) rows.push({ measure: `Outcome check failed: ${problem}`, value: '✗', goal: '', ok: false });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1073741824)} GiB, Node ${process.version}, ${process.platform}`;
  return { machine, at: new Date().toISOString(), rows, results, problems };
}

