/** The host-side collector table: collector name → constant script, merged by the PowerShell source. */
import type { CollectorTable } from '../collector';
import { CAPACITY_SCRIPT, LISTENER_SCRIPT, RDP_REGISTRY_SCRIPT, SCHANNEL_SCRIPT, SERVICES_SCRIPT, TS_SETTING_SCRIPT } from './scripts-config';
import { CERTIFICATE_SCRIPT, EVENTS_SCRIPT, FIREWALL_SCRIPT, MACHINEKEYS_SCRIPT } from './scripts-security';

/** Collector names of the host side; each is also the replay file name `<name>.out`. */
export const SERVER_COLLECTORS = {
  rdpRegistry: 'server-rdp-registry',
  schannel: 'server-schannel',
  services: 'server-services',
  listener: 'server-listener',
  tsSetting: 'server-ts-setting',
  capacity: 'server-capacity',
  certificate: 'server-certificate',
  machineKeys: 'server-machinekeys',
  firewall: 'server-firewall',
  events: 'server-events',
} as const;

/** One server collector name. */
export type ServerCollectorName = (typeof SERVER_COLLECTORS)[keyof typeof SERVER_COLLECTORS];

/** Every server collector's script; all print one `ConvertTo-Json -Compress` object. */
export const SERVER_SCRIPTS = {
  'server-rdp-registry': { script: RDP_REGISTRY_SCRIPT, output: 'json' },
  'server-schannel': { script: SCHANNEL_SCRIPT, output: 'json' },
  'server-services': { script: SERVICES_SCRIPT, output: 'json' },
  'server-listener': { script: LISTENER_SCRIPT, output: 'json' },
  'server-ts-setting': { script: TS_SETTING_SCRIPT, output: 'json' },
  'server-capacity': { script: CAPACITY_SCRIPT, output: 'json' },
  'server-certificate': { script: CERTIFICATE_SCRIPT, output: 'json', timeoutMs: 30_000 },
  'server-machinekeys': { script: MACHINEKEYS_SCRIPT, output: 'json' },
  'server-firewall': { script: FIREWALL_SCRIPT, output: 'json', timeoutMs: 30_000 },
  'server-events': { script: EVENTS_SCRIPT, output: 'json', timeoutMs: 60_000 },
} as const satisfies CollectorTable & Record<ServerCollectorName, unknown>;
