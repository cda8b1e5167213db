/** The `rdp-doctor` entry: answers --help and --version itself and loads only the command asked for. */
import { join } from 'node:path';
import { loadBundle } from './code-cache';
import { reportFailure, type CliIo, type CommandModule } from './command';
import { EXIT, HELP } from './usage';
import { VERSION } from '../shared/version';

// Set by scripts/build.mjs in the built entry: commands are then bundles of their own beside it.
declare const __RDP_DOCTOR_CLI_BUNDLE__: boolean | undefined;

/**
 * A command's module: in the built CLI its own bundle (dist/cli/commands/<name>.cjs) through the code cache, from
 * source under test. So `decode` never reads the probes, node-forge or the report renderers, and `--help` reads
 * nothing but this file.
 */
function command(name: string, fromSource: () => Promise<CommandModule>): () => Promise<CommandModule> {
  if (typeof __RDP_DOCTOR_CLI_BUNDLE__ !== 'boolean') return fromSource;
  return async () => loadBundle(join(__dirname, 'commands', `${name}.cjs`)) as CommandModule;
}

/** Every command. A new one: src-main/cli/commands/<name>.ts exporting `run`, and one line here. */
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  diagnose: command('diagnose', () => import('./commands/diagnose')),
  decode: command('decode', () => import('./commands/decode')),
  'decode-support': command('decode-support', () => import('./commands/decode-support')),
  'rdp-file': command('rdp-file', () => import('./commands/rdp-file')),
  fix: command('fix', () => import('./commands/fix')),
  ui: command('ui', () => import('./commands/ui')),
  scripts: command('scripts', () => import('./commands/scripts')),
};

/**
 * A reader that stops early (`rdp-doctor … | head`) closes our stdout: the rest of the output has nowhere to go, so
 * it is dropped, and the command still ends with its own exit code.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = () => true;
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
    // Read only by the command that asks (fix's prompt): opening stdin costs every other run a few milliseconds.
    get stdin() {
      return process.stdin;
    },
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
