/**
 * Check client.saved-credentials: TERMSRV credentials saved for the target's name or addresses (cmdkey, any language).
 * Evidence: { names: string[], matched: [{target, kind, host, type, user}], otherTermsrv: string[], totalEntries }.
 */
import { credentialsForTarget, parseCredentialsOutput } from '../windows/client/credentials';
import { clientCheck, collectParsed, plural, targetNames } from './client-common';

/** client.saved-credentials: warns when Windows will send a saved password for this computer. */
export const clientSavedCredentialsCheck = clientCheck('client.saved-credentials', ['dns.resolve'], async (ctx, windows) => {
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
  return {
    status: 'warn',
    summary: `${plural(matched.length, 'saved credential')} for ${matched.map((c) => c.target).join(', ')}${who.length ? ` (user ${who.join(', ')})` : ''}; an outdated password here is sent on every attempt.`,
    evidence,
  };
});
