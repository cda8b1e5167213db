/** The `rdp-doctor` entry: answers --help and --version itself and loads only the command asked for. */
import { reportFailure, type CliIo, type CommandModule } from './command';
import { EXIT, HELP } from './usage';
import { VERSION } from '../shared/version';

/**
 * One loader per command. Each command is a bundle of its own (dist/cli/commands/<name>.cjs, built by
 * scripts/build.mjs from src-main/cli/commands/<name>.ts), so `decode` never reads the probes, node-forge or the
 * report renderers, and `--help` reads nothing but this file. A new command: a module exporting `run`, one line here.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  diagnose: () => import('./commands/diagnose'),
  decode: () => import('./commands/decode'),
  'decode-support': () => import('./commands/decode-support'),
  'rdp-file': () => import('./commands/rdp-file'),
  fix: () => import('./commands/fix'),
  ui: () => import('./commands/ui'),
  scripts: () => import('./commands/scripts'),
};

/** A reader that stops early (`rdp-doctor … | head`) closes our stdout: the rest of the output has nowhere to go. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
}

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`rdp-doctor: unknown command ${JSON.stringify(command.slice(0, 40))}; see rdp-doctor --help.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
  };
  try {
    const { run } = await load();
    return await run(io, rest);
  } catch (error) {
    return reportFailure(error, process.stderr);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
