/**
 * Check client.events: recent RDPClient/Operational attempts to this target, correlated by ActivityID, 1026 decoded.
 * Evidence: ClientEventsEvidenceSchema (shared/evidence/client.ts): the attempts newest first, the reasons of the
 * failed ones, the reasons of the ones refused at logon, and how many the CredSSP encryption-oracle block ended.
 */
import { decodeAs } from '../shared/codes';
import { attemptsForTarget, parseEventsOutput, type ConnectionAttempt } from '../windows/client/events';
import { clientCheck, collectParsed, plural, targetNames } from './client-common';

// Reasons 1–3 are ordinary disconnects (local, remote by user, by server), not failures.
const ORDINARY = new Set([0, 1, 2, 3]);

// SEC_E_UNSUPPORTED_FUNCTION (winerror.h), "The function requested is not supported": what a 226 event carries when
// CredSSP refuses a server without the 2018 CredSSP update. The hex code reads the same in every language.
const UNSUPPORTED_FUNCTION = /0x80090302\b/i;

/** True when the attempt's 226 errors name SEC_E_UNSUPPORTED_FUNCTION, the CredSSP encryption-oracle refusal. */
export function isCredSspRefusal(a: ConnectionAttempt): boolean {
  return a.stateErrors.some((s) => UNSUPPORTED_FUNCTION.test(s));
}

/** True when an attempt ended without a logon, with a real disconnect reason or a CredSSP refusal. */
export function isFailedAttempt(a: ConnectionAttempt): boolean {
  return !a.loggedOn && ((a.disconnect !== null && !ORDINARY.has(a.disconnect.value)) || isCredSspRefusal(a));
}

/** True when the attempt's reason says the security layer refused the account or its password (the 0x..07 family). */
export function isLogonFailure(a: ConnectionAttempt): boolean {
  return !a.loggedOn && a.disconnect !== null && decodeAs('event-reason', a.disconnect.value)?.steer === 'credentials';
}

function describe(a: ConnectionAttempt): string {
  if (a.disconnect) return `reason ${a.disconnect.value} (${a.disconnect.hex}, ${a.disconnect.meaning})`;
  return isCredSspRefusal(a) ? 'CredSSP error 0x80090302 (the function requested is not supported)' : 'no reason logged';
}

/** client.events: fails when the newest attempt to the target failed, warns when earlier ones did. */
export const clientEventsCheck = clientCheck('client.events', ['dns.resolve'], async (ctx, windows) => {
  const log = await collectParsed(ctx, windows, 'client-events', parseEventsOutput);
  const names = targetNames(ctx);
  const attempts = attemptsForTarget(log, names);
  const newestFirst = [...attempts].reverse();
  const failed = newestFirst.filter(isFailedAttempt);
  // A logon refusal older than a session that logged on was settled by it (the password was typed again).
  const lastLogon = newestFirst.find((a) => a.loggedOn) ?? null;
  const sinceLogon = lastLogon ? newestFirst.slice(0, newestFirst.indexOf(lastLogon)) : newestFirst;
  const refusedAtLogon = sinceLogon.filter(isLogonFailure);
  const evidence = {
    names,
    sinceUtc: log.sinceUtc,
    attempts: newestFirst.slice(0, 20).map((a) => ({ ...a })),
    failedAttempts: failed.length,
    disconnectReasons: failed.flatMap((a) => (a.disconnect ? [a.disconnect.value] : [])),
    logonFailureReasons: refusedAtLogon.map((a) => a.disconnect?.value ?? 0),
    lastLogonUtc: lastLogon?.startedUtc ?? null,
    credsspRefusals: newestFirst.filter(isCredSspRefusal).length,
    otherAttempts: log.attempts.length - attempts.length,
  };
  const latest = newestFirst[0];
  if (!latest) {
    return { status: 'skip', summary: `No connection attempts to ${ctx.target.host} in the client event log (${plural(log.attempts.length, 'other attempt')}).`, evidence };
  }
  // Logon refusals matter even when a later attempt ended otherwise (a 2308 after two 2055s): they name the account.
  const logon = refusedAtLogon.filter((a) => a !== latest);
  const logonNote =
    logon.length > 0 ? `; ${plural(logon.length, 'earlier attempt')} ${logon.length === 1 ? 'was' : 'were'} refused at logon (${describe(logon[0] as ConnectionAttempt)})` : '';
  if (isFailedAttempt(latest)) {
    const detail = latest.stateErrors[0] && latest.disconnect ? `; ${latest.stateErrors[0].slice(0, 160)}` : '';
    return { status: 'fail', summary: `The last attempt to ${latest.server ?? ctx.target.host} ended with ${describe(latest)}${detail}${logonNote}.`, evidence };
  }
  if (failed.length > 0) {
    return {
      status: 'warn',
      summary: `${plural(failed.length, 'earlier attempt')} failed (${describe(failed[0] as ConnectionAttempt)}); the last one ${latest.loggedOn ? 'logged on' : 'did not fail'}.`,
      evidence,
    };
  }
  if (latest.udp.dropped) {
    return { status: 'warn', summary: `The last session logged on, but its UDP transport dropped (event 1105).`, evidence };
  }
  return { status: 'pass', summary: `${plural(attempts.length, 'recent attempt')} to ${ctx.target.host}, none failed.`, evidence };
});
