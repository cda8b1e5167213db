/** `rdp-doctor scripts export DIR`: every PowerShell script the app can run, for review before it runs anywhere. */
import { exportScripts } from '../../scripts/export';
import { parseCommand } from '../args';
import type { CliCommand } from '../command';
import { clean } from '../output';
import { EXIT, UsageError } from '../usage';

/** Runs `rdp-doctor scripts export DIR`. */
export const run: CliCommand = async (io, argv) => {
  const [sub, ...rest] = argv;
  if (sub !== 'export') throw new UsageError('scripts: the only subcommand is "export DIR".');
  const p = parseCommand('scripts export', rest, {});
  const dir = p.positionals[0];
  if (!dir || p.positionals.length > 1) throw new UsageError('scripts export: give exactly one folder (new or empty).');
  const result = await exportScripts(dir).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder we may not write to is the user's input, not a fault of the app: one line, exit 2.
    if (typeof code === 'string') throw new UsageError(`scripts export: cannot write to ${clean(dir)} (${code}).`);
    throw error;
  });
  io.stdout.write(`Wrote ${result.files} PowerShell scripts and index.json to ${clean(result.dir)}\n`);
  return EXIT.ok;
};
