/**
 * A fleet of 1,000 targets through one `rdp-doctor diagnose --targets FILE` process under `ulimit -n 1024`: real xrdp
 * servers by name, ports that accept and never answer, closed ports. Every verdict must be right.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPortOpen, startStandIn, startXrdp } from '../e2e/lab';
import type { Report } from '../src-main/shared/schema';
import { BIN, procMb, runAsync, seriousFindings, type Table, timedEnv } from './measure';

/** The fleet's make-up. */
export const FLEET = { xrdp: 20, silent: 480, closed: 500 } as const;
const FLEET_TIMEOUT_MS = 2000;
const FLEET_GOAL_MS = 10_000;
const FLEET_MEMORY_GOAL_MB = 300;
const FD_LIMIT = 1024;

/**
 * Ports nobody listens on, below Linux's ephemeral range (32768 and up): a connect to a closed ephemeral port can
 * pick that very port as its source and connect to itself, which would read as an open port.
 */
async function closedPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = 20_000; ports.length < count && port < 32_768; port += 7) if (!(await isPortOpen(port, '127.0.0.1', 200))) ports.push(port);
  return ports;
}

/** What each target must come to. */
type Expected = 'healthy' | 'negotiation-timeout' | 'port-refused';

/** Checks one report against what its target must come to; returns the mistake, or null. */
function mistake(report: Report, expected: Expected): string | null {
  const ids = report.findings.map((f) => f.id);
  // Loopback has neither slow round trips nor lost connects: such a finding is our own load read as the network's.
  if (ids.includes('high-latency') || ids.includes('packet-loss')) return `${ids.join(', ')} on loopback`;
  if (expected === 'healthy') return seriousFindings(report).length === 0 ? null : `expected nothing medium or above, got ${seriousFindings(report).join(', ')}`;
  return ids[0] === expected ? null : `expected ${expected}, got ${ids[0] ?? 'nothing'}`;
}

/** Runs the fleet and adds its rows. */
export async function measureFleet(table: Table, home: string): Promise<void> {
  const xrdps = await Promise.all(Array.from({ length: FLEET.xrdp }, () => startXrdp({ securityLayer: 'negotiate', cert: 'valid' })));
  // One listener per port in this process (not the one measured): each accepts, reads, never answers.
  const silent = await Promise.all(Array.from({ length: FLEET.silent }, () => startStandIn('hang')));
  const closed = await closedPorts(FLEET.closed);
  const expected = new Map<string, Expected>([
    ...xrdps.map((x): [string, Expected] => [`localhost:${x.port}`, 'healthy']),
    ...silent.map((s): [string, Expected] => [`127.0.0.1:${s.port}`, 'negotiation-timeout']),
    ...closed.map((p): [string, Expected] => [`127.0.0.1:${p}`, 'port-refused']),
  ]);
  // Mixed as a real inventory is, the same order every run.
  const targets = [...expected.keys()].sort((a, b) => hash(a) - hash(b));
  const file = join(home, 'fleet-targets.txt');
  writeFileSync(file, `${targets.join('\n')}\n`);

  let pid = 0;
  let peakFds = 0;
  let peakMb = 0;
  const poll = setInterval(() => {
    const child = cliPid(pid);
    if (!child) return;
    try {
      peakFds = Math.max(peakFds, readdirSync(`/proc/${child}/fd`).length);
    } catch {
      // Gone between the two reads.
    }
    peakMb = Math.max(peakMb, procMb(child, 'VmHWM') || 0);
  }, 25);
  // `ulimit -n` in the shell sets the hard limit too, so Node cannot raise it at start.
  const command = `ulimit -n ${FD_LIMIT} && exec "${process.execPath}" "${BIN}" diagnose --targets "${file}" --json --timeout ${FLEET_TIMEOUT_MS}`;
  const run = await runAsync('sh', ['-c', command], { env: timedEnv({ RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '' }), onSpawn: (p) => (pid = p), timeoutMs: 120_000 });
  clearInterval(poll);

  const reports = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Report);
  const seen = new Set<string>();
  let wrong = 0;
  for (const report of reports) {
    seen.add(report.target.input);
    const want = expected.get(report.target.input);
    const bad = want ? mistake(report, want) : 'not a target of the fleet';
    if (bad) {
      wrong += 1;
      if (wrong <= 5) table.expect(`fleet target ${report.target.input}`, false, bad);
    }
  }
  const missing = targets.filter((t) => !seen.has(t));
  table.expect('fleet', missing.length === 0, `${missing.length} targets without a report (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-2).join(' ')}`);
  table.expect('fleet', wrong === 0, `${wrong} of ${reports.length} verdicts wrong`);
  table.expect('fleet', !/EMFILE|ENFILE|too many open files/i.test(run.stderr + run.stdout), 'ran out of file descriptors');
  table.expect('fleet', run.status === 1, `exit ${run.status} (1 = findings of medium or above, as the refused and silent targets have)`);

  const mix = `${FLEET.xrdp} real xrdp by name, ${FLEET.silent} silent, ${closed.length} closed`;
  table.add(
    `Fleet of ${targets.length} at once (${mix}), --timeout ${FLEET_TIMEOUT_MS}, ulimit -n ${FD_LIMIT}: whole process`,
    'fleetMs',
    run.ms,
    'ms',
    `≤ ${FLEET_GOAL_MS} ms`,
    run.ms <= FLEET_GOAL_MS,
  );
  table.add(
    'Fleet: verdicts right (closed → port-refused, silent → negotiation-timeout, xrdp → nothing medium or above)',
    'fleetRight',
    reports.length - wrong,
    `of ${targets.length}`,
    'all',
    wrong === 0 && missing.length === 0,
  );
  table.add('Fleet: peak memory of the process', 'fleetPeakMb', peakMb || null, 'MB', `< ${FLEET_MEMORY_GOAL_MB} MB`, peakMb > 0 && peakMb < FLEET_MEMORY_GOAL_MB);
  table.add('Fleet: most file descriptors open at once', 'fleetPeakFds', peakFds || null, `of ${FD_LIMIT}`, `< ${FD_LIMIT}`, peakFds > 0 && peakFds < FD_LIMIT);
  await Promise.all([...xrdps.map((x) => x.stop()), ...silent.map((s) => s.stop())]);
}

/** The node process the shell exec'd into (the same pid after exec). */
function cliPid(pid: number): number | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('rdp-doctor') ? pid : null;
  } catch {
    return null;
  }
}

/** A stable shuffle key. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
