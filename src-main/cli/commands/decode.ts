/** `rdp-doctor decode <code> [<extended>]`, or the dialog's whole text: the decoder alone, no service. */
import { decodeCodes } from '../../diagnosis/decode';
import { parseCommand } from '../args';
import { jsonLine, type CliCommand } from '../command';
import { formatDecode } from '../output';
import { EXIT, UsageError } from '../usage';
import { MAX_DECODE_TEXT } from '../../shared/limits';

/** Runs `decode`. */
export const run: CliCommand = async (io, argv) => {
  const p = parseCommand('decode', argv, { json: { type: 'boolean' } });
  const text = p.positionals.join(' ').trim();
  if (!text) throw new UsageError('decode: give a code (e.g. 0x904 0x7) or the text of the error dialog.');
  if (text.length > MAX_DECODE_TEXT) throw new UsageError(`decode: the text is longer than ${MAX_DECODE_TEXT} characters; give the two codes.`);
  const result = decodeCodes(text);
  io.stdout.write(p.values['json'] ? jsonLine(result) : formatDecode(result, io.color));
  return EXIT.ok;
};
