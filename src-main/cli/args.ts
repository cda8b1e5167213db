/** Parses one command's arguments strictly, turning every mistake into a one-line UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage';

/** Option definitions for parseArgs. */
export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed values and positionals of one command. */
export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** Parses `argv` for `command`; unknown options and missing values become UsageError. */
export function parseCommand(command: string, argv: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message?.replace(/\. To specify a positional.*$/, '') ?? 'bad arguments'}`);
  }
}

/** Reads a string option, or undefined. */
export function str(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a positive integer option within bounds, or undefined; anything else is a UsageError. */
export function int(parsed: Parsed, name: string, min: number, max: number): number | undefined {
  const v = str(parsed, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
  return Number(v);
}
