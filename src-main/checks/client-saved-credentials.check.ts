/**
 * Check client.saved-credentials: TERMSRV credentials saved for the target's name or addresses (cmdkey, any language).
 * Evidence: ClientSavedCredentialsEvidenceSchema (shared/evidence/client.ts). The client's event log says whether
 * the saved password still works: a logon since the last refusal passes, refusals at logon warn.
 */
import { parseCheckEvidence } from '../shared/evidence';
import { credentialsForTarget, parseCredentialsOutput } from '../windows/client/credentials';
import { clientCheck, collectParsed, plural, targetNames } from './client-common';

/** client.saved-credentials: warns when Windows sends a saved password for this computer that was refused or not seen working. */
export const clientSavedCredentialsCheck = clientCheck('client.saved-credentials', ['dns.resolve', 'client.events'], async (ctx, windows) => {
  const list = await collectParsed(ctx, windows, 'client-credentials', parseCredentialsOutput);
  const names = targetNames(ctx);
  const matched = credentialsForTarget(list, names);
  const evidence = {
    names,
    matched: matched.map((c) => ({ ...c })),
    otherTermsrv: list.termsrv.filter((c) => !matched.includes(c)).map((c) => c.target),
    totalEntries: list.totalEntries,
  };
  if (matched.length === 0) {
    return { status: 'pass', summary: `No saved Remote Desktop credentials for ${ctx.target.host}.`, evidence };
  }
  const who = [...new Set(matched.map((c) => c.user).filter((u): u is string => u !== null))];
  const saved = `${plural(matched.length, 'saved credential')} for ${matched.map((c) => c.target).join(', ')}${who.length ? ` (user ${who.join(', ')})` : ''}`;
  const events = parseCheckEvidence('client.events', ctx.resultOf('client.events')?.evidence);
  const refused = events?.logonFailureReasons.length ?? 0;
  if (refused > 0) {
    return {
      status: 'warn',
      summary: `${saved}; ${plural(refused, 'attempt')} since the last logon ${refused === 1 ? 'was' : 'were'} refused at sign-in, so the saved password may be out of date.`,
      evidence,
    };
  }
  if (events?.lastLogonUtc) {
    return { status: 'pass', summary: `${saved}; it signed in on ${events.lastLogonUtc.slice(0, 10)}.`, evidence };
  }
  return { status: 'warn', summary: `${saved}; an outdated password here is sent on every attempt.`, evidence };
});
