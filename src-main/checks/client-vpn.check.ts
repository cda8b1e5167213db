/**
 * Check client.vpn: VPN adapters/profiles that are up and which interface routes to the target (Find-NetRoute).
 * The target host is passed to the collector as data. Evidence: { target, addresses, adapters: [{name, description,
 * ifIndex, isVpn}], vpnProfiles: [{name, server, status}], routes: [{address, interfaceAlias, interfaceIndex,
 * nextHop, sourceAddress, error, viaVpn}], defaultRoutes: [{interfaceAlias, nextHop, routeMetric, viaVpn}], isVpnUp,
 * isTargetViaVpn }. When the collector's answer is for another target than this one (a recording made for
 * another host), the check skips: evidence adds recordedTarget, isTargetViaVpn is null and routes empty.
 */
import { parseVpnOutput } from '../windows/client/network';
import { clientCheck, collectParsed } from './client-common';

/** Host names and literal addresses compare without case, a trailing dot or IPv6 brackets. */
function sameHost(a: string, b: string): boolean {
  const norm = (h: string) =>
    h
      .trim()
      .toLowerCase()
      .replace(/\.$/, '')
      .replace(/^\[(.*)\]$/, '$1');
  return norm(a) === norm(b);
}

/** client.vpn: warns when the route to the target runs through a VPN. */
export const clientVpnCheck = clientCheck('client.vpn', [], async (ctx, windows) => {
  const v = await collectParsed(ctx, windows, 'client-vpn', parseVpnOutput, { target: ctx.target.host });
  const evidence = {
    ...v,
    addresses: [...v.addresses],
    adapters: v.adapters.map((a) => ({ ...a })),
    vpnProfiles: v.vpnProfiles.map((p) => ({ ...p })),
    routes: v.routes.map((r) => ({ ...r })),
    defaultRoutes: v.defaultRoutes.map((r) => ({ ...r })),
  };
  // A recording answers for the target it was made with; a route to another target says nothing about this one.
  if (v.target !== null && !sameHost(v.target, ctx.target.host)) {
    const up = v.isVpnUp ? ' A VPN was up on that computer.' : '';
    return {
      status: 'skip',
      summary: `The recorded route is for ${v.target}, not ${ctx.target.host}; the route to ${ctx.target.host} was not recorded.${up}`,
      evidence: { ...evidence, recordedTarget: v.target, isTargetViaVpn: null, routes: [] },
    };
  }
  const vpnNames = [...v.adapters.filter((a) => a.isVpn).map((a) => a.description || a.name), ...v.vpnProfiles.filter((p) => /connected/i.test(p.status ?? '')).map((p) => p.name)];
  if (v.isTargetViaVpn) {
    const r = v.routes.find((x) => x.viaVpn);
    return { status: 'warn', summary: `Traffic to ${ctx.target.host} goes through the VPN (${r?.interfaceAlias ?? '?'}: ${vpnNames.join(', ')}).`, evidence };
  }
  const route = v.routes.find((r) => r.interfaceAlias);
  const via = route ? ` Route to ${route.address} via ${route.interfaceAlias}.` : v.addresses.length === 0 ? ' The target did not resolve on this computer.' : '';
  if (v.isVpnUp) return { status: 'pass', summary: `A VPN is up (${vpnNames.join(', ')}) but not on the path to ${ctx.target.host}.${via}`, evidence };
  return { status: 'pass', summary: `No VPN is up.${via}`, evidence };
});
