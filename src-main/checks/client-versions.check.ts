/**
 * Check client.versions: Windows edition/build (22000+ = Windows 11) and the mstsc.exe / mstscax.dll versions.
 * Evidence: { windowsName, productName, editionId, build, ubr, displayVersion, mstsc, mstscax, apps: [{name, version}] }.
 */
import { parseVersionsOutput } from '../windows/client/config';
import { clientCheck, collectParsed } from './client-common';

/** client.versions: which Windows and which Remote Desktop clients this computer has. */
export const clientVersionsCheck = clientCheck('client.versions', [], async (ctx, windows) => {
  const v = await collectParsed(ctx, windows, 'client-versions', parseVersionsOutput);
  const os = `${v.windowsName}${v.displayVersion ? ` ${v.displayVersion}` : ''} (build ${v.build ?? '?'}${v.ubr !== null ? `.${v.ubr}` : ''})`;
  const evidence = { ...v, apps: v.apps.map((a) => ({ ...a })) };
  if (!v.mstsc && v.apps.length === 0) {
    return { status: 'warn', summary: `${os}: no Remote Desktop client found (mstsc.exe is missing).`, evidence };
  }
  const clients = [v.mstsc ? `mstsc ${v.mstsc}` : null, ...v.apps.map((a) => `${a.name} ${a.version ?? ''}`.trim())].filter(Boolean);
  return { status: 'pass', summary: `${os}; ${clients.join(', ')}.`, evidence };
});
