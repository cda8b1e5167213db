/** `rdp-doctor rdp-file check FILE` and `rdp-doctor rdp-file clean <target | FILE.rdp> -o FILE`: the .rdp module alone, no service. */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { checkRdpFileBytes, fileNeedsAttention } from '../../rdpfile/summary';
import { MAX_RDP_FILE_BYTES } from '../../shared/limits';
import { int, parseCommand, str } from '../args';
import { jsonLine, type CliCommand, type CliIo } from '../command';
import { readInputFile } from '../input-file';
import { clean } from '../output';
import { checkOutputPath, writeWithBackup } from '../output-file';
import { cleanExistingFile, generateClean, type MadeCleanFile } from '../rdp-tools';
import { EXIT, UsageError } from '../usage';

async function check(io: CliIo, argv: string[]): Promise<number> {
  const p = parseCommand('rdp-file check', argv, { json: { type: 'boolean' } });
  const file = p.positionals[0];
  if (!file || p.positionals.length > 1) throw new UsageError('rdp-file check: give exactly one .rdp file.');
  const bytes = await readInputFile(file, 'the .rdp file', MAX_RDP_FILE_BYTES);
  const summary = checkRdpFileBytes(bytes, basename(file)).summary;
  const unreadable = Object.keys(summary.settings).length === 0 && summary.issues.find((i) => i.severity === 'error');
  if (unreadable) throw new UsageError(`${basename(file)} is not a usable .rdp file: ${unreadable.message}`);
  if (p.values['json']) io.stdout.write(jsonLine(summary));
  else {
    io.stdout.write(`${clean(summary.name)} ${clean(summary.where)}\n`);
    for (const i of summary.issues) io.stdout.write(`  ${i.severity.padEnd(7)} ${clean(i.message)}\n`);
    if (!fileNeedsAttention(summary.issues)) io.stdout.write('  no problems found\n');
  }
  // Non-zero for every error or warning: the diagnosis blames a file for the same issues.
  return fileNeedsAttention(summary.issues) ? EXIT.findings : EXIT.ok;
}

async function cleanFile(io: CliIo, argv: string[]): Promise<number> {
  const p = parseCommand('rdp-file clean', argv, {
    fallback: { type: 'boolean' },
    'use-ip': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    timeout: { type: 'string' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
  });
  const target = p.positionals[0];
  const out = str(p, 'output');
  if (!target || p.positionals.length > 1) throw new UsageError('rdp-file clean: give exactly one computer or .rdp file.');
  if (!out) throw new UsageError('rdp-file clean: give the output file with -o FILE.');
  const fallback = p.values['fallback'] === true;
  // Before any work (a name lookup for --use-ip): where the file goes must be writable as asked.
  if (out !== '-' && !p.values['dry-run']) await checkOutputPath(out, p.values['force'] === true, '-o FILE');
  let made: MadeCleanFile;
  if (/\.rdp$/i.test(target)) {
    if (p.values['use-ip']) throw new UsageError('rdp-file clean: --use-ip takes a computer name, not a .rdp file.');
    made = cleanExistingFile(await readInputFile(target, 'the .rdp file', MAX_RDP_FILE_BYTES), basename(target), fallback);
  } else {
    made = await generateClean({ target, fallback, useIp: p.values['use-ip'] === true, timeoutMs: int(p, 'timeout', 100, 120_000) ?? 5000 });
  }
  // `-o -` writes the file to stdout, so everything said about it goes to stderr.
  const say = out === '-' ? io.stderr : io.stdout;
  // The cost and a lost signature come first, so they are read before anything is written.
  if (made.securityCost) say.write(`Security cost: ${made.securityCost}\n`);
  for (const w of made.warnings) say.write(`Note: ${w}\n`);
  if (out === '-' && !p.values['dry-run']) {
    await new Promise<void>((resolve) => io.stdout.write(made.bytes, () => resolve()));
  } else if (p.values['dry-run']) {
    const text = Buffer.from(made.bytes)
      .toString('utf16le')
      .replace(/^\uFEFF/, '');
    io.stdout.write(
      `Dry run: nothing was written. ${out} would get ${made.bytes.length} bytes (UTF-16LE with BOM, CRLF)${existsSync(out) ? `, replacing the existing file${p.values['force'] ? ' after keeping it as a .bak copy' : ' only with --force'}` : ''}:\n`,
    );
    for (const line of text.split(/\r?\n/).filter((l) => l !== '')) io.stdout.write(`  ${clean(line)}\n`);
  } else {
    const written = await writeWithBackup(out, made.bytes, p.values['force'] === true);
    io.stdout.write(`Wrote ${out}${written.backup ? `; the previous file is kept as ${written.backup}` : ''}\n`);
  }
  for (const n of made.notes) say.write(`  ${n}\n`);
  return EXIT.ok;
}

/** Runs `rdp-file check` or `rdp-file clean`. */
export const run: CliCommand = async (io, argv) => {
  const [sub, ...rest] = argv;
  if (sub === 'check') return check(io, rest);
  if (sub === 'clean') return cleanFile(io, rest);
  throw new UsageError('rdp-file: use "rdp-file check FILE" or "rdp-file clean <target | FILE.rdp> -o FILE".');
};
