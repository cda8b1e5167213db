/**
 * Check client.events: recent RDPClient/Operational attempts to this target, correlated by ActivityID, 1026 decoded.
 * Evidence: { names, sinceUtc, attempts: [{activityId, startedUtc, server, connected, loggedOn, serverSupportsSsl,
 * disconnect: {value, hex, name, meaning} | null, udp: {initiated, established, dropped}, stateErrors, eventIds}],
 * disconnectReasons: number[] (failed attempts to the target, newest first), otherAttempts: number }.
 */
import { attemptsForTarget, parseEventsOutput, type ConnectionAttempt } from '../windows/client/events';
import { clientCheck, collectParsed, plural, targetNames } from './client-common';

// Reasons 1–3 are ordinary disconnects (local, remote by user, by server), not failures.
const ORDINARY = new Set([0, 1, 2, 3]);

/** True when an attempt ended without a logon and with a real disconnect reason. */
export function isFailedAttempt(a: ConnectionAttempt): boolean {
  return !a.loggedOn && a.disconnect !== null && !ORDINARY.has(a.disconnect.value);
}

/** client.events: fails when the newest attempt to the target failed, warns when earlier ones did. */
export const clientEventsCheck = clientCheck('client.events', ['dns.resolve'], async (ctx, windows) => {
  const log = await collectParsed(ctx, windows, 'client-events', parseEventsOutput);
  const names = targetNames(ctx);
  const attempts = attemptsForTarget(log, names);
  const newestFirst = [...attempts].reverse();
  const failed = newestFirst.filter(isFailedAttempt);
  const evidence = {
    names,
    sinceUtc: log.sinceUtc,
    attempts: newestFirst.slice(0, 20).map((a) => ({ ...a })),
    disconnectReasons: failed.map((a) => a.disconnect?.value ?? 0),
    otherAttempts: log.attempts.length - attempts.length,
  };
  const latest = newestFirst[0];
  if (!latest) {
    return { status: 'skip', summary: `No connection attempts to ${ctx.target.host} in the client event log (${plural(log.attempts.length, 'other attempt')}).`, evidence };
  }
  const describe = (a: ConnectionAttempt): string =>
    a.disconnect ? `reason ${a.disconnect.value} (${a.disconnect.hex}, ${a.disconnect.meaning})` : 'no reason logged';
  if (isFailedAttempt(latest)) {
    const detail = latest.stateErrors[0] ? `; ${latest.stateErrors[0].slice(0, 160)}` : '';
    return { status: 'fail', summary: `The last attempt to ${latest.server ?? ctx.target.host} ended with ${describe(latest)}${detail}.`, evidence };
  }
  if (failed.length > 0) {
    return { status: 'warn', summary: `${plural(failed.length, 'earlier attempt')} failed (${describe(failed[0] as ConnectionAttempt)}); the last one ${latest.loggedOn ? 'logged on' : 'did not fail'}.`, evidence };
  }
  if (latest.udp.dropped) {
    return { status: 'warn', summary: `The last session logged on, but its UDP transport dropped (event 1105).`, evidence };
  }
  return { status: 'pass', summary: `${plural(attempts.length, 'recent attempt')} to ${ctx.target.host}, none failed.`, evidence };
});
