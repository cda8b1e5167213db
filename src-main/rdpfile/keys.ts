/** What a .rdp setting accepts and where it is documented or seen; the table itself is in key-table.ts. */
import type { RdpValueType } from './types';
import { RDP_KEY_TABLE } from './key-table';

/** Where a key comes from, so "unknown" means unknown to every one of these. */
export const KEY_SOURCES = {
  microsoft:
    'Microsoft Learn, "Supported RDP properties" (learn.microsoft.com/azure/virtual-desktop/rdp-properties, formerly windows-server/remote/remote-desktop-services/clients/rdp-files)',
  freerdp: 'FreeRDP client/common/file.c, the keys its .rdp parser reads',
  mstsc: 'written by Remote Desktop Connection (mstsc) into every file it saves, as in the mstsc-saved file of FreeRDP client/common/test/TestClientRdpFile.c',
  avd: 'Azure Virtual Desktop and Windows 365 downloads (FreeRDP client/common/test/rdp-testcases/test1.rdp and rdp-avd/*.rdp)',
  rdweb: 'the settings an RD Web Access signature covers (rdpsign /sha256; the list in nfedera/rdpsign rdpsign.py)',
  legacy: 'older clients and generators: Remote Desktop Connection 5.x/6.x files and the AWS EC2 console download',
} as const;

/** A source of the key table. */
export type KeySource = keyof typeof KEY_SOURCES;

/** What a setting is for: decides what a clean copy keeps and how loud a bad value is. */
export type KeyRole = 'address' | 'credentials' | 'security' | 'gateway' | 'broker' | 'service' | 'remoteapp' | 'session' | 'display' | 'redirection' | 'signature';

/** What a known setting accepts. */
export interface RdpKeySpec {
  readonly type: RdpValueType;
  /** Another type the same name has in some client (Windows CE wrote `Password:b:`, FreeRDP reads `password:s:`). */
  readonly altType?: RdpValueType;
  /** Allowed integer range, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed integer values when not a simple range. */
  readonly values?: readonly number[];
  /** Shape of a string value (list settings), with the shape in words for messages. */
  readonly shape?: { readonly pattern: RegExp; readonly words: string };
  readonly role: KeyRole;
  readonly sources: readonly KeySource[];
}

/** Every setting name we know, lower-case; anything else is reported as unknown and kept. */
export const RDP_KEYS: Readonly<Record<string, RdpKeySpec>> = RDP_KEY_TABLE;

/** The spec of a setting name (any case), or undefined when no source knows it. */
export function keySpec(name: string): RdpKeySpec | undefined {
  const key = name.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(RDP_KEYS, key) ? RDP_KEYS[key] : undefined;
}

/** True for a setting that holds a password in any form; its value is never shown, exported or copied. */
export function isSecretKey(name: string): boolean {
  return /password/i.test(name);
}

/** True for text that carries a password inside it ("…password:s:…", "password = …"), as a value that swallowed a line does. */
export function holdsPassword(text: string): boolean {
  return /password\s*(\d+\s*)?[:=]/i.test(text);
}

/** The settings an RD Web Access signature can cover, lower-case (signscope names them in mixed case). */
export const SIGNABLE_KEYS: ReadonlySet<string> = new Set(
  Object.entries(RDP_KEYS)
    .filter(([, spec]) => spec.sources.includes('rdweb') && spec.role !== 'signature')
    .map(([name]) => name),
);

/** Keys that only exist outside plain mstsc, with the note we show. */
export const NON_STANDARD_KEYS: Readonly<Record<string, string>> = {
  disableudptransport:
    'disableudptransport is not a setting mstsc reads (only the MsRdpEx add-on knows it). To make Remote Desktop use TCP only, set the client policy instead (fix "client.disable-udp").',
};
