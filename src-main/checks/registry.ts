/** Every check by id; `satisfies` makes a missing implementation a compile error. */
import type { CheckId } from '../shared/ids';
import type { CheckDefinition } from './types';
import { dnsResolveCheck } from './dns-resolve.check';
import { dnsReverseCheck } from './dns-reverse.check';
import { netTcpCheck } from './net-tcp.check';
import { rdpNegotiationCheck } from './rdp-negotiation.check';
import { tlsHandshakeCheck } from './tls-handshake.check';
import { tlsCertificateCheck } from './tls-certificate.check';
import { credsspNtlmInfoCheck } from './credssp-ntlm-info.check';
import { gatewayProbeCheck } from './gateway-probe.check';
import { altIpVsNameCheck } from './alt-ip-vs-name.check';
import { clientVersionsCheck } from './client-versions.check';
import { clientSavedCredentialsCheck } from './client-saved-credentials.check';
import { clientRdpFilesCheck } from './client-rdp-files.check';
import { clientPolicyCheck } from './client-policy.check';
import { clientEventsCheck } from './client-events.check';
import { clientCacheCheck } from './client-cache.check';
import { clientVpnCheck } from './client-vpn.check';
import { clientSecuritySoftwareCheck } from './client-security-software.check';
import { clientUpdatesCheck } from './client-updates.check';
import { serverRdpEnabledCheck } from './server-rdp-enabled.check';
import { serverListenerCheck } from './server-listener.check';
import { serverSecurityLayerCheck } from './server-security-layer.check';
import { serverCertificateCheck } from './server-certificate.check';
import { serverMachinekeysCheck } from './server-machinekeys.check';
import { serverFirewallCheck } from './server-firewall.check';
import { serverTlsProtocolsCheck } from './server-tls-protocols.check';
import { serverEventsCheck } from './server-events.check';
import { serverCapacityCheck } from './server-capacity.check';

/** The check registry. */
export const CHECKS = {
  'dns.resolve': dnsResolveCheck,
  'dns.reverse': dnsReverseCheck,
  'net.tcp': netTcpCheck,
  'rdp.negotiation': rdpNegotiationCheck,
  'tls.handshake': tlsHandshakeCheck,
  'tls.certificate': tlsCertificateCheck,
  'credssp.ntlm-info': credsspNtlmInfoCheck,
  'gateway.probe': gatewayProbeCheck,
  'alt.ip-vs-name': altIpVsNameCheck,
  'client.versions': clientVersionsCheck,
  'client.saved-credentials': clientSavedCredentialsCheck,
  'client.rdp-files': clientRdpFilesCheck,
  'client.policy': clientPolicyCheck,
  'client.events': clientEventsCheck,
  'client.cache': clientCacheCheck,
  'client.vpn': clientVpnCheck,
  'client.security-software': clientSecuritySoftwareCheck,
  'client.updates': clientUpdatesCheck,
  'server.rdp-enabled': serverRdpEnabledCheck,
  'server.listener': serverListenerCheck,
  'server.security-layer': serverSecurityLayerCheck,
  'server.certificate': serverCertificateCheck,
  'server.machinekeys': serverMachinekeysCheck,
  'server.firewall': serverFirewallCheck,
  'server.tls-protocols': serverTlsProtocolsCheck,
  'server.events': serverEventsCheck,
  'server.capacity': serverCapacityCheck,
} as const satisfies Record<CheckId, CheckDefinition>;
