/** Pure helpers the CLI, service and UI call: check .rdp bytes and summarise a file for the start screen. */
import type { ClientSettings } from '../shared/target';
import type { RdpFileInput, RdpFileSummary } from '../shared/dto';
import { readClientSettings } from './client-settings';
import { holdsPassword, isSecretKey } from './keys';
import { parseRdpBytes, settingsOf } from './parse';
import { routeOf } from './route';
import { isSigned } from './serialize';
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

/** What a summary, a report or any export shows instead of a password or the signature blob. */
export function hiddenValue(name: string, type: string): string | null {
  if (name === 'password 51') return '(encrypted password present)';
  if (isSecretKey(name)) return type === 's' ? '(password in clear text present, not shown)' : '(password present, not shown)';
  if (name === 'signature') return '(signature present)';
  return null;
}

/** A value as a summary shows it: never a password, nor a value that swallowed a password line. */
function shownSetting(name: string, type: string, value: string): string | number {
  const hidden = hiddenValue(name, type);
  if (hidden) return hidden;
  if (holdsPassword(value)) return '(not shown: it holds a password)';
  return type === 'i' && /^\s*-?\d{1,10}\s*$/.test(value) ? Number(value.trim()) : value;
}

function settingsRecord(file: RdpFile): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const s of settingsOf(file)) {
    out[s.name] = shownSetting(s.name, s.type, s.value);
  }
  return out;
}

/** True when `rdp-file check` should exit non-zero: the file has an error or a warning, as the diagnosis's rdp-file finding counts them. */
export function fileNeedsAttention(issues: readonly Pick<RdpIssue, 'severity'>[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'warning');
}

/** Parses and validates .rdp bytes; never throws (unreadable bytes become one error issue). */
export function checkRdpFileBytes(bytes: Uint8Array, name: string): RdpFileCheck {
  const parsed = parseRdpBytes(bytes);
  if (!parsed.ok) {
    const issue: RdpIssue = { severity: 'error', code: 'unreadable', message: parsed.error };
    return {
      summary: {
        name,
        target: null,
        gateway: null,
        where: 'is not a readable .rdp file',
        service: null,
        signed: false,
        settings: {},
        issues: [{ severity: 'error', message: parsed.error, code: 'unreadable' }],
      },
      issues: [issue],
      settings: null,
      file: null,
    };
  }
  const issues: RdpIssue[] = [...parsed.warnings.map((message): RdpIssue => ({ severity: 'warning', code: 'encoding', message })), ...validateRdpFile(parsed.file, { name })];
  const route = routeOf(parsed.file, name);
  return {
    summary: {
      name,
      target: route.target,
      gateway: route.gateway,
      where: route.description,
      service: route.service,
      signed: isSigned(parsed.file),
      settings: settingsRecord(parsed.file),
      issues: issues.map((i) => ({ severity: i.severity, message: i.message, code: i.code })),
    },
    issues,
    settings: readClientSettings(parsed.file, name),
    file: parsed.file,
  };
}

/** The start-screen summary of a .rdp file given by content (base64), as every door passes it. */
export function rdpFileSummary(input: RdpFileInput): RdpFileSummary {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  return checkRdpFileBytes(bytes, input.name).summary;
}
