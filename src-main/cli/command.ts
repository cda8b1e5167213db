/** What every command module exports, what it is given, and how its failure becomes an exit code. */
import { displayText, escapeJsonText } from '../shared/display-text';
import { EXIT } from './usage';

/** The terminal a command talks to: output streams, input, and whether to colour. */
export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly color: boolean;
}

/** A command: parses its own arguments and returns the exit code; a UsageError or BadInputError it throws is exit 2. */
export type CliCommand = (io: CliIo, argv: string[]) => Promise<number>;

/** The module of one command (src-main/cli/commands/<name>.ts). */
export interface CommandModule {
  readonly run: CliCommand;
}

// Each command is bundled on its own (scripts/build.mjs), so the error classes it throws are that bundle's copies of
// UsageError and BadInputError, not the entry's: they are told apart by name, which both classes set.
const BAD_INPUT = new Set(['UsageError', 'BadInputError']);

/** Prints a command's failure as one line on stderr and returns its exit code: 2 for bad usage or input, 3 otherwise. */
export function reportFailure(error: unknown, stderr: NodeJS.WritableStream): number {
  if (error instanceof Error && BAD_INPUT.has(error.name)) {
    stderr.write(`rdp-doctor: ${displayText(error.message.split('\n')[0] ?? '')}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`rdp-doctor: internal error: ${displayText(message.split('\n')[0] ?? '')}\n`);
  if (process.env['RDP_DOCTOR_DEBUG'] && error instanceof Error) stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

/** One JSON line for --json output, hidden characters written as \uXXXX escapes (the data parses back unchanged). */
export function jsonLine(value: unknown): string {
  return `${escapeJsonText(JSON.stringify(value))}\n`;
}
