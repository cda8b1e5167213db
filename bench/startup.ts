/** Start-up of the command line against a bare `node -e 0`, measured by hyperfine in one run. */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, median, timedEnv, type Table } from './measure';

/** Most a light command may add to starting Node itself. */
export const STARTUP_OVERHEAD_GOAL_MS = 40;

interface HyperfineResult {
  readonly times: number[];
}

/** Rounds of the interleaved measurement: each runs every command once (after one warm-up round). */
const ROUNDS = 30;

/**
 * Runs `node -e 0`, `rdp-doctor --help`, `decode 0x904 0x7` and `rdp-file check` under hyperfine (no shell) and adds
 * each command's overhead over Node. hyperfine runs all of one command's runs before the next command's: on a machine
 * shared with others, load that comes and goes lands on one command and not another (a median can even come out below
 * Node's own). So hyperfine runs one round of every command, ROUNDS times, and the overhead is the median over the
 * rounds of each round's difference to Node's run in the same round. Returns Node's own median (ms).
 */
export function measureStartup(table: Table, home: string, rdpFile: string): number | null {
  const commands = [
    ['node -e 0', 'node', ['-e', '0']],
    ['rdp-doctor --help', 'help', ['--help']],
    ['rdp-doctor decode 0x904 0x7', 'decode', ['decode', '0x904', '0x7']],
    ['rdp-doctor rdp-file check', 'rdpFileCheck', ['rdp-file', 'check', rdpFile]],
  ] as const;
  // Each command must give its answer: the help text, the decoder's reading, the file's summary.
  const answers: Record<string, RegExp> = { help: /^Usage:/m, decode: /disconnectReasonAtClientWinsockFDCLOSE/, rdpFileCheck: /connects to server01\.example/ };
  for (const [label, key, args] of commands.slice(1)) {
    const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: timedEnv({ RDP_DOCTOR_HOME: home }) });
    table.expect(label, run.status === 0 && (answers[key]?.test(run.stdout) ?? false), `exit ${run.status}: ${(run.stdout + run.stderr).slice(0, 200)}`);
  }
  const json = join(home, 'hyperfine.json');
  const node = process.execPath;
  const lines = commands.map(([, , args]) => (args[0] === '-e' ? `${node} -e 0` : `${node} ${BIN} ${args.join(' ')}`));
  const times: number[][] = commands.map(() => []);
  for (let round = 0; round <= ROUNDS; round++) {
    const hf = spawnSync('hyperfine', ['-N', '--runs', '1', '--export-json', json, ...lines], { encoding: 'utf8', env: timedEnv({ RDP_DOCTOR_HOME: home }) });
    if (hf.status !== 0) {
      table.problems.push(`hyperfine could not measure start-up: ${(hf.stderr || hf.error?.message || '').trim().slice(0, 200)}`);
      return null;
    }
    const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: HyperfineResult[] }).results;
    // Round 0 warms the page cache and writes the code caches.
    if (round > 0) results.forEach((r, i) => times[i]!.push((r.times[0] ?? NaN) * 1000));
  }
  rmSync(json, { force: true });
  const extraCa = process.env['NODE_EXTRA_CA_CERTS'];
  if (extraCa) {
    const nodeStart = (env: NodeJS.ProcessEnv): number => {
      const t = performance.now();
      spawnSync(node, ['-e', '0'], { env });
      return performance.now() - t;
    };
    const cost = median(Array.from({ length: 9 }, () => nodeStart(process.env) - nodeStart(timedEnv())));
    table.add('Start-up: what NODE_EXTRA_CA_CERTS, set on this machine, adds to every Node start (the timed runs go without it)', 'extraCaCostMs', cost, 'ms');
  }
  const nodeMs = median(times[0]!);
  table.add(`Start-up: node -e 0 (hyperfine, median of ${ROUNDS} interleaved rounds)`, 'nodeStartMs', nodeMs, 'ms');
  commands.slice(1).forEach(([label, key], i) => {
    const own = times[i + 1]!;
    const over = median(own.map((ms, round) => ms - times[0]![round]!));
    const goal = key === 'rdpFileCheck' ? '' : `≤ ${STARTUP_OVERHEAD_GOAL_MS} ms over node`;
    table.add(
      `Start-up: ${label}, over node -e 0 in the same round (median ${Math.round(median(own))} ms in all)`,
      `${key}OverheadMs`,
      over,
      'ms',
      goal,
      goal ? over <= STARTUP_OVERHEAD_GOAL_MS : null,
    );
  });
  return nodeMs;
}
