/** Finds bad values, duplicates, conflicting settings, passwords and signatures in a parsed .rdp file. */
import { parseTarget } from '../net/target';
import { NON_STANDARD_KEYS, RDP_KEYS, isSecretKey } from './keys';
import { intSetting, lastSetting, settingsOf, stringSetting } from './parse';
import { formatCount, summarizeList } from '../shared/list-text';
import type { RdpFile, RdpIssue, RdpSetting } from './types';
import { passwordIssues, securityIssues } from './validate-security';
import { clip, valueIssue } from './validate-values';

/** What validation may know beyond the bytes. */
export interface ValidateOptions {
  /** The file's name, to recognise mstsc's Default.rdp. */
  readonly name?: string;
}

/** True for Remote Desktop Connection's own defaults file (Documents\Default.rdp), which normally names no computer. */
export function isDefaultRdpName(name: string | undefined): boolean {
  return name !== undefined && /(^|[\\/])default\.rdp$/i.test(name.trim());
}

/** The note for Default.rdp, which mstsc reads when started without a file and rewrites when it closes. */
export const DEFAULT_FILE_NOTE =
  "This is Remote Desktop Connection's defaults file (Default.rdp in Documents): mstsc starts from it when opened without a file and saves the last connection into it.";

function duplicateIssues(file: RdpFile): RdpIssue[] {
  const seen = new Map<string, RdpSetting[]>();
  // One list per name, appended to in place: a file of 35,000 copies of one line stays linear.
  for (const s of settingsOf(file)) {
    const list = seen.get(s.name);
    if (list) list.push(s);
    else seen.set(s.name, [s]);
  }
  const issues: RdpIssue[] = [];
  for (const [name, list] of seen) {
    if (list.length < 2) continue;
    const distinct = new Set(list.map((s) => `${s.type}:${s.value}`)).size > 1;
    const last = list[list.length - 1];
    issues.push({
      severity: distinct ? 'warning' : 'info',
      code: 'duplicate',
      key: name,
      line: last?.line,
      message: `"${list[0]?.key ?? name}" appears ${formatCount(list.length)} times (lines ${summarizeList(list.map((s) => String(s.line)))})${distinct ? ' with different values' : ''}; only the last one (line ${last?.line}) is used.`,
    });
  }
  return issues;
}

// Past this many issues of one kind, the rest are counted in one issue instead of listed (35,000 bad lines are one problem).
const MAX_ISSUES_PER_CODE = 20;

/** Keeps the first issues of each code and folds the rest into one issue that counts them and names their lines. */
function foldRepeats(issues: readonly RdpIssue[]): RdpIssue[] {
  const byCode = new Map<string, RdpIssue[]>();
  const kept: RdpIssue[] = [];
  for (const issue of issues) {
    const same = byCode.get(issue.code) ?? [];
    if (same.length === 0) byCode.set(issue.code, same);
    same.push(issue);
    if (same.length <= MAX_ISSUES_PER_CODE) kept.push(issue);
  }
  for (const [code, same] of byCode) {
    const rest = same.slice(MAX_ISSUES_PER_CODE);
    if (rest.length === 0) continue;
    const worst = rest.find((i) => i.severity === 'error') ?? rest.find((i) => i.severity === 'warning') ?? rest[0]!;
    const lines = rest.flatMap((i) => (i.line !== undefined ? [String(i.line)] : []));
    kept.push({
      severity: worst.severity,
      code,
      message: `${formatCount(rest.length)} more problems like these are not listed one by one${lines.length > 0 ? ` (lines ${summarizeList(lines)})` : ''}.`,
    });
  }
  return kept;
}

function addressIssues(file: RdpFile, options: ValidateOptions): RdpIssue[] {
  const full = lastSetting(file, 'full address');
  const isDefault = isDefaultRdpName(options.name);
  if (!full || full.value.trim() === '') {
    if (isDefault) return [{ severity: 'info', code: 'default-file', message: `${DEFAULT_FILE_NOTE} It names no computer, which is normal for it.` }];
    return full
      ? [
          {
            severity: 'error',
            code: 'address-empty',
            key: 'full address',
            line: full.line,
            message: `Line ${full.line}: "full address" is empty, so the file names no computer to connect to.`,
          },
        ]
      : [{ severity: 'error', code: 'address-missing', key: 'full address', message: 'The file has no "full address", the one setting every .rdp file needs.' }];
  }
  const issues: RdpIssue[] = isDefault
    ? [{ severity: 'info', code: 'default-file', message: `${DEFAULT_FILE_NOTE} It names ${clip(full.value.trim())}, the last computer connected to.` }]
    : [];
  let fullPort: number | null = null;
  try {
    const parsed = parseTarget(full.value);
    if (/^\[[^\]]*\]:\d+$|^[^:]+:\d+$/.test(full.value.trim())) fullPort = parsed.port;
  } catch (error) {
    issues.push({
      severity: 'error',
      code: 'address-invalid',
      key: 'full address',
      line: full.line,
      message: `Line ${full.line}: ${error instanceof Error ? error.message : 'bad address'}`,
    });
  }
  const serverPort = intSetting(file, 'server port');
  if (fullPort !== null && serverPort !== null && fullPort !== serverPort) {
    issues.push({
      severity: 'warning',
      code: 'conflict-port',
      message: `"full address" names port ${fullPort} but "server port" says ${serverPort}; clients disagree on which wins (FreeRDP takes "server port").`,
    });
  }
  const alt = stringSetting(file, 'alternate full address');
  if (alt !== null && alt.trim() !== '' && alt.trim().toLowerCase() !== full.value.trim().toLowerCase()) {
    issues.push({
      severity: 'info',
      code: 'alternate-address',
      message: `"alternate full address" (${clip(alt.trim())}) differs from "full address" (${clip(full.value.trim())}); clients connect to the alternate one (FreeRDP does so to match Remote Desktop Connection).`,
    });
  }
  return issues;
}

function signatureIssues(file: RdpFile): RdpIssue[] {
  const scope = lastSetting(file, 'signscope');
  const signature = lastSetting(file, 'signature');
  if (scope && signature) {
    return [
      {
        severity: 'info',
        code: 'signed',
        message:
          'The file is signed (signscope/signature). Changing any setting breaks the signature, so an edited copy is saved without it and mstsc will warn about an unknown publisher.',
      },
    ];
  }
  if (scope || signature) {
    return [
      {
        severity: 'error',
        code: 'signature-incomplete',
        message: `The file has "${scope ? 'signscope' : 'signature'}" without "${scope ? 'signature' : 'signscope'}"; mstsc treats the signature as broken.`,
      },
    ];
  }
  return [];
}

function lineIssues(file: RdpFile): RdpIssue[] {
  const issues: RdpIssue[] = [];
  for (const line of file.lines) {
    if (line.kind !== 'other' || line.text.trim() === '') continue;
    // A broken line may still carry a password ("password=…"): never quote it then.
    const shown = isSecretKey(line.text) ? '' : `: "${clip(line.text)}"`;
    issues.push({ severity: 'warning', code: 'malformed-line', line: line.line, message: `Line ${line.line} is not a "name:type:value" setting and is ignored${shown}.` });
  }
  return issues;
}

/** Every problem in the file, errors first; unknown keys are listed as info and kept. */
export function validateRdpFile(file: RdpFile, options: ValidateOptions = {}): RdpIssue[] {
  const issues: RdpIssue[] = [];
  if (file.encoding !== 'utf-16le-bom') {
    issues.push({ severity: 'info', code: 'encoding', message: `The file is ${file.encoding}; mstsc saves UTF-16LE with a byte-order mark. Files this app writes use that.` });
  }
  if (file.lineEnding === 'mixed') issues.push({ severity: 'info', code: 'line-endings', message: 'The file mixes CRLF and LF line ends.' });
  issues.push(...lineIssues(file));
  const unknown: RdpSetting[] = [];
  for (const s of settingsOf(file)) {
    const problem = valueIssue(s);
    if (problem) issues.push(problem);
    const note = NON_STANDARD_KEYS[s.name];
    if (note) issues.push({ severity: 'info', code: 'non-standard-key', key: s.name, line: s.line, message: note });
    else if (!Object.prototype.hasOwnProperty.call(RDP_KEYS, s.name)) unknown.push(s);
  }
  if (unknown.length > 0) {
    const names = [...new Set(unknown.map((s) => s.key))];
    issues.push({ severity: 'info', code: 'unknown-keys', message: `Settings this app does not know (kept as they are): ${summarizeList(names.map(clip), 20)}.` });
  }
  issues.push(...passwordIssues(file), ...addressIssues(file, options), ...duplicateIssues(file), ...securityIssues(file), ...signatureIssues(file));
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return foldRepeats(issues).sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** The names of settings this app does not know, as written, in file order. */
export function unknownKeys(file: RdpFile): string[] {
  return [
    ...new Set(
      settingsOf(file)
        .filter((s) => !Object.prototype.hasOwnProperty.call(RDP_KEYS, s.name) && !NON_STANDARD_KEYS[s.name])
        .map((s) => s.key),
    ),
  ];
}
