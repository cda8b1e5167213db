/** Child process for the crash test: applies rdpfile.generate-clean and stops forever after the file is written, until killed. */
import { basename, dirname } from 'node:path';
import { createFixService } from './service';

const [journalDir, outFile] = process.argv.slice(2);
if (!journalDir || !outFile) throw new Error('usage: crash-child <journalDir> <outFile>');
const service = createFixService({
  windows: null,
  journalDir,
  outputDir: dirname(outFile),
  isLocalHost: () => true,
  runChecks: async () => [],
  lookupTask: () => undefined,
  hooks: {
    afterApplyStep: async () => {
      process.stdout.write('PAUSED\n');
      // A pending promise alone does not keep Node alive: the interval does, so only the kill ends this process.
      setInterval(() => undefined, 60_000);
      await new Promise(() => undefined);
    },
  },
});
void service.apply({ fixId: 'rdpfile.generate-clean', target: 'server01.example', option: basename(outFile) });
