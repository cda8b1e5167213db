/** Pure helpers the CLI, service and UI call: check .rdp bytes and summarise a file for the start screen. */
import type { ClientSettings } from '../shared/target';
import type { RdpFileInput, RdpFileSummary } from '../shared/dto';
import { readClientSettings } from './client-settings';
import { parseRdpBytes, settingsOf } from './parse';
import type { RdpFile, RdpIssue } from './types';
import { validateRdpFile } from './validate';

/** Everything `rdp-file check` reports. */
export interface RdpFileCheck {
  readonly summary: RdpFileSummary;
  /** Every issue with its code and line; `summary.issues` has the same list in the DTO's shape. */
  readonly issues: readonly RdpIssue[];
  /** Null when the bytes are not a .rdp file. */
  readonly settings: ClientSettings | null;
  readonly file: RdpFile | null;
}

// Values never shown or exported: the saved password blob, and the long signature.
const HIDDEN: Readonly<Record<string, string>> = { 'password 51': '(encrypted password present)', signature: '(signature present)' };

function settingsRecord(file: RdpFile): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const s of settingsOf(file)) {
    const hidden = HIDDEN[s.name];
    if (hidden) out[s.name] = hidden;
    else out[s.name] = s.type === 'i' && /^\s*-?\d{1,10}\s*$/.test(s.value) ? Number(s.value.trim()) : s.value;
  }
  return out;
}

/** Parses and validates .rdp bytes; never throws (unreadable bytes become one error issue). */
export function checkRdpFileBytes(bytes: Uint8Array, name: string): RdpFileCheck {
  const parsed = parseRdpBytes(bytes);
  if (!parsed.ok) {
    const issue: RdpIssue = { severity: 'error', code: 'unreadable', message: parsed.error };
    return { summary: { name, target: null, gateway: null, settings: {}, issues: [{ severity: 'error', message: parsed.error }] }, issues: [issue], settings: null, file: null };
  }
  const issues: RdpIssue[] = [
    ...parsed.warnings.map((message): RdpIssue => ({ severity: 'warning', code: 'encoding', message })),
    ...validateRdpFile(parsed.file),
  ];
  const settings = readClientSettings(parsed.file, name);
  return {
    summary: {
      name,
      target: settings.address,
      gateway: settings.gateway,
      settings: settingsRecord(parsed.file),
      issues: issues.map((i) => ({ severity: i.severity, message: i.message })),
    },
    issues,
    settings,
    file: parsed.file,
  };
}

/** The start-screen summary of a .rdp file given by content (base64), as every door passes it. */
export function rdpFileSummary(input: RdpFileInput): RdpFileSummary {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  return checkRdpFileBytes(bytes, input.name).summary;
}
