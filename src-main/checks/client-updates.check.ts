/**
 * Check client.updates: signs that Windows waits for a restart (CBS RebootPending, WindowsUpdate RebootRequired,
 * PendingFileRenameOperations) and the latest installed updates.
 * Evidence: { cbsRebootPending, wuRebootRequired, pendingFileRenames, lastBootUtc, recentUpdates: [{id, installedOnUtc}], isRebootPending }.
 */
import { parsePendingRebootOutput } from '../windows/client/config';
import { clientCheck, collectParsed } from './client-common';

/** client.updates: warns when updates wait for a restart. */
export const clientUpdatesCheck = clientCheck('client.updates', [], async (ctx, windows) => {
  const p = await collectParsed(ctx, windows, 'client-pending-reboot', parsePendingRebootOutput);
  const evidence = { ...p, recentUpdates: p.recentUpdates.map((u) => ({ ...u })) };
  const latest = p.recentUpdates[0];
  const last = latest ? ` Latest update: ${latest.id}${latest.installedOnUtc ? ` (${latest.installedOnUtc.slice(0, 10)})` : ''}.` : '';
  if (p.isRebootPending) {
    const why = [p.cbsRebootPending ? 'component servicing' : null, p.wuRebootRequired ? 'Windows Update' : null].filter(Boolean).join(' and ');
    return { status: 'warn', summary: `Updates wait for a restart (${why}).${last}`, evidence };
  }
  return { status: 'pass', summary: `No restart pending.${last}`, evidence };
});
