/** The `rdp-doctor` entry: picks the command, maps errors to exit codes (CATALOG §5), never prints a stack. */
import { BadInputError } from '../shared/errors';
import { createNodeAppService } from '../service/node-deps';
import { VERSION } from '../service/version';
import { diagnoseCommand } from './commands/diagnose';
import { decodeCommand, decodeSupportCommand, fixCommand, rdpFileCommand } from './commands/simple';
import { scriptsCommand } from './commands/scripts';
import { uiCommand } from './commands/ui';
import { createRdpTools } from './rdp-tools';
import type { CliContext } from './context';
import { EXIT, HELP, UsageError } from './usage';

const COMMANDS: Record<string, (ctx: CliContext, argv: string[]) => Promise<number>> = {
  diagnose: diagnoseCommand,
  decode: decodeCommand,
  'decode-support': decodeSupportCommand,
  'rdp-file': rdpFileCommand,
  fix: fixCommand,
  ui: uiCommand,
  scripts: scriptsCommand,
};

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`rdp-doctor: unknown command ${JSON.stringify(command.slice(0, 40))}; see rdp-doctor --help.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  try {
    const service = createNodeAppService({ door: 'browser' });
    const ctx: CliContext = {
      service,
      rdp: createRdpTools(),
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    };
    return await run(ctx, rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof BadInputError) {
      process.stderr.write(`rdp-doctor: ${error.message.split('\n')[0]}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`rdp-doctor: internal error: ${message.split('\n')[0]}\n`);
    if (process.env['RDP_DOCTOR_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
