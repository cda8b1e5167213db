/** Security findings in a .rdp file: NLA off, server authentication ignored, contradicting settings, passwords in the file. */
import { intSetting, settingsOf, stringSetting } from './parse';
import type { RdpFile, RdpIssue } from './types';
import { clip } from './validate-values';

/** What a file with NLA off does: refused by hosts that require NLA, and the logon screen shown before anyone signs in. */
export const NLA_OFF_CONSEQUENCE =
  'A remote computer that requires Network Level Authentication (the Windows default) refuses this file ("The remote computer requires Network Level Authentication", HYBRID_REQUIRED_BY_SERVER); one that allows it shows its logon screen before you have proved who you are.';

/** What authentication level 0 does. */
export const AUTH_LEVEL_0_CONSEQUENCE =
  'the client connects without a warning even when it cannot verify the remote computer, so someone in the middle could pose as it and read the session, including the password you type.';

/** enablecredsspsupport, authentication level, negotiate security layer and gateway settings that break or weaken the connection. */
export function securityIssues(file: RdpFile): RdpIssue[] {
  const issues: RdpIssue[] = [];
  const credssp = intSetting(file, 'enablecredsspsupport');
  const authLevel = intSetting(file, 'authentication level');
  const negotiate = intSetting(file, 'negotiate security layer');
  if (credssp === 0) {
    issues.push({
      severity: 'warning',
      code: 'nla-off',
      key: 'enablecredsspsupport',
      message: `enablecredsspsupport:i:0 turns Network Level Authentication (CredSSP) off. ${NLA_OFF_CONSEQUENCE}`,
    });
  }
  if (credssp === 0 && authLevel === 1) {
    issues.push({
      severity: 'warning',
      code: 'conflict-credssp-auth-level',
      message:
        'enablecredsspsupport:i:0 turns off NLA, so the server can only prove who it is with its certificate, yet "authentication level:i:1" refuses the connection when that proof fails; with the usual self-signed RDP certificate the client will not connect.',
    });
  }
  if (credssp === 0 && negotiate === 0) {
    issues.push({
      severity: 'warning',
      code: 'conflict-credssp-negotiate',
      message:
        '"negotiate security layer:i:0" tells the client to skip negotiation and use NLA, but enablecredsspsupport:i:0 turns NLA off; the client falls back to old RDP security, which most servers refuse.',
    });
  }
  if (authLevel === 0) {
    issues.push({ severity: 'warning', code: 'auth-level-0', key: 'authentication level', message: `"authentication level:i:0": ${AUTH_LEVEL_0_CONSEQUENCE}` });
  }
  const usage = intSetting(file, 'gatewayusagemethod');
  const gateway = stringSetting(file, 'gatewayhostname')?.trim() ?? '';
  if ((usage === 1 || usage === 2) && gateway === '') {
    issues.push({ severity: 'error', code: 'gateway-missing', message: `gatewayusagemethod:i:${usage} asks for an RD Gateway but "gatewayhostname" is empty.` });
  }
  if ((usage === 0 || usage === 4) && gateway !== '') {
    issues.push({ severity: 'info', code: 'gateway-unused', message: `A gateway (${clip(gateway)}) is named, but gatewayusagemethod:i:${usage} says not to use it.` });
  }
  return issues;
}

/** Passwords kept in the file, in clear text or encrypted; their values are never quoted. */
export function passwordIssues(file: RdpFile): RdpIssue[] {
  const issues: RdpIssue[] = [];
  for (const s of settingsOf(file)) {
    if (s.value.trim() === '') continue;
    if (s.name === 'password 51') {
      issues.push({
        severity: 'info',
        code: 'saved-password',
        key: s.name,
        line: s.line,
        message: 'The file holds an encrypted password (password 51) that only the Windows user who saved it can use.',
      });
    } else if (s.name === 'password' && s.type === 'b') {
      issues.push({
        severity: 'info',
        code: 'saved-password-ce',
        key: s.name,
        line: s.line,
        message: `Line ${s.line}: "${s.key}:b:" is a password saved by the old Windows CE client; Remote Desktop Connection does not use it.`,
      });
    } else if (/password/.test(s.name) && s.type === 's') {
      issues.push({
        severity: 'warning',
        code: 'plaintext-password',
        key: s.name,
        line: s.line,
        message: `Line ${s.line}: "${s.key}:s:" holds a password in clear text: anyone who can read this file can read it. FreeRDP and some launchers use it; Remote Desktop Connection does not. Remove the line and let the client ask, or save the password in Windows Credential Manager.`,
      });
    }
  }
  return issues;
}
