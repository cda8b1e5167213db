/** Finds bad values, duplicates, conflicting settings and signatures in a parsed .rdp file. */
import { parseTarget } from '../net/target';
import { NON_STANDARD_KEYS, RDP_KEYS } from './keys';
import { intSetting, lastSetting, settingsOf, stringSetting } from './parse';
import type { RdpFile, RdpIssue, RdpSetting } from './types';

function valueIssue(s: RdpSetting): RdpIssue | null {
  const at = { line: s.line, key: s.name };
  if (s.type === 'i' && !/^\s*-?\d{1,10}\s*$/.test(s.value)) {
    return { severity: 'error', code: 'bad-integer', message: `Line ${s.line}: "${s.key}" must be a whole number, found "${clip(s.value)}".`, ...at };
  }
  if (s.type === 'b' && !/^([0-9a-fA-F]{2})*$/.test(s.value)) {
    return { severity: 'error', code: 'bad-binary', message: `Line ${s.line}: "${s.key}" must be hexadecimal bytes.`, ...at };
  }
  const spec = RDP_KEYS[s.name];
  if (!spec) return null;
  if (spec.type !== s.type) {
    const want = { s: 'text (s)', i: 'a number (i)', b: 'binary (b)' }[spec.type];
    return { severity: 'error', code: 'wrong-type', message: `Line ${s.line}: "${s.key}" should be ${want}, but the file says "${s.type}"; the setting is ignored.`, ...at };
  }
  if (s.type === 'i') {
    const n = Number(s.value.trim());
    const outOfRange =
      (spec.values && !spec.values.includes(n)) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max);
    if (outOfRange) {
      const allowed = spec.values ? spec.values.join(', ') : `${spec.min ?? '…'} to ${spec.max ?? '…'}`;
      return { severity: 'error', code: 'out-of-range', message: `Line ${s.line}: "${s.key}" is ${n}; allowed values are ${allowed}.`, ...at };
    }
  }
  return null;
}

function clip(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function duplicateIssues(file: RdpFile): RdpIssue[] {
  const seen = new Map<string, RdpSetting[]>();
  for (const s of settingsOf(file)) seen.set(s.name, [...(seen.get(s.name) ?? []), s]);
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
      message: `"${list[0]?.key ?? name}" appears ${list.length} times (lines ${list.map((s) => s.line).join(', ')})${distinct ? ' with different values' : ''}; only the last one (line ${last?.line}) is used.`,
    });
  }
  return issues;
}

function conflictIssues(file: RdpFile): RdpIssue[] {
  const issues: RdpIssue[] = [];
  const credssp = intSetting(file, 'enablecredsspsupport');
  const authLevel = intSetting(file, 'authentication level');
  const negotiate = intSetting(file, 'negotiate security layer');
  if (credssp === 0 && authLevel === 1) {
    issues.push({
      severity: 'warning',
      code: 'conflict-credssp-auth-level',
      message:
        'enablecredsspsupport:i:0 turns off NLA, so the server can only prove who it is with its certificate, yet "authentication level:i:1" refuses the connection when that proof fails; with the usual self-signed RDP certificate the client will not connect.',
    });
  }
  if (credssp === 0 && negotiate === 0) {
    issues.push({
      severity: 'warning',
      code: 'conflict-credssp-negotiate',
      message:
        '"negotiate security layer:i:0" tells the client to skip negotiation and use NLA, but enablecredsspsupport:i:0 turns NLA off; the client falls back to old RDP security, which most servers refuse.',
    });
  }
  if (authLevel === 0) {
    issues.push({
      severity: 'warning',
      code: 'auth-level-0',
      message: '"authentication level:i:0" connects even when the server cannot be verified, which lets an attacker in the middle read the session.',
    });
  }
  const usage = intSetting(file, 'gatewayusagemethod');
  const gateway = stringSetting(file, 'gatewayhostname')?.trim() ?? '';
  if ((usage === 1 || usage === 2) && gateway === '') {
    issues.push({ severity: 'error', code: 'gateway-missing', message: `gatewayusagemethod:i:${usage} asks for an RD Gateway but "gatewayhostname" is empty.` });
  }
  if ((usage === 0 || usage === 4) && gateway !== '') {
    issues.push({ severity: 'info', code: 'gateway-unused', message: `A gateway (${clip(gateway)}) is named, but gatewayusagemethod:i:${usage} says not to use it.` });
  }
  return issues;
}

function addressIssues(file: RdpFile): RdpIssue[] {
  const full = lastSetting(file, 'full address');
  if (!full || full.value.trim() === '') {
    return [{ severity: 'error', code: 'address-missing', key: 'full address', message: 'The file has no "full address", the one setting every .rdp file needs.' }];
  }
  const issues: RdpIssue[] = [];
  let fullPort: number | null = null;
  try {
    const parsed = parseTarget(full.value);
    if (/^\[[^\]]*\]:\d+$|^[^:]+:\d+$/.test(full.value.trim())) fullPort = parsed.port;
  } catch (error) {
    issues.push({ severity: 'error', code: 'address-invalid', key: 'full address', line: full.line, message: `Line ${full.line}: ${error instanceof Error ? error.message : 'bad address'}` });
  }
  const serverPort = intSetting(file, 'server port');
  if (fullPort !== null && serverPort !== null && fullPort !== serverPort) {
    issues.push({
      severity: 'warning',
      code: 'conflict-port',
      message: `"full address" names port ${fullPort} but "server port" says ${serverPort}; clients disagree on which wins.`,
    });
  }
  const alt = stringSetting(file, 'alternate full address');
  if (alt !== null && alt.trim() !== '' && alt.trim().toLowerCase() !== full.value.trim().toLowerCase()) {
    issues.push({
      severity: 'info',
      code: 'alternate-address',
      message: `"alternate full address" (${clip(alt)}) differs from "full address" (${clip(full.value)}); mstsc may connect to the alternate one.`,
    });
  }
  return issues;
}

function signatureIssues(file: RdpFile): RdpIssue[] {
  const scope = lastSetting(file, 'signscope');
  const signature = lastSetting(file, 'signature');
  if (scope && signature) {
    return [{ severity: 'info', code: 'signed', message: 'The file is signed (signscope/signature). Changing any setting breaks the signature, so an edited copy is saved without it and mstsc will warn about an unknown publisher.' }];
  }
  if (scope || signature) {
    return [{ severity: 'error', code: 'signature-incomplete', message: `The file has "${scope ? 'signscope' : 'signature'}" without "${scope ? 'signature' : 'signscope'}"; mstsc treats the signature as broken.` }];
  }
  return [];
}

/** Every problem in the file, errors first; unknown keys are listed as info and kept. */
export function validateRdpFile(file: RdpFile): RdpIssue[] {
  const issues: RdpIssue[] = [];
  if (file.encoding !== 'utf-16le-bom') {
    issues.push({ severity: 'info', code: 'encoding', message: `The file is ${file.encoding}; mstsc saves UTF-16LE with a byte-order mark. Files this app writes use that.` });
  }
  if (file.lineEnding === 'mixed') issues.push({ severity: 'info', code: 'line-endings', message: 'The file mixes CRLF and LF line ends.' });
  for (const line of file.lines) {
    if (line.kind === 'other' && line.text.trim() !== '') {
      issues.push({ severity: 'warning', code: 'malformed-line', line: line.line, message: `Line ${line.line} is not a "name:type:value" setting and is ignored: "${clip(line.text)}".` });
    }
  }
  const unknown: RdpSetting[] = [];
  for (const s of settingsOf(file)) {
    const problem = valueIssue(s);
    if (problem) issues.push(problem);
    const note = NON_STANDARD_KEYS[s.name];
    if (note) issues.push({ severity: 'info', code: 'non-standard-key', key: s.name, line: s.line, message: note });
    else if (!RDP_KEYS[s.name]) unknown.push(s);
  }
  if (unknown.length > 0) {
    const names = [...new Set(unknown.map((s) => s.key))];
    issues.push({ severity: 'info', code: 'unknown-keys', message: `Settings this app does not know (kept as they are): ${names.map(clip).join(', ')}.` });
  }
  if (lastSetting(file, 'password 51')) {
    issues.push({ severity: 'info', code: 'saved-password', key: 'password 51', message: 'The file holds an encrypted password that only the Windows user who saved it can use.' });
  }
  issues.push(...addressIssues(file), ...duplicateIssues(file), ...conflictIssues(file), ...signatureIssues(file));
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return issues.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** The names of settings this app does not know, as written, in file order. */
export function unknownKeys(file: RdpFile): string[] {
  return [...new Set(settingsOf(file).filter((s) => !RDP_KEYS[s.name] && !NON_STANDARD_KEYS[s.name]).map((s) => s.key))];
}
