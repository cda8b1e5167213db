/** Parses the client's .rdp files, MRU list and per-server entries (docs/windows.md#mstsc-files-mru-and-cache), validating each file. */
import type { ClientSettings } from '../../shared/target';
import { checkRdpFileBytes } from '../../rdpfile';
import { asList, bool, int, isoDate, normalizeHex, parseJsonObject, str, type JsonObject } from '../server/parse-util';

/** One .rdp file found in Documents or on the Desktop, validated; its content is not kept. */
export interface FoundRdpFile {
  readonly path: string;
  readonly name: string;
  readonly hidden: boolean;
  readonly size: number | null;
  readonly lastWriteUtc: string | null;
  /** Documents\Default.rdp, the hidden file mstsc loads by default. */
  readonly isDefault: boolean;
  /** `full address` of the file. */
  readonly address: string | null;
  /** False when the file was too large to read. */
  readonly wasRead: boolean;
  readonly issues: readonly { readonly severity: 'error' | 'warning' | 'info'; readonly code: string; readonly message: string }[];
  readonly settings: ClientSettings | null;
}

/** Everything the collector found. */
export interface RdpFilesState {
  readonly files: readonly FoundRdpFile[];
  /** MRU0..MRU9 of HKCU\…\Terminal Server Client\Default, newest first. */
  readonly mru: readonly string[];
  /** HKCU\…\Terminal Server Client\Servers\<host>. */
  readonly servers: readonly { readonly host: string; readonly usernameHint: string | null; readonly certHash: string | null }[];
}

function parseFile(o: JsonObject): FoundRdpFile | null {
  const path = str(o, 'path');
  const name = str(o, 'name') ?? (path ? (path.split(/[\\/]/).pop() ?? '') : '');
  if (!path) return null;
  const content = str(o, 'contentBase64');
  const base = {
    path,
    name,
    hidden: bool(o, 'hidden') ?? false,
    size: int(o, 'size'),
    lastWriteUtc: isoDate(o, 'lastWriteUtc'),
    isDefault: name.toLowerCase() === 'default.rdp',
  };
  if (content === null) return { ...base, address: null, wasRead: false, issues: [], settings: null };
  const checked = checkRdpFileBytes(Buffer.from(content, 'base64'), name);
  return {
    ...base,
    address: checked.settings?.address ?? null,
    wasRead: true,
    issues: checked.issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message })),
    settings: checked.settings,
  };
}

/** Parses the collector's JSON (`{files, mru, servers}`); single items may arrive as bare objects. */
export function parseRdpFilesOutput(stdout: string): RdpFilesState {
  const o = parseJsonObject('client-rdp-files', stdout);
  const mru = asList(o['mru'])
    .map((m) => ({ name: str(m, 'name') ?? '', value: str(m, 'value') }))
    .filter((m): m is { name: string; value: string } => m.value !== null && m.value.trim() !== '')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => m.value.trim());
  return {
    files: asList(o['files'])
      .map(parseFile)
      .filter((f): f is FoundRdpFile => f !== null),
    mru,
    servers: asList(o['servers'])
      .map((s) => ({ host: str(s, 'host') ?? '', usernameHint: str(s, 'usernameHint'), certHash: normalizeHex(str(s, 'certHash')) }))
      .filter((s) => s.host !== ''),
  };
}

/** The host part of a `full address` value (`host`, `host:port`, `[v6]:port`), lower-cased. */
export function addressHost(address: string): string {
  const a = address.trim().toLowerCase();
  const bracket = /^\[([^\]]+)\]/.exec(a);
  if (bracket?.[1]) return bracket[1];
  const parts = a.split(':');
  return (parts.length === 2 ? parts[0] : a) ?? a;
}

/** The files whose `full address` names one of `names`, plus Default.rdp (mstsc's default for any target). */
export function filesForTarget(state: RdpFilesState, names: readonly string[]): FoundRdpFile[] {
  const wanted = new Set(names.map((n) => n.toLowerCase().replace(/\.$/, '')));
  return state.files.filter((f) => f.isDefault || (f.address !== null && wanted.has(addressHost(f.address).replace(/\.$/, ''))));
}
