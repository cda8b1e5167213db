/** `rdp-doctor decode-support <code>`: the support-mode result code back into the verdict, without the service. */
import { decodeSupportCode } from '../../diagnosis/support-code';
import { parseCommand } from '../args';
import { jsonLine, type CliCommand } from '../command';
import { EXIT, UsageError } from '../usage';

/** Runs `decode-support`. */
export const run: CliCommand = async (io, argv) => {
  const p = parseCommand('decode-support', argv, { json: { type: 'boolean' } });
  const code = p.positionals.join('').trim();
  if (!code) throw new UsageError('decode-support: give the result code the user read out, e.g. RD-4K7Q-2M.');
  const result = decodeSupportCode(code);
  if (p.values['json']) io.stdout.write(jsonLine(result));
  else {
    const lines = [`Support code ${result.code}`];
    lines.push(result.findings.length ? `Most likely cause: ${result.findings[0]!.title} (${result.findings[0]!.id})` : 'No finding: every check that could run passed.');
    for (const f of result.findings.slice(1)) lines.push(`Also: ${f.title} (${f.id})`);
    if (result.failedChecks.length) lines.push(`Failed checks: ${result.failedChecks.join(', ')}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT.ok;
};
