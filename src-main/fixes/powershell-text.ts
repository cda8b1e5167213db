/** Renders actions as PowerShell text people can read and copy: values appear only inside a quoted JSON literal. */
import type { ScriptAction } from './types';

// PowerShell treats U+2018, U+2019, U+201A and U+201B as single quotes too; each is doubled like "'".
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** A PowerShell single-quoted string literal holding `text` verbatim (no expansion, no way out of the quotes). */
export function psQuote(text: string): string {
  return `'${text.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** The line that sets `$RdpDoctorData` to `data`, decoded the same way the runner's preamble decodes it. */
export function dataLine(data: Readonly<Record<string, unknown>>): string {
  return `$RdpDoctorData = ${psQuote(JSON.stringify(data))} | ConvertFrom-Json`;
}

/** The exact command shown in a plan step: the data line, then the constant script. */
export function renderAction(action: ScriptAction, data: Readonly<Record<string, unknown>> = action.data): string {
  return `${dataLine(data)}\n${action.script.trim()}`;
}

/** One block of a copyable script: a comment naming the step, the data, and the script in its own scope. */
export function renderBlock(action: ScriptAction, data: Readonly<Record<string, unknown>> = action.data, capture?: string): string {
  const body = action.script
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  const head = `# ${action.description.replace(/[\r\n]+/g, ' ')}`;
  const call = capture ? `${capture} = & {\n${body}\n}` : `& {\n${body}\n}`;
  return `${head}\n${dataLine(data)}\n${call}`;
}
