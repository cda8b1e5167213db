/** The evidence labels of every check id, and the fields any check may carry (why it was skipped, what went wrong). */
import type { CheckId } from '../ids';
import type { EvidenceLabels, FieldSpec } from './label-types';
import * as client from './client-labels';
import * as network from './network-labels';
import * as server from './server-labels';

export type { EvidenceLabels, FieldSpec, TableSpec, ValueFormat } from './label-types';

/** Fields any check's evidence may hold when it was skipped or could not finish. */
export const COMMON_FIELDS: Readonly<Record<string, FieldSpec>> = {
  reason: 'Why',
  errorKind: 'What went wrong',
  message: 'Details',
  collector: 'Windows reader',
  badInput: 'Not usable',
};

/** Fields no report shows: the diagnosis deadline every unfinished check records. */
export const COMMON_OMIT: readonly string[] = ['deadlineMs'];

/** Labels of each check's evidence. */
export const EVIDENCE_LABELS = {
  'dns.resolve': network.DNS_RESOLVE,
  'dns.reverse': network.DNS_REVERSE,
  'net.tcp': network.NET_TCP,
  'rdp.negotiation': network.RDP_NEGOTIATION,
  'tls.handshake': network.TLS_HANDSHAKE,
  'tls.certificate': network.TLS_CERTIFICATE,
  'credssp.ntlm-info': network.CREDSSP_NTLM_INFO,
  'gateway.probe': network.GATEWAY_PROBE,
  'alt.ip-vs-name': network.ALT_IP_VS_NAME,
  'client.versions': client.CLIENT_VERSIONS,
  'client.saved-credentials': client.CLIENT_SAVED_CREDENTIALS,
  'client.rdp-files': client.CLIENT_RDP_FILES,
  'client.policy': client.CLIENT_POLICY,
  'client.events': client.CLIENT_EVENTS,
  'client.cache': client.CLIENT_CACHE,
  'client.vpn': client.CLIENT_VPN,
  'client.security-software': client.CLIENT_SECURITY_SOFTWARE,
  'client.updates': client.CLIENT_UPDATES,
  'server.rdp-enabled': server.SERVER_RDP_ENABLED,
  'server.listener': server.SERVER_LISTENER,
  'server.security-layer': server.SERVER_SECURITY_LAYER,
  'server.certificate': server.SERVER_CERTIFICATE,
  'server.machinekeys': server.SERVER_MACHINEKEYS,
  'server.firewall': server.SERVER_FIREWALL,
  'server.tls-protocols': server.SERVER_TLS_PROTOCOLS,
  'server.events': server.SERVER_EVENTS,
  'server.capacity': server.SERVER_CAPACITY,
} as const satisfies Record<CheckId, EvidenceLabels>;
