/**
 * What each fix sets out to change, read back from the checks that verify it. A fix is verified by its own
 * intended state (AllowEncryptionOracle is 2 after "Allow vulnerable CredSSP"), not by whether those checks happen
 * to pass: that check warns about the very setting the fix made. Evidence is read tolerantly: a field that is
 * missing or odd means "cannot tell", never a crash.
 */
import type { CheckId, FixId } from '../shared/ids';
import { byId, evidenceField, type ChecksById } from './evidence-read';
import type { CheckResult } from '../shared/schema';
import { securityLayerOf } from './set-security-layer.fix';
import type { FixContext } from './types';

/** The state a fix aims at, in words, and whether the re-run checks show it (null: they cannot tell). */
export interface IntendedState {
  readonly words: string;
  readonly reached: boolean | null;
}

type Checks = ChecksById;
const field = evidenceField;

/** True/false when the field is a number (equal to `want` or not), null when the check could not tell. */
function numberIs(checks: Checks, want: number, id: CheckId, ...path: string[]): boolean | null {
  const value = field(checks, id, ...path);
  return typeof value === 'number' ? value === want : null;
}

function boolIs(checks: Checks, want: boolean, id: CheckId, ...path: string[]): boolean | null {
  const value = field(checks, id, ...path);
  return typeof value === 'boolean' ? value === want : null;
}

/** A check's status as the state: pass is reached, fail is not, anything else cannot tell. */
function passes(checks: Checks, id: CheckId, alsoWarn = false): boolean | null {
  const status = checks.get(id)?.status;
  if (status === 'pass' || (alsoWarn && status === 'warn')) return true;
  if (status === 'fail' || status === 'warn') return false;
  return null;
}

type Reader = (checks: Checks, ctx: Pick<FixContext, 'option'>) => IntendedState;

const LAYER_WORDS = ['RDP security', 'Negotiate', 'TLS'] as const;

/** Every fix's intended state; `satisfies` makes a fix without one a compile error. */
const INTENDED = {
  'rdpfile.generate-clean': (c) => ({ words: 'the server answers the Remote Desktop handshake for the new connection file', reached: passes(c, 'rdp.negotiation', true) }),
  'rdpfile.use-ip': (c) => ({ words: 'the computer answers on its IP address', reached: passes(c, 'alt.ip-vs-name', true) }),
  'credentials.clear': (c) => {
    const matched = field(c, 'client.saved-credentials', 'matched');
    return { words: 'no saved credential for this computer is left', reached: Array.isArray(matched) ? matched.length === 0 : null };
  },
  'cache.clear': (c) => {
    const count = field(c, 'client.cache', 'fileCount');
    const exists = field(c, 'client.cache', 'exists');
    return { words: 'the Remote Desktop cache is empty', reached: exists === false ? true : typeof count === 'number' ? count === 0 : null };
  },
  'dns.flush': (c) => ({ words: 'the name resolves again', reached: passes(c, 'dns.resolve', true) }),
  'client.disable-udp': (c) => ({ words: 'UDP is turned off for Remote Desktop Connection (fClientDisableUDP=1)', reached: boolIs(c, true, 'client.policy', 'isUdpDisabled') }),
  'client.credssp-oracle': (c) => ({ words: 'CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2)', reached: numberIs(c, 2, 'client.policy', 'allowEncryptionOracle') }),
  'server.restart-termservice': (c) => ({ words: 'Remote Desktop Services run and listen again', reached: passes(c, 'server.listener', true) ?? passes(c, 'net.tcp') }),
  'server.renew-certificate': (c) => ({ words: 'the host has a valid RDP certificate', reached: passes(c, 'server.certificate', true) ?? passes(c, 'tls.certificate', true) }),
  'server.repair-key-permissions': (c) => {
    const status = c.get('server.machinekeys')?.status;
    return {
      words: 'NETWORK SERVICE can read the RDP certificate’s private key',
      reached: status === undefined || status === 'skip' || status === 'error' ? null : status !== 'fail',
    };
  },
  'server.reset-machinekeys-acl': (c) => {
    const deviations = field(c, 'server.machinekeys', 'folder', 'deviations');
    return { words: 'the MachineKeys folder has its Windows default permissions', reached: Array.isArray(deviations) ? deviations.length === 0 : null };
  },
  'server.disable-nla': (c) => ({
    words: 'the host no longer requires NLA (UserAuthentication=0)',
    reached: numberIs(c, 0, 'server.security-layer', 'userAuthentication', 'value'),
  }),
  'server.enable-nla': (c) => ({ words: 'the host requires NLA (UserAuthentication=1)', reached: numberIs(c, 1, 'server.security-layer', 'userAuthentication', 'value') }),
  'server.set-security-layer': (c, ctx) => {
    const layer = securityLayerOf(ctx);
    return { words: `the host's security layer is ${LAYER_WORDS[layer]} (SecurityLayer=${layer})`, reached: numberIs(c, layer, 'server.security-layer', 'securityLayer', 'value') };
  },
  'server.enable-firewall-rule': (c) => ({ words: 'the host firewall lets Remote Desktop in', reached: passes(c, 'server.firewall', true) }),
  'server.enable-rdp': (c) => ({ words: 'Remote Desktop is turned on (fDenyTSConnections=0)', reached: boolIs(c, true, 'server.rdp-enabled', 'isEnabled') }),
  'server.enable-tls12': (c) => ({ words: 'TLS 1.2 is on for the host (Enabled=1, DisabledByDefault=0)', reached: boolIs(c, true, 'server.tls-protocols', 'tls12On') }),
} as const satisfies Record<FixId, Reader>;

/** The intended state of `fixId` as the re-run `checks` show it. */
export function intendedState(fixId: FixId, checks: readonly CheckResult[], ctx: Pick<FixContext, 'option'> = { option: undefined }): IntendedState {
  const reader: Reader = INTENDED[fixId];
  return reader(byId(checks), ctx);
}
