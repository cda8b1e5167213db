/**
 * The preview's "what changes" in plain words: each setting a fix touches, its value now (read from the diagnosis
 * the fix answers) and its value after. Without a diagnosis the current value is "not read yet"; the backup records
 * it before anything changes either way.
 */
import { CHECK_META } from '../shared/catalog';
import type { FixPlan } from '../shared/dto';
import type { FixId } from '../shared/ids';
import type { Report } from '../shared/schema';
import type { ParsedTarget } from '../shared/target';
import { byId, evidenceField, type ChecksById } from './evidence-read';
import { securityLayerOf } from './set-security-layer.fix';

/** One row of the preview. */
export type Change = FixPlan['changes'][number];

interface ChangeContext {
  readonly checks: ChecksById | null;
  readonly target: ParsedTarget;
  readonly option: string | undefined;
}

const NOT_READ = 'not read yet (the backup records it first)';
const LAYERS = ['RDP security (0)', 'Negotiate (1)', 'TLS (2)'] as const;

/** A value of the diagnosis's evidence, or undefined without a diagnosis. */
function read(ctx: ChangeContext, id: Parameters<typeof evidenceField>[1], ...path: string[]): unknown {
  return ctx.checks ? evidenceField(ctx.checks, id, ...path) : undefined;
}

/** The current value in words: `words(value)` when the evidence has it, otherwise NOT_READ. */
function now<T>(value: unknown, test: (v: unknown) => v is T, words: (v: T) => string): string {
  return test(value) ? words(value) : NOT_READ;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function statusWords(ctx: ChangeContext, id: Parameters<typeof evidenceField>[1]): string {
  const check = ctx.checks?.get(id);
  return check && check.status !== 'skip' ? `${CHECK_META[id].title}: ${check.summary.replace(/\.$/, '')}` : NOT_READ;
}

type Describe = (ctx: ChangeContext) => Change[];

const ORACLE = ['Force Updated Clients (0)', 'Mitigated (1)', 'Vulnerable (2)'];

/** Every fix's preview rows; `satisfies` makes a fix without one a compile error. */
const CHANGES = {
  'rdpfile.generate-clean': (ctx) => [
    { what: 'Connection file', from: 'the one you use now', to: `a new ${ctx.target.host} file with fallback settings: NLA off, connects even when the server cannot be verified` },
  ],
  'rdpfile.use-ip': (ctx) => {
    const addresses = read(ctx, 'dns.resolve', 'addresses');
    const first = isList(addresses) ? addresses.find((a): a is string => typeof a === 'string') : undefined;
    return [{ what: 'Computer the connection file names', from: ctx.target.host, to: first ? `its IP address ${first}` : 'its IP address' }];
  },
  'credentials.clear': (ctx) => {
    const matched = read(ctx, 'client.saved-credentials', 'matched');
    const users = isList(matched) ? matched.map((m) => (typeof m === 'object' && m !== null ? (m as { user?: unknown }).user : undefined)).filter(isText) : null;
    const from = users === null ? NOT_READ : users.length > 0 ? `saved, for user ${[...new Set(users)].join(', ')}` : 'none saved';
    return [{ what: `Saved credential TERMSRV/${ctx.target.host}`, from, to: 'removed: Remote Desktop asks for the password at the next connection' }];
  },
  'cache.clear': (ctx) => {
    const count = read(ctx, 'client.cache', 'fileCount');
    const bytes = read(ctx, 'client.cache', 'totalBytes');
    const from = isNumber(count) ? `${count} file${count === 1 ? '' : 's'}${isNumber(bytes) ? `, ${Math.round(bytes / 1048576)} MB` : ''}` : NOT_READ;
    return [{ what: 'Remote Desktop bitmap cache', from, to: 'empty (Remote Desktop fills it again as you work)' }];
  },
  'dns.flush': () => [{ what: 'This computer’s DNS cache', from: 'the answers it remembers', to: 'empty: names are looked up again' }],
  'client.disable-udp': (ctx) => [
    {
      what: 'UDP for Remote Desktop Connection (fClientDisableUDP)',
      from: now(read(ctx, 'client.policy', 'isUdpDisabled'), isBool, (off) => (off ? 'off already' : 'on (not set)')),
      to: 'off: TCP only (1)',
    },
  ],
  'client.credssp-oracle': (ctx) => [
    {
      what: 'CredSSP encryption oracle policy (AllowEncryptionOracle)',
      from: ctx.checks
        ? now(
            read(ctx, 'client.policy', 'allowEncryptionOracle'),
            (v): v is number | null => v === null || isNumber(v),
            (v) => (v === null ? 'not set (Mitigated by default)' : (ORACLE[v] ?? `unknown (${v})`)),
          )
        : NOT_READ,
      to: 'Vulnerable (2)',
    },
  ],
  'server.restart-termservice': (ctx) => [{ what: 'Remote Desktop Services (TermService)', from: statusWords(ctx, 'server.listener'), to: 'restarted' }],
  'server.renew-certificate': (ctx) => [
    {
      what: 'The host’s RDP certificate',
      from: ctx.checks?.get('server.certificate')?.status === 'skip' ? statusWords(ctx, 'tls.certificate') : statusWords(ctx, 'server.certificate'),
      to: 'the expired one removed; Windows makes a new self-signed one',
    },
  ],
  'server.repair-key-permissions': (ctx) => [
    { what: 'Access to the RDP certificate’s private key', from: statusWords(ctx, 'server.machinekeys'), to: 'NETWORK SERVICE may read it' },
  ],
  'server.reset-machinekeys-acl': (ctx) => [
    {
      what: 'Permissions of the MachineKeys folder',
      from: now(read(ctx, 'server.machinekeys', 'folder', 'deviations'), isList, (d) =>
        d.length > 0 ? `not the Windows default: ${d.map(String).join('; ')}` : 'the Windows default already',
      ),
      to: 'the Windows default: everyone may create key files, administrators have full control',
    },
  ],
  'server.disable-nla': (ctx) => [
    {
      what: 'Network Level Authentication on the host (UserAuthentication)',
      from: now(read(ctx, 'server.security-layer', 'userAuthentication', 'value'), isNumber, (v) => (v === 0 ? 'not required (0)' : `required (${v})`)),
      to: 'not required (0)',
    },
  ],
  'server.enable-nla': (ctx) => [
    {
      what: 'Network Level Authentication on the host (UserAuthentication)',
      from: now(read(ctx, 'server.security-layer', 'userAuthentication', 'value'), isNumber, (v) => (v === 0 ? 'not required (0)' : `required (${v})`)),
      to: 'required (1)',
    },
  ],
  'server.set-security-layer': (ctx) => [
    {
      what: 'The host’s security layer (SecurityLayer)',
      from: now(read(ctx, 'server.security-layer', 'securityLayer', 'value'), isNumber, (v) => LAYERS[v] ?? `unknown (${v})`),
      to: LAYERS[securityLayerOf(ctx)],
    },
  ],
  'server.enable-firewall-rule': (ctx) => [{ what: 'Firewall rules “Remote Desktop - User Mode” (TCP and UDP in)', from: statusWords(ctx, 'server.firewall'), to: 'enabled' }],
  'server.enable-rdp': (ctx) => [
    {
      what: 'Remote Desktop on the host (fDenyTSConnections)',
      from: now(read(ctx, 'server.rdp-enabled', 'isEnabled'), isBool, (on) => (on ? 'on already (0)' : 'off (1)')),
      to: 'on (0)',
    },
  ],
  'server.enable-tls12': (ctx) => [
    {
      what: 'TLS 1.2 for the host’s server side (SCHANNEL)',
      from: now(read(ctx, 'server.tls-protocols', 'tls12On'), isBool, (on) => (on ? 'on already' : 'off')),
      to: 'on (Enabled=1, DisabledByDefault=0)',
    },
  ],
} as const satisfies Record<FixId, Describe>;

/** The preview rows of `fixId` for this target, reading current values from the diagnosis when there is one. */
export function changesOf(fixId: FixId, target: ParsedTarget, option: string | undefined, report: Report | undefined): Change[] {
  const describe: Describe = CHANGES[fixId];
  return describe({ checks: report && Array.isArray(report.checks) ? byId(report.checks) : null, target, option });
}
