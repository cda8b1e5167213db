/** The one error type every Windows collector throws, with a kind the checks and the UI can act on. */

/** Why a collector failed. */
export type WindowsErrorKind = 'access-denied' | 'missing-cmdlet' | 'timeout' | 'not-json' | 'not-recorded' | 'failed' | 'cancelled' | 'constrained-language';

/** Every kind, for validating recorded `.err` files. */
export const WINDOWS_ERROR_KINDS: readonly WindowsErrorKind[] = [
  'access-denied',
  'missing-cmdlet',
  'timeout',
  'not-json',
  'not-recorded',
  'failed',
  'cancelled',
  'constrained-language',
];

/** A collector failed; `message` is one clear line meant for a person. */
export class WindowsCollectorError extends Error {
  override readonly name = 'WindowsCollectorError';
  constructor(
    readonly kind: WindowsErrorKind,
    message: string,
    readonly collector: string | null = null,
  ) {
    super(oneLine(message));
  }
}

/** True when `value` is a WindowsCollectorError (also across module copies). */
export function isWindowsCollectorError(value: unknown): value is WindowsCollectorError {
  return value instanceof Error && value.name === 'WindowsCollectorError' && 'kind' in value;
}

/** Collapses whitespace and cuts a message to one readable line. */
export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// Language-independent markers first (CategoryInfo / FullyQualifiedErrorId from the preamble's trap),
// then English, German, French and Spanish texts (labels are localized: docs/windows.md#running-powershell).
const ACCESS_DENIED = [
  /\bPermissionDenied\b/,
  /UnauthorizedAccess/i,
  /access (is )?denied/i,
  /Zugriff (wurde )?verweigert/i,
  /Acc[eè]s refus[eé]/i,
  /Acceso denegado/i,
  /requested registry access is not allowed/i,
  /Der angeforderte Registrierungszugriff ist unzulässig/i,
];
const MISSING_CMDLET = [
  /CommandNotFoundException/,
  /is not recognized as (the )?name of a cmdlet/i,
  /wurde nicht als Name eines Cmdlet/i,
  /n'est pas reconnu comme nom d'applet de commande/i,
  /no se reconoce como nombre de un cmdlet/i,
  /Invalid namespace/i,
  /Ungültiger Namespace/i,
];

/** Maps a failed script's stderr to an error kind: access denied, missing cmdlet, or plain failure. */
export function classifyStderr(stderr: string): WindowsErrorKind {
  if (ACCESS_DENIED.some((re) => re.test(stderr))) return 'access-denied';
  if (MISSING_CMDLET.some((re) => re.test(stderr))) return 'missing-cmdlet';
  return 'failed';
}

/** Pulls the readable text out of PowerShell's `#< CLIXML` error stream, or returns the text unchanged. */
export function cleanStderr(stderr: string): string {
  if (!stderr.includes('#< CLIXML')) return stderr.trim();
  const parts = [...stderr.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((m) => m[1] ?? '');
  return parts
    .join('')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The one-line message for a kind, naming the collector and the first line of detail. */
export function describeFailure(kind: WindowsErrorKind, collector: string, detail: string): string {
  const first = oneLine(detail.split(/\r?\n/).find((l) => l.trim() !== '') ?? '', 200);
  const tail = first ? `: ${first}` : '.';
  switch (kind) {
    case 'access-denied':
      return `Reading ${collector} needs more rights (access denied)${tail}`;
    case 'missing-cmdlet':
      return `This Windows lacks a command that ${collector} needs${tail}`;
    case 'timeout':
      return `Reading ${collector} took too long and was stopped${tail}`;
    case 'not-json':
      return `Reading ${collector} returned output that is not JSON${tail}`;
    case 'not-recorded':
      return `The recorded machine has no answer for ${collector}${tail}`;
    case 'cancelled':
      return `Reading ${collector} was cancelled.`;
    case 'failed':
      return `Reading ${collector} failed${tail}`;
    case 'constrained-language':
      return 'Windows restricts PowerShell on this computer (Constrained Language Mode, set by AppLocker or Windows Defender Application Control), so RDP Doctor cannot read its Windows settings; an administrator can allow its scripts in that policy.';
  }
}
