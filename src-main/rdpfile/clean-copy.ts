/**
 * The clean copy of an existing .rdp file: what the client needs to reach the host (address, port, gateway, broker,
 * Kerberos proxy, the Azure Virtual Desktop keys, the RemoteApp keys of a RemoteApp file) stays; everything else
 * is left out so it takes its default, and the security settings are reset (or set to the fallback flags).
 */
import { BadInputError } from '../shared/errors';
import { SIGNED_COPY_NOTE } from '../shared/rdp-file-words';

export { SIGNED_COPY_NOTE } from '../shared/rdp-file-words';
import { holdsPassword, isSecretKey, keySpec, type KeyRole } from './keys';
import type { RdpCleanCopy, RdpCleanRequest } from '../shared/dto';
import { parseRdpBytes, settingsOf, stringSetting } from './parse';
import { routeOf } from './route';
import { serializeRdp } from './serialize';
import type { RdpFile, RdpSetting, RdpValueType } from './types';
import { FALLBACK_SECURITY_COST, FALLBACK_SETTINGS, type CleanRdp } from './generate';

/** A clean copy plus what it kept and left out, for the words beside it. */
export interface CleanCopy extends CleanRdp {
  /** The setting names kept, as written in the original. */
  readonly kept: readonly string[];
  /** How many settings were left out (display, redirection, security and unknown ones). */
  readonly droppedCount: number;
  /** What was kept and left out, in words: "Kept what reaches the host: its address and port, the RD Gateway … (12 settings); …". */
  readonly summary: string;
  readonly signatureStripped: boolean;
}

// What reaches the host: where, through which gateway or broker, into which service.
const REACHING_ROLES: ReadonlySet<KeyRole> = new Set(['address', 'gateway', 'broker', 'service']);
// Who signs in, and how the services that need it (Entra ID on AVD / Windows 365) authenticate.
const KEPT_NAMES: ReadonlySet<string> = new Set(['username', 'domain', 'enablerdsaadauth', 'targetisaadjoined']);
// In a RemoteApp file the program starts through these; in a desktop file they would replace Explorer.
const REMOTEAPP_EXTRAS: ReadonlySet<string> = new Set(['alternate shell', 'shell working directory']);

function keeps(s: RdpSetting, isRemoteApp: boolean, isService: boolean): boolean {
  if (isSecretKey(s.name) || holdsPassword(s.value)) return false;
  const spec = keySpec(s.name);
  if (!spec || (spec.type !== s.type && spec.altType !== s.type)) return false;
  if (REACHING_ROLES.has(spec.role) || KEPT_NAMES.has(s.name)) return true;
  // AVD / Windows 365 name the published desktop or app with the RemoteApp keys even for a full desktop.
  if (spec.role === 'remoteapp') return isRemoteApp || isService;
  return isRemoteApp && REMOTEAPP_EXTRAS.has(s.name);
}

// Plain words for the roles a clean copy keeps, in the order they are said.
const ROLE_WORDS: ReadonlyArray<readonly [KeyRole, string]> = [
  ['address', 'its address and port'],
  ['gateway', 'the RD Gateway'],
  ['broker', 'the connection broker'],
  ['service', 'the Azure Virtual Desktop service keys'],
  ['remoteapp', 'the RemoteApp program'],
  ['credentials', 'the user name'],
  ['security', 'the Microsoft Entra sign-in setting'],
];

function describeKept(kept: readonly RdpSetting[], dropped: number): string {
  // Only settings that do something name their role: "use redirection server name:i:0" is no broker.
  const roles = new Set(kept.filter((s) => !['', '0'].includes(s.value.trim())).map((s) => keySpec(s.name)?.role));
  const words = ROLE_WORDS.filter(([role]) => roles.has(role)).map(([, w]) => w);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? 'its address');
  return `Kept what reaches the host: ${list} (${kept.length} setting${kept.length === 1 ? '' : 's'}); left out ${dropped} other${dropped === 1 ? '' : 's'}, which take their defaults.`;
}

function line(key: string, type: RdpValueType, value: string | number): RdpSetting {
  return { kind: 'setting', key, name: key.toLowerCase(), type, value: String(value), line: 0 };
}

/** Builds the clean copy of `file`; throws BadInputError when the file names no computer to reach. */
export function cleanCopyOfFile(file: RdpFile, options: { readonly fallback: boolean; readonly name?: string }): CleanCopy {
  const route = routeOf(file, options.name);
  if (!route.host) {
    throw new BadInputError(
      `${options.name ?? 'The file'} names no computer ("full address" is empty or missing), so there is nothing to reach; give the computer instead: rdp-file clean <computer> -o FILE.`,
    );
  }
  const isRemoteApp = route.isRemoteApp;
  const all = settingsOf(file);
  // The last occurrence of each name is the one clients use.
  const last = new Map<string, RdpSetting>();
  for (const s of all) last.set(s.name, s);
  const kept = [...last.values()].filter((s) => keeps(s, isRemoteApp, route.service !== null));
  const lines: RdpSetting[] = kept.map((s) => ({ ...s, line: 0 }));
  const named = new Set(kept.map((s) => s.name));
  // Without a gateway in the file, say so: a gateway from mstsc's defaults would otherwise still apply.
  if ((stringSetting(file, 'gatewayhostname')?.trim() ?? '') === '' && !named.has('gatewayusagemethod')) lines.push(line('gatewayusagemethod', 'i', 0));
  if (options.fallback) for (const [k, t, v] of FALLBACK_SETTINGS) lines.push(line(k, t, v));
  lines.push(line('autoreconnection enabled', 'i', 1));
  const signatureStripped = all.some((s) => s.name === 'signscope' || s.name === 'signature');
  const out: RdpFile = { encoding: 'utf-16le-bom', lineEnding: 'crlf', lines: lines.map((l, i) => ({ ...l, line: i + 1 })) };
  const bytes = serializeRdp(out);
  const notes: string[] = [];
  if (signatureStripped) notes.push(SIGNED_COPY_NOTE);
  if (options.fallback) notes.push('With NLA off, you sign in on the remote logon screen; this only works when the host does not require NLA.');
  return {
    file: out,
    bytes,
    text: bytes.subarray(2).toString('utf16le'),
    securityCost: options.fallback ? FALLBACK_SECURITY_COST : null,
    notes,
    kept: kept.map((s) => s.key),
    droppedCount: all.length - kept.length,
    summary: describeKept(kept, all.length - kept.length),
    signatureStripped,
  };
}

/** "office.rdp" → "office-clean.rdp": the original's name without anything a file name cannot hold. */
export function cleanCopyName(original: string): string {
  const base =
    original
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.rdp$/i, '') ?? '';
  const safe = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .slice(0, 80);
  return `${safe || 'connection'}-clean.rdp`;
}

/** The clean copy of a .rdp file handed over by content, as every door asks for it; BadInputError for bad input. */
export function cleanCopyOfInput(request: RdpCleanRequest): RdpCleanCopy {
  const parsed = parseRdpBytes(Buffer.from(request.file.contentBase64, 'base64'));
  if (!parsed.ok) throw new BadInputError(`${request.file.name} is not a usable .rdp file: ${parsed.error}`);
  const copy = cleanCopyOfFile(parsed.file, { fallback: request.fallback === true, name: request.file.name });
  return {
    fileName: cleanCopyName(request.file.name),
    mime: 'application/x-rdp',
    contentBase64: copy.bytes.toString('base64'),
    kept: [...copy.kept],
    droppedCount: copy.droppedCount,
    summary: copy.summary,
    signatureStripped: copy.signatureStripped,
    securityCost: copy.securityCost,
    notes: [...copy.notes],
  };
}
