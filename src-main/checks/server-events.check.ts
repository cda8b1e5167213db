/** Check server.events: host RDP and Schannel events of the last week, decoded into the signatures that point at a cause. */
import { parseEvents, summarizeEvents } from '../windows/server/events';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector } from './server-host';

/**
 * server.events. Fails on Schannel 36870/36871 or RemoteConnectionManager 1057/1058 (certificate key or TLS
 * credential failures); warns on TLS alerts (36887/36888), cipher mismatches (36874) or logs that could not be read.
 * Evidence: `{ days, summary: { counts: { "Family:id": n }, keyAccessErrors, credentialErrors,
 * certificateRenewalFailures, cipherMismatches, failedLogons, connectionsSeen, alerts: [{ direction, code, name, count }] },
 * recent: [{ family, id, time, meaning, alert: { code, name }|null, data: string[] }] (30 newest), unreadable: [{ log, error }] }`.
 */
export const serverEventsCheck = defineHostCheck('server.events', async (ctx) => {
  const ev = await readCollector(ctx, SERVER_COLLECTORS.events, parseEvents);
  const s = summarizeEvents(ev);
  const recent = ev.events.slice(0, 30).map((e) => ({ family: e.family, id: e.id, time: e.time, meaning: e.meaning, alert: e.alert, data: e.data.slice(0, 6) }));
  const evidence = { days: ev.days, summary: s, recent, unreadable: ev.unreadable };
  const serious: string[] = [];
  if (s.keyAccessErrors) serious.push(`${s.keyAccessErrors}× Schannel 36870 (cannot use the certificate's private key)`);
  if (s.certificateRenewalFailures) serious.push(`${s.certificateRenewalFailures}× 1057/1058 (self-signed certificate could not be created or replaced)`);
  if (s.credentialErrors) serious.push(`${s.credentialErrors}× Schannel 36871 (TLS credential could not be created)`);
  if (serious.length) return { status: 'fail', summary: serious.join('; ') + '.', evidence };
  const notes: string[] = [];
  for (const a of s.alerts.slice(0, 3)) notes.push(`${a.count}× TLS alert ${a.code} ${a.name} ${a.direction}`);
  if (s.cipherMismatches) notes.push(`${s.cipherMismatches}× no shared cipher suite (36874)`);
  if (ev.unreadable.length) notes.push(`could not read ${ev.unreadable.map((u) => u.log.split('/')[0]).join(', ')}`);
  if (notes.length) return { status: 'warn', summary: notes.join('; ') + '.', evidence };
  return { status: 'pass', summary: `No certificate or TLS errors in the last ${ev.days ?? 7} days (${s.connectionsSeen} connections seen).`, evidence };
});
