/** Every fix by id; `satisfies` makes a missing implementation a compile error. */
import type { FixId } from '../shared/ids';
import { cacheClearFix } from './cache-clear.fix';
import { clientCredsspOracleFix } from './client-credssp-oracle.fix';
import { clientDisableUdpFix } from './client-disable-udp.fix';
import { credentialsClearFix } from './credentials-clear.fix';
import { disableNlaFix } from './disable-nla.fix';
import { dnsFlushFix } from './dns-flush.fix';
import { enableFirewallRuleFix } from './enable-firewall-rule.fix';
import { enableNlaFix } from './enable-nla.fix';
import { enableRdpFix } from './enable-rdp.fix';
import { enableTls12Fix } from './enable-tls12.fix';
import { generateCleanFix } from './generate-clean.fix';
import { renewCertificateFix } from './renew-certificate.fix';
import { repairKeyPermissionsFix } from './repair-key-permissions.fix';
import { resetMachinekeysAclFix } from './reset-machinekeys-acl.fix';
import { restartTermserviceFix } from './restart-termservice.fix';
import { setSecurityLayerFix } from './set-security-layer.fix';
import { useIpFix } from './use-ip.fix';
import type { FixDefinition } from './types';

/** The 17 fixes of docs/contract.md#fixes. */
export const FIXES = {
  'rdpfile.generate-clean': generateCleanFix,
  'rdpfile.use-ip': useIpFix,
  'credentials.clear': credentialsClearFix,
  'cache.clear': cacheClearFix,
  'dns.flush': dnsFlushFix,
  'client.disable-udp': clientDisableUdpFix,
  'client.credssp-oracle': clientCredsspOracleFix,
  'server.restart-termservice': restartTermserviceFix,
  'server.renew-certificate': renewCertificateFix,
  'server.repair-key-permissions': repairKeyPermissionsFix,
  'server.reset-machinekeys-acl': resetMachinekeysAclFix,
  'server.disable-nla': disableNlaFix,
  'server.enable-nla': enableNlaFix,
  'server.set-security-layer': setSecurityLayerFix,
  'server.enable-firewall-rule': enableFirewallRuleFix,
  'server.enable-rdp': enableRdpFix,
  'server.enable-tls12': enableTls12Fix,
} as const satisfies Record<FixId, FixDefinition>;
