/** Start-up of the command line against a bare `node -e 0`, measured by hyperfine in one run. */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, type Table } from './measure';

/** Most a light command may add to starting Node itself. */
export const STARTUP_OVERHEAD_GOAL_MS = 40;

interface HyperfineResult {
  readonly command: string;
  readonly median: number;
  readonly exit_codes: number[];
}

/**
 * Runs `node -e 0`, `rdp-doctor --help`, `decode 0x904 0x7` and `rdp-file check` under hyperfine (no shell, warmed
 * up, 30 runs each) and adds each command's median and its overhead over Node. Returns Node's own median (ms).
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
    const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, RDP_DOCTOR_HOME: home } });
    table.expect(label, run.status === 0 && (answers[key]?.test(run.stdout) ?? false), `exit ${run.status}: ${(run.stdout + run.stderr).slice(0, 200)}`);
  }
  const json = join(home, 'hyperfine.json');
  const node = process.execPath;
  const hf = spawnSync(
    'hyperfine',
    ['-N', '--warmup', '3', '--runs', '30', '--export-json', json, ...commands.map(([, , args]) => (args[0] === '-e' ? `${node} -e 0` : `${node} ${BIN} ${args.join(' ')}`))],
    { encoding: 'utf8', env: { ...process.env, RDP_DOCTOR_HOME: home } },
  );
  if (hf.status !== 0) {
    table.problems.push(`hyperfine could not measure start-up: ${(hf.stderr || hf.error?.message || '').trim().slice(0, 200)}`);
    return null;
  }
  const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: HyperfineResult[] }).results;
  rmSync(json, { force: true });
  const ms = (i: number): number => (results[i]?.median ?? NaN) * 1000;
  const nodeMs = ms(0);
  table.add('Start-up: node -e 0 (hyperfine median of 30)', 'nodeStartMs', nodeMs, 'ms');
  commands.slice(1).forEach(([label, key], i) => {
    const over = ms(i + 1) - nodeMs;
    const goal = key === 'rdpFileCheck' ? '' : `≤ ${STARTUP_OVERHEAD_GOAL_MS} ms over node`;
    table.add(`Start-up: ${label}, over node -e 0 (${Math.round(ms(i + 1))} ms in all)`, `${key}OverheadMs`, over, 'ms', goal, goal ? over <= STARTUP_OVERHEAD_GOAL_MS : null);
  });
  return nodeMs;
}
