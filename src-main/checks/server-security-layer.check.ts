/** Check server.security-layer: the host's security layer, NLA requirement and encryption level, and which setting wins. */
import { ENCRYPTION_LEVEL_NAMES, SECURITY_LAYER_NAMES, effectiveSetting, parseRdpRegistry, type EffectiveSetting } from '../windows/server/registry';
import { parseTsSetting } from '../windows/server/ts-setting';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector, readOptional } from './server-host';

/** A setting in force: WMI's value when it could be read (it already applies policy), otherwise the registry's. */
function inForce(reg: EffectiveSetting, wmi: number | null): EffectiveSetting & { readonly wmi: number | null } {
  return wmi === null ? { ...reg, wmi } : { ...reg, value: wmi, wmi };
}

/**
 * server.security-layer. Warns on Standard RDP Security or NLA off; fails when this connection's .rdp turns
 * CredSSP off while the host requires NLA (the pair cannot connect).
 * Evidence: `{ securityLayer: { value, source, local, policy, wmi, name }, userAuthentication: { …same, no name },
 * minEncryptionLevel: { …same, name }, isNlaRequired: boolean, clientCredSspOff: boolean|null, wmiAvailable: boolean }`.
 * Other rules read `isNlaRequired` together with a client .rdp that sets enablecredsspsupport:i:0.
 */
export const serverSecurityLayerCheck = defineHostCheck('server.security-layer', async (ctx) => {
  const reg = await readCollector(ctx, SERVER_COLLECTORS.rdpRegistry, parseRdpRegistry);
  const wmi = await readOptional(ctx, SERVER_COLLECTORS.tsSetting, parseTsSetting);
  const w = wmi?.found ? wmi : null;
  // Defaults of current Windows: Negotiate, NLA required, Client compatible.
  const layer = inForce(effectiveSetting(reg.securityLayer, reg.policy.securityLayer, 1), w?.securityLayer ?? null);
  const nla = inForce(effectiveSetting(reg.userAuthentication, reg.policy.userAuthentication, 1), w?.userAuthenticationRequired ?? null);
  const enc = inForce(effectiveSetting(reg.minEncryptionLevel, reg.policy.minEncryptionLevel, 2), w?.minEncryptionLevel ?? null);
  const isNlaRequired = nla.value !== 0;
  const credSsp = ctx.options.clientSettings?.enableCredSsp;
  const clientCredSspOff = credSsp === undefined || credSsp === null ? null : !credSsp;
  const evidence = {
    securityLayer: { ...layer, name: SECURITY_LAYER_NAMES[layer.value] ?? `unknown (${layer.value})` },
    userAuthentication: nla,
    minEncryptionLevel: { ...enc, name: ENCRYPTION_LEVEL_NAMES[enc.value] ?? `unknown (${enc.value})` },
    isNlaRequired,
    clientCredSspOff,
    wmiAvailable: w !== null,
  };
  const layerText = `security layer ${evidence.securityLayer.name}${layer.source === 'policy' ? ' (set by policy)' : ''}`;
  const nlaText = `NLA ${isNlaRequired ? 'required' : 'not required'}${nla.source === 'policy' ? ' (set by policy)' : ''}`;
  if (isNlaRequired && clientCredSspOff) {
    return { status: 'fail', summary: `The host requires NLA, but ${ctx.options.clientSettings?.fileName ?? 'the .rdp file'} turns CredSSP off.`, evidence };
  }
  if (layer.value === 0) return { status: 'warn', summary: `The host allows only old Standard RDP Security; ${nlaText}.`, evidence };
  if (!isNlaRequired) return { status: 'warn', summary: `The host does not require NLA; ${layerText}.`, evidence };
  return { status: 'pass', summary: `${nlaText[0]?.toUpperCase()}${nlaText.slice(1)}; ${layerText}.`, evidence };
});
