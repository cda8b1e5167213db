import { describe, expect, it } from 'vitest';
import { FIX_IDS } from '../shared/ids';
import { CACHE_SCRIPTS } from './cache-clear.fix';
import { CREDENTIALS_DELETE_SCRIPT } from './credentials-clear.fix';
import { DNS_FLUSH_SCRIPT } from './dns-flush.fix';
import { FIREWALL_SCRIPTS } from './enable-firewall-rule.fix';
import { RESTORE_ACL } from './machinekeys-steps';
import { REGISTRY_SCRIPTS } from './registry-steps';
import { RENEW_SCRIPTS } from './renew-certificate.fix';
import { KEY_PERMISSION_SCRIPTS } from './repair-key-permissions.fix';
import { MACHINEKEYS_SCRIPTS } from './reset-machinekeys-acl.fix';
import { TERMSERVICE_SCRIPTS } from './restart-termservice.fix';
import { createFixService } from './service';
import { tempJournalDir } from './test-helpers';

/** Checks PowerShell brackets balance outside strings and comments; returns the first problem or null. */
function bracketProblem(script: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  let i = 0;
  while (i < script.length) {
    const c = script[i] ?? '';
    if (c === '#') {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === "'") {
      i++;
      while (i < script.length && !(script[i] === "'" && script[i + 1] !== "'")) i += script[i] === "'" ? 2 : 1;
      if (i >= script.length) return 'unclosed single quote';
    } else if (c === '"') {
      i++;
      // Sub-expressions $( … ) inside double quotes are simple in these scripts: skip to the closing quote.
      while (i < script.length && script[i] !== '"') i += script[i] === '`' ? 2 : 1;
      if (i >= script.length) return 'unclosed double quote';
    } else if ('({['.includes(c)) stack.push(c);
    else if (')}]'.includes(c) && stack.pop() !== pairs[c]) return `unbalanced ${c} at ${i}`;
    i++;
  }
  return stack.length ? `unclosed ${stack.join('')}` : null;
}

const SCRIPTS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(REGISTRY_SCRIPTS).map(([k, v]) => [`registry.${k}`, v])),
  ...Object.fromEntries(Object.entries(CACHE_SCRIPTS).map(([k, v]) => [`cache.${k}`, v])),
  ...Object.fromEntries(Object.entries(FIREWALL_SCRIPTS).map(([k, v]) => [`firewall.${k}`, v])),
  ...Object.fromEntries(Object.entries(RENEW_SCRIPTS).map(([k, v]) => [`renew.${k}`, v])),
  ...Object.fromEntries(Object.entries(KEY_PERMISSION_SCRIPTS).map(([k, v]) => [`key.${k}`, v])),
  ...Object.fromEntries(Object.entries(MACHINEKEYS_SCRIPTS).map(([k, v]) => [`machinekeys.${k}`, v])),
  ...Object.fromEntries(Object.entries(TERMSERVICE_SCRIPTS).map(([k, v]) => [`termservice.${k}`, v])),
  credentials: CREDENTIALS_DELETE_SCRIPT,
  dns: DNS_FLUSH_SCRIPT,
  restoreAcl: RESTORE_ACL,
};

describe('fix scripts', () => {
  it('the checker itself spots broken scripts', () => {
    expect(bracketProblem("if ($a) { 'x' ")).toMatch(/unclosed/);
    expect(bracketProblem("Write-Host 'it''s fine' # ) comment")).toBeNull();
  });

  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(`${name}: balanced, no evaluation of text, calls tools by full path`, () => {
      expect(bracketProblem(script)).toBeNull();
      expect(script).not.toMatch(/Invoke-Expression|iex\s|cmd(\.exe)? \/c|-Command /i);
      for (const tool of script.match(/&\s+"[^"]*"/g) ?? []) expect(tool).toMatch(/^& "\$env:SystemRoot\\System32\\[a-z]+\.exe"$/);
    });
  }

  it('every copyable script (all 17 fixes) is balanced', async () => {
    const service = createFixService({ windows: null, journalDir: tempJournalDir(), isLocalHost: () => false, runChecks: async () => [], lookupTask: () => undefined });
    for (const fixId of FIX_IDS) {
      const plan = await service.plan({ fixId, target: 'rdsh01.corp.example', ...(fixId === 'rdpfile.use-ip' ? { target: 'localhost' } : {}) });
      if (plan.script !== null) expect(bracketProblem(plan.script), fixId).toBeNull();
      else expect(['rdpfile.generate-clean', 'rdpfile.use-ip']).toContain(fixId);
    }
  });

  it('host names reach the commands only in the data line: the script text is the same for every host', async () => {
    const service = createFixService({ windows: null, journalDir: tempJournalDir(), isLocalHost: () => false, runChecks: async () => [], lookupTask: () => undefined });
    const withoutData = (cmds: (string | undefined)[]) =>
      cmds.map((c) =>
        (c ?? '')
          .split('\n')
          .filter((l) => !l.startsWith('$RdpDoctorData = '))
          .join('\n'),
      );
    for (const fixId of FIX_IDS.filter((id) => !id.startsWith('rdpfile.'))) {
      const a = await service.plan({ fixId, target: 'rdsh01.corp.example' });
      const b = await service.plan({ fixId, target: 'o-brien.example:3390' });
      expect(withoutData(b.steps.map((s) => s.command)), fixId).toEqual(withoutData(a.steps.map((s) => s.command)));
      for (const cmd of b.steps.map((s) => s.command ?? '')) expect(cmd.split('\n').slice(1).join('\n')).not.toContain('o-brien');
    }
  });
});
