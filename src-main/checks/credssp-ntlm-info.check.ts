/** Check credssp.ntlm-info: the server's real name, domain, OS build and clock, read from its NTLM challenge. */
import type { CredSspProbe } from '../net/credssp-probe';
import type { NtlmChallengeInfo } from '../net/ntlm';
import { credSspProbe, negotiationProbe } from './rdp-probes';
import type { CheckDefinition, CheckOutcome } from './types';
import type { ParsedTarget } from '../shared/target';

/** Clock difference beyond which Kerberos (and so NLA with domain accounts) fails. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * credssp.ntlm-info. Evidence (plain JSON):
 * `{ available: boolean, stage?: 'negotiation'|'tls'|'credssp', error?: string,
 *    tlsVersion: string|null, tsRequestVersion: number|null, targetName, netbiosComputer, netbiosDomain,
 *    dnsComputer, dnsDomain, dnsTree: string|null, osVersion: 'major.minor.build'|null, osBuild: number|null,
 *    serverTime: ISO string|null, clockSkewSeconds: number|null (server minus this computer; positive = server ahead),
 *    nameMatchesTarget: boolean|null (null when the target is an address), warnings: string[] }`
 * When skipped: `{ available: false, reason: 'no-rdp-service'|'hybrid-not-offered' }`.
 */
export const credsspNtlmInfoCheck: CheckDefinition<'credssp.ntlm-info'> = {
  id: 'credssp.ntlm-info',
  dependsOn: ['rdp.negotiation'],
  async run(ctx) {
    const summary = await negotiationProbe(ctx);
    if (summary.service !== 'rdp') {
      return { status: 'skip', summary: 'No RDP negotiation took place.', evidence: { available: false, reason: 'no-rdp-service' } };
    }
    if (!summary.supported.includes('HYBRID') && !summary.supported.includes('HYBRID_EX')) {
      return {
        status: 'skip',
        summary: 'The server does not offer NLA (CredSSP), so it does not reveal its NTLM identity.',
        evidence: { available: false, reason: 'hybrid-not-offered' },
      };
    }
    const probe = await credSspProbe(ctx);
    return judgeCredSsp(probe, ctx.target, ctx.now());
  },
};

/** Status, summary and evidence from the probe (pure; `now` is the local clock). */
export function judgeCredSsp(probe: CredSspProbe, target: ParsedTarget, now: Date): CheckOutcome<'credssp.ntlm-info'> {
  if (!probe.ok) {
    const cancelled = probe.error === 'cancelled';
    return {
      status: 'error',
      summary: cancelled ? 'Cancelled.' : `Could not read the server identity (${probe.stage}): ${probe.error}.`,
      evidence: { available: false, stage: probe.stage, error: probe.error, tlsVersion: probe.tls?.version ?? null },
    };
  }
  const c = probe.challenge;
  const serverTime = c.timestamp;
  const clockSkewSeconds = serverTime ? Math.round((serverTime.getTime() - now.getTime()) / 1000) : null;
  const nameMatchesTarget = target.isAddress ? null : namesMatch(target.host, c);
  const osVersion = c.version ? `${c.version.major}.${c.version.minor}.${c.version.build}` : null;
  const evidence = {
    available: true as const,
    tlsVersion: probe.tls.version ?? null,
    tsRequestVersion: probe.tsRequestVersion,
    targetName: c.targetName,
    netbiosComputer: c.netbiosComputer,
    netbiosDomain: c.netbiosDomain,
    dnsComputer: c.dnsComputer,
    dnsDomain: c.dnsDomain,
    dnsTree: c.dnsTree,
    osVersion,
    osBuild: c.version?.build ?? null,
    serverTime: serverTime?.toISOString() ?? null,
    clockSkewSeconds,
    nameMatchesTarget,
    warnings: c.warnings,
  };
  const who = c.dnsComputer ?? c.netbiosComputer ?? 'an unnamed computer';
  const domain = c.netbiosDomain ? ` in ${c.netbiosDomain}` : '';
  const os = osVersion ? `, Windows build ${osVersion}` : '';
  const problems: string[] = [];
  if (clockSkewSeconds !== null && Math.abs(clockSkewSeconds) > MAX_CLOCK_SKEW_SECONDS) {
    problems.push(`its clock is ${describeSkew(clockSkewSeconds)}`);
  }
  if (nameMatchesTarget === false) problems.push(`it is not the computer named ${target.host}`);
  const text = `The server is ${who}${domain}${os}`;
  if (problems.length > 0) return { status: 'warn', summary: `${text}; ${problems.join(' and ')}.`, evidence };
  return { status: 'pass', summary: `${text}.`, evidence };
}

/** True when the name asked for plausibly names the computer that answered (full DNS name or first label). */
export function namesMatch(host: string, c: Pick<NtlmChallengeInfo, 'netbiosComputer' | 'dnsComputer'>): boolean | null {
  const asked = host.toLowerCase().replace(/\.$/, '');
  if (asked === 'localhost') return null;
  const dns = c.dnsComputer?.toLowerCase() ?? null;
  const nb = c.netbiosComputer?.toLowerCase() ?? null;
  if (!dns && !nb) return null;
  const label = asked.split('.')[0] ?? asked;
  if (dns && (dns === asked || dns.split('.')[0] === label)) return true;
  // NetBIOS names are at most 15 characters, so a longer host label is compared on its first 15.
  if (nb && nb === label.slice(0, 15)) return true;
  return false;
}

/** "12 minutes ahead" / "3 hours behind". */
export function describeSkew(seconds: number): string {
  const abs = Math.abs(seconds);
  const dir = seconds > 0 ? 'ahead' : 'behind';
  if (abs >= 7200) return `${Math.round(abs / 3600)} hours ${dir}`;
  if (abs >= 120) return `${Math.round(abs / 60)} minutes ${dir}`;
  return `${abs} seconds ${dir}`;
}
