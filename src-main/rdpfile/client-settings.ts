/** Reads the connection settings a .rdp file imposes on the client, for checks and rules (ClientSettings in shared/target.ts). */
import type { ClientSettings } from '../shared/target';
import { intSetting, stringSetting } from './parse';
import { routeOf } from './route';
import type { RdpFile } from './types';

export { portOfAddress } from './route';

function flag(value: number | null): boolean | null {
  if (value === 0) return false;
  if (value === 1) return true;
  return null;
}

/** The settings that steer security negotiation and where the client goes, as the client ends up using them (the last valid value of each key). */
export function readClientSettings(parsed: RdpFile, fileName: string): ClientSettings {
  const route = routeOf(parsed, fileName);
  const authLevel = intSetting(parsed, 'authentication level');
  return {
    enableCredSsp: flag(intSetting(parsed, 'enablecredsspsupport')),
    authenticationLevel: authLevel !== null && authLevel >= 0 && authLevel <= 3 ? authLevel : null,
    negotiateSecurityLayer: flag(intSetting(parsed, 'negotiate security layer')),
    port: route.host ? route.port : null,
    gateway: route.gateway,
    address: stringSetting(parsed, 'full address')?.trim() || null,
    fileName,
    service: route.service,
  };
}
