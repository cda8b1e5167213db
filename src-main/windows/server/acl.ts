/** File ACLs by SID: parsing, rights bits, what NETWORK SERVICE may do, and MachineKeys against its documented default. */
import { asList, bool, int, obj, str, type JsonObject } from './parse-util';

/** One access control entry. `rights` is the unsigned FileSystemRights mask. */
export interface Ace {
  readonly sid: string;
  readonly name: string | null;
  readonly rights: number;
  readonly type: 'Allow' | 'Deny';
  readonly inherited: boolean;
  /** InheritanceFlags as text: "None" means this object only. */
  readonly inheritance: string;
}

/** An object's owner and entries. */
export interface AclInfo {
  readonly owner: string | null;
  readonly aces: readonly Ace[];
}

/** Well-known SIDs (language-independent, unlike account names). */
export const SID = {
  system: 'S-1-5-18',
  networkService: 'S-1-5-20',
  administrators: 'S-1-5-32-544',
  users: 'S-1-5-32-545',
  everyone: 'S-1-1-0',
  authenticatedUsers: 'S-1-5-11',
  service: 'S-1-5-6',
} as const;

// NETWORK SERVICE (the account TermService runs as, docs/windows.md#services-and-listener) is also a member of these groups.
const NETWORK_SERVICE_GROUPS: readonly string[] = [SID.networkService, SID.everyone, SID.authenticatedUsers, SID.service, SID.users];

const GENERIC_ALL = 0x10000000;
const GENERIC_WRITE = 0x40000000;
const GENERIC_READ = 0x80000000;
const FULL_CONTROL = 0x1f01ff;

/** True when the mask lets the holder read file contents. */
export function allowsRead(rights: number): boolean {
  return (rights & 0x1) !== 0 || (rights & GENERIC_READ) !== 0 || (rights & GENERIC_ALL) !== 0;
}

/** True when the mask lets the holder create files in a folder. */
export function allowsCreate(rights: number): boolean {
  return (rights & 0x2) !== 0 || (rights & GENERIC_WRITE) !== 0 || (rights & GENERIC_ALL) !== 0;
}

/** True for Full control. */
export function isFullControl(rights: number): boolean {
  return (rights & FULL_CONTROL) === FULL_CONTROL || (rights & GENERIC_ALL) !== 0;
}

/** Parses the `{owner, aces}` object the ACL helper of the scripts prints; null when absent. */
export function parseAcl(value: unknown): AclInfo | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const o = value as JsonObject;
  const aces = asList(o['aces']).flatMap((a): Ace[] => {
    const sid = str(a, 'sid');
    const rights = int(a, 'rights');
    if (!sid || rights === null) return [];
    const type = (str(a, 'type') ?? '').toLowerCase() === 'deny' || int(a, 'type') === 1 ? 'Deny' : 'Allow';
    return [{ sid, name: str(a, 'name'), rights: rights >>> 0, type, inherited: bool(a, 'inherited') ?? false, inheritance: str(a, 'inheritance') ?? 'None' }];
  });
  return { owner: str(o, 'owner'), aces };
}

/** Reads an ACL field of a parsed object. */
export function aclField(o: JsonObject, key: string): AclInfo | null {
  return parseAcl(obj(o, key));
}

/** Whether NETWORK SERVICE can read the file: some allow through its groups, and no deny of reading. */
export function networkServiceCanRead(acl: AclInfo): boolean {
  const relevant = acl.aces.filter((a) => NETWORK_SERVICE_GROUPS.includes(a.sid));
  if (relevant.some((a) => a.type === 'Deny' && allowsRead(a.rights))) return false;
  return relevant.some((a) => a.type === 'Allow' && allowsRead(a.rights));
}

/** An ACE in a short readable form for evidence: "S-1-5-20 (NT AUTHORITY\NETWORK SERVICE) Allow 0x00120089". */
export function describeAce(a: Ace): string {
  const hex = `0x${a.rights.toString(16).toUpperCase().padStart(8, '0')}`;
  return `${a.sid}${a.name ? ` (${a.name})` : ''} ${a.type} ${hex}${a.inherited ? ' inherited' : ''}`;
}

/**
 * Differences from Microsoft's documented MachineKeys permissions. Two shapes count as documented: the
 * default of KB 278381 (Administrators Full control; Everyone list/read, create files and folders,
 * attributes, read permissions; this folder only) and the reset of the RDP internal-error article
 * (SYSTEM and Administrators Full control, NETWORK SERVICE Read: docs/windows.md#certificate-store-and-machinekeys). Deny entries always count.
 */
export function machineKeysDeviations(acl: AclInfo): string[] {
  const allows = (sid: string, test: (r: number) => boolean) => acl.aces.some((a) => a.sid === sid && a.type === 'Allow' && test(a.rights));
  const denies = acl.aces
    .filter((a) => a.type === 'Deny' && ([SID.everyone, SID.networkService, SID.system, SID.administrators] as string[]).includes(a.sid))
    .map((a) => `A deny entry for ${a.name ?? a.sid}`);
  const isReset = allows(SID.system, isFullControl) && allows(SID.administrators, isFullControl) && allows(SID.networkService, allowsRead);
  if (isReset) return denies;
  const out: string[] = [];
  if (!allows(SID.administrators, isFullControl)) out.push('Administrators do not have Full control');
  if (!allows(SID.everyone, allowsRead)) out.push('Everyone cannot list the folder');
  if (!allows(SID.everyone, allowsCreate)) out.push('Everyone cannot create key files');
  return [...out, ...denies];
}
