/**
 * Check client.versions: Windows edition/build (22000+ = Windows 11), the mstsc.exe / mstscax.dll versions and the Store
 * apps. Evidence: { windowsName, productName, editionId, build, ubr, displayVersion, mstsc, mstscax, apps: [{name, version}],
 * appsError }. The Store apps come from a collector of their own: when it fails or hangs, the rest still stands.
 */
import { parseStoreAppsOutput, parseVersionsOutput } from '../windows/client/config';
import { isWindowsCollectorError } from '../windows/errors';
import { clientCheck, collectParsed } from './client-common';

/** client.versions: which Windows and which Remote Desktop clients this computer has. */
export const clientVersionsCheck = clientCheck('client.versions', [], async (ctx, windows) => {
  const v = await collectParsed(ctx, windows, 'client-versions', parseVersionsOutput);
  let apps = v.apps;
  let appsError: string | null = null;
  try {
    apps = [...apps, ...(await collectParsed(ctx, windows, 'client-store-apps', parseStoreAppsOutput))];
  } catch (e) {
    if (!isWindowsCollectorError(e) || ctx.signal.aborted) throw e;
    appsError = e.message;
  }
  const os = `${v.windowsName}${v.displayVersion ? ` ${v.displayVersion}` : ''} (build ${v.build ?? '?'}${v.ubr !== null ? `.${v.ubr}` : ''})`;
  const evidence = { ...v, apps: apps.map((a) => ({ ...a })), appsError };
  const unlisted = appsError ? ` The Store apps could not be listed (${appsError})` : '';
  if (!v.mstsc && apps.length === 0) {
    return { status: 'warn', summary: `${os}: no Remote Desktop client found (mstsc.exe is missing).${unlisted}`, evidence };
  }
  const clients = [v.mstsc ? `mstsc ${v.mstsc}` : null, ...apps.map((a) => `${a.name} ${a.version ?? ''}`.trim())].filter(Boolean);
  return { status: 'pass', summary: `${os}; ${clients.join(', ')}.${unlisted}`, evidence };
});
