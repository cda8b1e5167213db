/**
 * Check client.security-software: antivirus and firewall products registered with Windows Security Center.
 * Evidence: { securityCenter, antivirus: [{displayName, productState, isEnabled, isMicrosoft}], firewall: [same],
 * thirdPartyActive: string[] }.
 */
import { parseSecurityOutput } from '../windows/client/network';
import { clientCheck, collectParsed } from './client-common';

/** client.security-software: warns when a third-party security product is active (it may filter RDP/TLS). */
export const clientSecuritySoftwareCheck = clientCheck('client.security-software', [], async (ctx, windows) => {
  const s = await collectParsed(ctx, windows, 'client-security-software', parseSecurityOutput);
  const evidence = { ...s, antivirus: s.antivirus.map((p) => ({ ...p })), firewall: s.firewall.map((p) => ({ ...p })), thirdPartyActive: [...s.thirdPartyActive] };
  if (!s.securityCenter) {
    return { status: 'skip', summary: 'Windows Security Center is not available here (server editions have none).', evidence };
  }
  if (s.thirdPartyActive.length > 0) {
    return { status: 'warn', summary: `Third-party security software is active: ${s.thirdPartyActive.join(', ')}.`, evidence };
  }
  const names = [...s.antivirus, ...s.firewall].filter((p) => p.isEnabled !== false).map((p) => p.displayName);
  return { status: 'pass', summary: names.length ? `Only Microsoft security software is active (${names.join(', ')}).` : 'No security product is registered.', evidence };
});
