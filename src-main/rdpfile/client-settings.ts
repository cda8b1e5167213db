/** Reads the connection settings a .rdp file imposes on the client, for checks and rules (ClientSettings in checks/types.ts). */
import type { ClientSettings } from '../shared/target';
import { intSetting, stringSetting } from './parse';
import type { RdpFile } from './types';

function flag(value: number | null): boolean | null {
  if (value === 0) return false;
  if (value === 1) return true;
  return null;
}

/** The port written in `full address` (`host:port` or `[v6]:port`), or null. */
export function portOfAddress(address: string): number | null {
  const m = /^\[[^\]]*\]:(\d{1,5})$|^[^:]+:(\d{1,5})$/.exec(address.trim());
  const text = m?.[1] ?? m?.[2];
  if (text === undefined) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** The settings that steer security negotiation, as the client ends up using them (the last valid value of each key). */
export function readClientSettings(parsed: RdpFile, fileName: string): ClientSettings {
  const address = stringSetting(parsed, 'full address')?.trim() || null;
  const serverPort = intSetting(parsed, 'server port');
  const authLevel = intSetting(parsed, 'authentication level');
  const gatewayName = stringSetting(parsed, 'gatewayhostname')?.trim() || null;
  const usage = intSetting(parsed, 'gatewayusagemethod');
  return {
    enableCredSsp: flag(intSetting(parsed, 'enablecredsspsupport')),
    authenticationLevel: authLevel !== null && authLevel >= 0 && authLevel <= 3 ? authLevel : null,
    negotiateSecurityLayer: flag(intSetting(parsed, 'negotiate security layer')),
    port: (address ? portOfAddress(address) : null) ?? (serverPort !== null && serverPort >= 1 && serverPort <= 65535 ? serverPort : null),
    // gatewayusagemethod 0 (never) and 4 (never, bypass local) mean the named gateway is not used (rdp-facts §5.2).
    gateway: gatewayName && usage !== 0 && usage !== 4 ? gatewayName : null,
    address,
    fileName,
  };
}
