/**
 * Child process for the crash test: applies a fix and stops forever after the first apply step is done, until killed.
 * `<journalDir> <outFile>`: rdpfile.generate-clean into outFile. `--replay <journalDir> <machineDir> <fixId> <replay|live>`:
 * a Windows fix on a recorded machine; `live` journals it as a live run (what a real Windows computer would leave).
 */
import { basename, dirname } from 'node:path';
import type { FixId } from '../shared/ids';
import { createReplaySource } from '../windows/replay-source';
import { createReplayExecutor } from './executors';
import { createFixService } from './service';
import type { EngineHooks } from './engine';

const hooks: EngineHooks = {
  afterApplyStep: async () => {
    process.stdout.write('PAUSED\n');
    // A pending promise alone does not keep Node alive: the interval does, so only the kill ends this process.
    setInterval(() => undefined, 60_000);
    await new Promise(() => undefined);
  },
};
const base = { isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined, hooks };
const args = process.argv.slice(2);

if (args[0] === '--replay') {
  const [, journalDir, machineDir, fixId, mode] = args;
  if (!journalDir || !machineDir || !fixId) throw new Error('usage: crash-child --replay <journalDir> <machineDir> <fixId> <replay|live>');
  const windows = createReplaySource(machineDir);
  const replay = createReplayExecutor(windows);
  const executor = mode === 'live' ? { ...replay, mode: 'live' as const } : replay;
  void createFixService({ ...base, windows, executor, journalDir }).apply({ fixId: fixId as FixId, target: '127.0.0.1' });
} else {
  const [journalDir, outFile] = args;
  if (!journalDir || !outFile) throw new Error('usage: crash-child <journalDir> <outFile>');
  void createFixService({ ...base, windows: null, journalDir, outputDir: dirname(outFile) }).apply({
    fixId: 'rdpfile.generate-clean',
    target: 'server01.example',
    option: basename(outFile),
  });
}
