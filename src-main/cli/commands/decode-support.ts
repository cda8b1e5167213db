/** `rdp-doctor decode-support <code>`: the support-mode result code back into the verdict, without the service. */
import { decodeSupportCode } from '../../diagnosis/support-code';
import { resultCardOfCode } from '../../shared/result-card';
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
    // The same rows as the result card on the user's screen, with the ids a script or ticket can use.
    const card = resultCardOfCode(result);
    const lines = [`Support code ${result.code}`];
    lines.push(card.cause ? `Most likely cause: ${card.cause} (${result.findings[0]!.id})` : 'No problem found: nothing of medium severity or above.');
    for (const title of card.also) lines.push(`${card.cause ? 'Also' : 'Noticed'}: ${title}`);
    if (card.recommendedFix) lines.push(`Recommended fix: ${card.recommendedFix} (${result.recommendedFix!.id})`);
    if (card.failedChecks.length) lines.push(`Failed checks: ${card.failedChecks.map((c) => `${c.step} ${c.title}`).join(', ')}`);
    if (card.ranAt) lines.push(`Diagnosis ran: ${card.ranAt}`);
    if (card.errorCodes) lines.push(`Error codes: ${card.errorCodes}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT.ok;
};
