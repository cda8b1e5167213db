/** Every collector's parser by name: what the checks read a collector's output with, in one table. */
import type { ClientCollectorName } from './client/scripts';
import { parseCacheOutput, parsePendingRebootOutput, parsePolicyOutput, parseStoreAppsOutput, parseVersionsOutput } from './client/config';
import { parseCredentialsOutput } from './client/credentials';
import { parseEventsOutput } from './client/events';
import { parseSecurityOutput, parseVpnOutput } from './client/network';
import { parseRdpFilesOutput } from './client/rdp-files';
import { parseCapacity } from './server/capacity';
import { parseCertificates } from './server/certificate';
import { parseEvents } from './server/events';
import { parseFirewall } from './server/firewall';
import { parseMachineKeys } from './server/machinekeys';
import { parseRdpRegistry, parseSchannel } from './server/registry';
import type { ServerCollectorName } from './server/scripts';
import { parseListener, parseServices } from './server/services';
import { parseTsSetting } from './server/ts-setting';

/** A collector's parser: throws WindowsCollectorError('not-json' / 'failed') on output it cannot read. */
export type CollectorParser = (stdout: string) => unknown;

/** The parser of each client collector. */
export const CLIENT_PARSERS = {
  'client-credentials': parseCredentialsOutput,
  'client-rdp-files': parseRdpFilesOutput,
  'client-events': parseEventsOutput,
  'client-policy': parsePolicyOutput,
  'client-versions': parseVersionsOutput,
  'client-cache': parseCacheOutput,
  'client-vpn': parseVpnOutput,
  'client-security-software': parseSecurityOutput,
  'client-pending-reboot': parsePendingRebootOutput,
  'client-store-apps': parseStoreAppsOutput,
} as const satisfies Record<ClientCollectorName, CollectorParser>;

/** The parser of each host collector. */
export const SERVER_PARSERS = {
  'server-rdp-registry': parseRdpRegistry,
  'server-schannel': parseSchannel,
  'server-services': parseServices,
  'server-listener': parseListener,
  'server-ts-setting': parseTsSetting,
  'server-capacity': parseCapacity,
  'server-certificate': parseCertificates,
  'server-machinekeys': parseMachineKeys,
  'server-firewall': parseFirewall,
  'server-events': parseEvents,
} as const satisfies Record<ServerCollectorName, CollectorParser>;
