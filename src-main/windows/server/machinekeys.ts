/** Parser for the MachineKeys folder's ACL and the self-signed RDP key files found in it. */
import { SERVER_COLLECTORS } from './scripts';
import { parseAcl, type AclInfo } from './acl';
import { badOutput, bool, parseJsonObject, str, textList } from './parse-util';

/** Parsed `server-machinekeys` output. */
export interface MachineKeysState {
  readonly path: string;
  readonly exists: boolean;
  readonly acl: AclInfo | null;
  /** File names starting f686aace6942fb7f7ceb231212eef4a4_ (the TSSecKeySet1 container, docs/windows.md#certificate-store-and-machinekeys). */
  readonly rdpKeyFiles: readonly string[];
}

/** Parses `server-machinekeys` output. */
export function parseMachineKeys(stdout: string): MachineKeysState {
  const name = SERVER_COLLECTORS.machineKeys;
  const root = parseJsonObject(name, stdout);
  const exists = bool(root, 'exists');
  if (exists === null) badOutput(name, 'no "exists" field');
  return {
    path: str(root, 'path') ?? '',
    exists,
    acl: exists ? parseAcl({ owner: root['owner'], aces: root['aces'] }) : null,
    rdpKeyFiles: textList(root['rdpKeyFiles']),
  };
}
