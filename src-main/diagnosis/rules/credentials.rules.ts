/** Diagnosis rules for signing in: a saved password that no longer works, a sign-in the server refuses, the CredSSP update. */
import { decodeAs } from '../../shared/codes';
import type { CheckId } from '../../shared/ids';
import type { Evidence, Rule } from '../types';
import { clientEventSignals, hintNamesOracle, serverBuild, serverCredSspVersion } from './client-evidence';
import { ranEvidence } from './evidence';

/** "the logon failed (user name or password)" for 2055: the decoded meaning of a 1026 reason. */
function reasonWords(reason: number): string {
  return decodeAs('event-reason', reason)?.code.meaning ?? `reason ${reason}`;
}

/** "2055 (0x807) ×2, 3335 (0xD07)": the logon refusals as IT reads them. */
function reasonList(reasons: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${r} (0x${r.toString(16).toUpperCase()})${n > 1 ? ` ×${n}` : ''}`).join(', ');
}

const since = (utc: string | null): string => (utc ? `; the last sign-in that worked was on ${utc.slice(0, 10)}` : '');

/**
 * Saved TERMSRV credentials for this target are stale only with evidence of failure: attempts refused at logon since
 * the last one that logged on, or a dialog that points at the credentials. A password that keeps working is no finding.
 */
const savedCredentialsStale: Rule = (ev) => {
  const saved = ranEvidence(ev, 'client.saved-credentials');
  if (!saved || saved.matched.length === 0) return [];
  const signals = clientEventSignals(ev);
  const refused = signals.logonFailures.length > 0;
  const hinted = ev.errorHint?.steer === 'credentials';
  if (!refused && !hinted) return [];
  const targets = saved.matched.map((c) => c.target);
  const users = [...new Set(saved.matched.flatMap((c) => (c.user ? [c.user] : [])))];
  const first = signals.logonFailures[0];
  const why =
    first !== undefined
      ? `The server turned the last ${signals.logonFailures.length === 1 ? 'attempt' : `${signals.logonFailures.length} attempts`} away at sign-in (${reasonWords(first)})${since(signals.lastLogonUtc)}.`
      : 'The error you saw points at the user name or password.';
  return [
    {
      id: 'saved-credentials-stale',
      // Refusals at logon while Windows sends the saved password are the strongest sign; the dialog alone is weaker.
      confidence: refused ? 0.8 : 0.45,
      ...(refused ? { severity: 'high' as const } : {}),
      explanation: `Windows has a saved password for ${ev.target.host}${users.length ? ` (user ${users.join(', ')})` : ''} and sends it on every attempt. ${why} The saved password is probably out of date (changed, or the account locked by the retries): remove it and sign in again with the current one.`,
      technical: `cmdkey lists ${targets.join(', ')}${refused ? `; 1026 logon refusals since the last logon: ${reasonList(signals.logonFailures)}` : ''}${hinted ? '; the dialog codes point at the credentials' : ''}.`,
      checks: refused ? ['client.saved-credentials', 'client.events'] : ['client.saved-credentials'],
      fixes: ['credentials.clear'],
      evidence: { targets, users, logonFailureReasons: [...signals.logonFailures], lastLogonUtc: signals.lastLogonUtc },
    },
  ];
};

/** Attempts refused at logon with no saved password in play: the account or the password typed is wrong, locked or expired. */
const logonFailed: Rule = (ev) => {
  const signals = clientEventSignals(ev);
  const first = signals.logonFailures[0];
  if (first === undefined) return [];
  // With a saved password in play, saved-credentials-stale names the cause and its fix.
  if ((ranEvidence(ev, 'client.saved-credentials')?.matched.length ?? 0) > 0) return [];
  const n = signals.logonFailures.length;
  return [
    {
      id: 'logon-failed',
      confidence: 0.75,
      explanation: `${n === 1 ? 'The last attempt' : `The last ${n} attempts`} to ${ev.target.host} reached the server and ${n === 1 ? 'was' : 'were'} turned away at sign-in: ${reasonWords(first)}${since(signals.lastLogonUtc)}. Check the user name (with its domain, such as LAB\\alice) and the password; a locked, disabled or expired account has to be unlocked or reset by IT.`,
      technical: `client event 1026 logon refusals since the last logon: ${reasonList(signals.logonFailures)} (the 0x..07 family: the security layer refused the account or its password).`,
      checks: ['client.events'],
      fixes: [],
      evidence: { logonFailureReasons: [...signals.logonFailures], lastLogonUtc: signals.lastLogonUtc },
    },
  ];
};

/** CredSSP versions from 5 on bind the TLS key with a client nonce (MS-CSSP 3.1.5), the change of the 2018 update. */
const FIRST_UPDATED_CREDSSP = 5;

const POLICY_WORDS: Readonly<Record<number, string>> = { 0: 'Force Updated Clients (0), set by policy', 1: 'Mitigated (1), set by policy' };

/**
 * The client refuses a server without the 2018 CredSSP update (KB 4093492: a client at Force Updated Clients or
 * Mitigated, and Mitigated is what "not set" means). It takes both sides: the client's effective policy, and the
 * server's CredSSP version, the client's own 226 refusals (0x80090302) or the dialog's words. The server's build
 * alone says nothing: an old build can have every update.
 */
const credsspOracleMismatch: Rule = (ev) => {
  const policy = ranEvidence(ev, 'client.policy');
  if (!policy || policy.allowEncryptionOracle === 2) return [];
  const version = serverCredSspVersion(ev);
  const serverOld = version !== null && version < FIRST_UPDATED_CREDSSP;
  const refusals = clientEventSignals(ev).credsspRefusals;
  const named = hintNamesOracle(ev);
  if (!serverOld && refusals === 0 && !named) return [];
  const oracle = policy.allowEncryptionOracle;
  const setting = oracle === null ? 'not set, which Windows treats as Mitigated (1)' : (POLICY_WORDS[oracle] ?? `${oracle}`);
  const sides = [serverOld, refusals > 0, named].filter(Boolean).length;
  const contradictions =
    version !== null && !serverOld ? [`The server answers with CredSSP version ${version}, which has the 2018 update, so its CredSSP is not the one refused.`] : [];
  const checks: CheckId[] = ['client.policy', ...(version !== null ? (['credssp.ntlm-info'] as const) : []), ...(refusals > 0 ? (['client.events'] as const) : [])];
  const build = serverBuild(ev);
  return [
    {
      id: 'credssp-oracle-mismatch',
      confidence: sides >= 2 ? 0.9 : named ? 0.85 : serverOld ? 0.75 : 0.7,
      explanation:
        `This computer has the 2018 CredSSP security update and refuses to sign in to a server that lacks it${oracle === null ? ' (that is the Windows default, no policy needed)' : ' (a policy on this computer asks for that)'}. ` +
        `${serverOld ? `The server ${ev.target.host} still speaks the old CredSSP. ` : ''}The real fix is to update the server; allowing the old CredSSP on this computer works but is an insecure stopgap, to be undone once the server is patched.`,
      technical:
        [
          `Client AllowEncryptionOracle ${setting}`,
          version !== null ? `server TSRequest version ${version}${build !== null ? ` (build ${build})` : ''}` : null,
          refusals > 0 ? `${refusals} attempt(s) ended with 226 error 0x80090302 (SEC_E_UNSUPPORTED_FUNCTION)` : null,
          named ? 'the error text names CredSSP encryption oracle remediation' : null,
        ]
          .filter(Boolean)
          .join('; ') + '.',
      checks,
      fixes: ['client.credssp-oracle'],
      evidence: { allowEncryptionOracle: oracle, serverCredSspVersion: version, serverBuild: build, credsspRefusals: refusals, hintNamesOracle: named },
      contradictions,
    },
  ];
};

/** The rules about signing in (ranking orders their findings). */
export const credentialRules: readonly Rule[] = [savedCredentialsStale, logonFailed, credsspOracleMismatch];

/** Runs the sign-in rules (for tests). */
export function runCredentialRules(ev: Evidence) {
  return credentialRules.flatMap((rule) => rule(ev));
}
