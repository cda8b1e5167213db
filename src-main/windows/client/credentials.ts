/** Parses `cmdkey /list` (any language) into the saved Remote Desktop credentials (docs/windows.md#saved-credentials). */
import { int, parseJsonObject } from '../server/parse-util';

/** One saved TERMSRV credential. Labels are localized, so fields are read by position, not by label. */
export interface SavedCredential {
  /** The whole target as cmdkey prints it after `target=`, e.g. `TERMSRV/rdp-lab.example`. */
  readonly target: string;
  /** The prefix before `:target=`: `Domain` (mstsc "Remember me") or `LegacyGeneric` (cmdkey /generic). */
  readonly kind: string;
  /** The host after `TERMSRV/` (may contain `*` wildcards). */
  readonly host: string;
  /** The type line's value in the machine's language, e.g. "Domain Password" or "Domänenkennwort". */
  readonly type: string | null;
  /** The user line's value, e.g. `LAB\alice`. */
  readonly user: string | null;
}

/** What the collector printed, parsed. */
export interface CredentialList {
  readonly exitCode: number | null;
  /** Every stored credential target (any kind), for context. */
  readonly totalEntries: number;
  readonly termsrv: readonly SavedCredential[];
}

const TARGET_LINE = /(?:^|\s)([A-Za-z]+):target=(\S.*)$/i;

function valueAfterLabel(line: string): string | null {
  const at = line.indexOf(':');
  if (at < 0) return null;
  const value = line.slice(at + 1).trim();
  return value === '' ? null : value;
}

/** Parses cmdkey's lines: a block starts at a line holding `:target=`; the next two labelled lines are type and user. */
export function parseCmdkeyLines(lines: readonly string[]): { readonly totalEntries: number; readonly termsrv: SavedCredential[] } {
  const termsrv: SavedCredential[] = [];
  let total = 0;
  let current: { kind: string; target: string; labelled: string[] } | null = null;
  const close = (): void => {
    if (!current) return;
    const m = /^TERMSRV\/(.+)$/i.exec(current.target);
    if (m?.[1]) {
      termsrv.push({ target: current.target, kind: current.kind, host: m[1], type: current.labelled[0] ?? null, user: current.labelled[1] ?? null });
    }
    current = null;
  };
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const target = TARGET_LINE.exec(line);
    if (target?.[1] && target[2]) {
      close();
      total += 1;
      current = { kind: target[1], target: target[2].trim(), labelled: [] };
      continue;
    }
    if (!current) continue;
    if (line.trim() === '') {
      close();
      continue;
    }
    const value = valueAfterLabel(line);
    if (value !== null) current.labelled.push(value);
  }
  close();
  return { totalEntries: total, termsrv };
}

/** Parses the collector's JSON (`{exitCode, lines}`); a bare string for `lines` (one line) is accepted. */
export function parseCredentialsOutput(stdout: string): CredentialList {
  const o = parseJsonObject('client-credentials', stdout);
  const raw = o['lines'];
  const lines = Array.isArray(raw) ? raw.filter((l): l is string => typeof l === 'string') : typeof raw === 'string' ? [raw] : [];
  return { exitCode: int(o, 'exitCode'), ...parseCmdkeyLines(lines) };
}

function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
}

/** True when a TERMSRV host (possibly `*.example` or `host:port`) names one of `names`. */
export function credentialMatches(credentialHost: string, names: readonly string[]): boolean {
  const wanted = names.map(normalizeHost).filter((n) => n !== '');
  let host = normalizeHost(credentialHost);
  const withPort = /^([^:]+):\d{1,5}$/.exec(host);
  if (withPort?.[1]) host = withPort[1];
  if (host.includes('*')) {
    const re = new RegExp(
      `^${host
        .split('*')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return wanted.some((n) => re.test(n));
  }
  return wanted.includes(host);
}

/** The saved credentials that mstsc would use for any of `names` (the target's name and its addresses). */
export function credentialsForTarget(list: CredentialList, names: readonly string[]): SavedCredential[] {
  return list.termsrv.filter((c) => credentialMatches(c.host, names));
}
