import { describe, expect, it } from 'vitest';
import { createReplaySource } from '../windows/replay-source';
import { join } from 'node:path';
import { dataLine, psQuote } from './powershell-text';
import { createReplayExecutor } from './executors';
import { createFixService } from './service';
import { runChecksOn, tempJournalDir, WINDOWS_FIXTURES } from './test-helpers';

describe('psQuote', () => {
  it('keeps every value inside one single-quoted literal, including the Unicode quotes PowerShell also accepts', () => {
    expect(psQuote("a'b")).toBe("'a''b'");
    expect(psQuote('x\u2019; Remove-Item C:\\ -Recurse; \u2018')).toBe("'x\u2019\u2019; Remove-Item C:\\ -Recurse; \u2018\u2018'");
    expect(psQuote('$(whoami) `n "q"')).toBe('\'$(whoami) `n "q"\'');
    expect(dataLine({ target: "TERMSRV/o'brien" })).toBe(`$RdpDoctorData = '{"target":"TERMSRV/o''brien"}' | ConvertFrom-Json`);
  });
});

describe('a fix for a host the app is not running on', () => {
  const windows = createReplaySource(join(WINDOWS_FIXTURES, 'client-saved-creds-nla-off'));
  const executor = createReplayExecutor(windows);
  const service = createFixService({ windows, executor, journalDir: tempJournalDir(), isLocalHost: () => false, runChecks: runChecksOn(windows), lookupTask: () => undefined });

  it('plans a copyable script with instructions, backups to backup.json and its own -Undo', async () => {
    const plan = await service.plan({ fixId: 'server.disable-nla', target: 'rdsh01.corp.example' });
    expect(plan.canApplyHere).toBe(false);
    expect(plan.securityCost).toMatch(/logon screen/);
    expect(plan.notes[0]).toMatch(/not running on rdsh01\.corp\.example: copy the script and run it there as administrator/);
    const script = plan.script ?? '';
    expect(script).toMatch(/^# RDP Doctor — Turn off NLA on the host \(server\.disable-nla\)/);
    expect(script).toContain('Run as administrator');
    expect(script).toContain('param([switch]$Undo)');
    expect(script).toContain("$RdpDoctorBackupDir = [Environment]::ExpandEnvironmentVariables('%ProgramData%\\RDP Doctor\\backups\\");
    expect(script).toContain(
      '"regKey":"HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\Terminal Server\\\\WinStations\\\\RDP-Tcp","values":[{"name":"UserAuthentication","value":0}]',
    );
    expect(script.indexOf("$RdpDoctorBackup['registry-snapshot']")).toBeLessThan(script.indexOf('reg.exe" add'));
    expect(script).toContain("$RdpDoctorBackup.'registry-snapshot' | ConvertFrom-Json");
  });

  it('a second run refuses before any backup or change, so the first backup (the one undo needs) is never overwritten', async () => {
    for (const fixId of ['server.disable-nla', 'server.reset-machinekeys-acl', 'server.enable-firewall-rule'] as const) {
      const script = (await service.plan({ fixId, target: 'rdsh01.corp.example' })).script ?? '';
      // The guard is the first thing after the -Undo branch.
      const body = script.slice(script.indexOf('  return\n}\n') + '  return\n}\n'.length);
      const guard = body.indexOf('if (Test-Path -LiteralPath $RdpDoctorBackupFile) {');
      expect(guard, fixId).toBe(0);
      expect(body.slice(guard)).toMatch(
        /^if \(Test-Path -LiteralPath \$RdpDoctorBackupFile\) \{\n {2}throw \('This script already ran here: its backup is ' \+ \$RdpDoctorBackupFile \+ '\. Nothing was changed now\. To start over, run it with -Undo first; the first backup is kept\.'\)\n\}\n/,
      );
      // Nothing that backs up, writes backup.json or changes the machine comes before the guard.
      for (const later of [
        'New-Item -ItemType Directory -Force -Path $RdpDoctorBackupDir',
        '$RdpDoctorBackup = [ordered]@{}',
        'Set-Content -LiteralPath $RdpDoctorBackupFile',
        '& {',
      ]) {
        expect(body.indexOf(later), `${fixId}: ${later}`).toBeGreaterThan(guard);
      }
      expect(script.match(/Set-Content -LiteralPath \$RdpDoctorBackupFile/g)).toHaveLength(1);
      // Undo keeps the backup it used under another name instead of deleting it.
      expect(script).toMatch(/Move-Item -LiteralPath \$RdpDoctorBackupFile -Destination \$RdpDoctorUndone/);
      expect(script).not.toMatch(/Remove-Item[^\n]*RdpDoctorBackupFile/);
    }
  });

  it('apply returns the script as a file and runs nothing', async () => {
    const r = await service.apply({ fixId: 'server.enable-firewall-rule', target: 'rdsh01.corp.example' });
    expect(r.status).toBe('script-only');
    expect(r.output?.fileName).toBe('rdp-doctor-server.enable-firewall-rule.ps1');
    const bytes = Buffer.from(r.output?.contentBase64 ?? '', 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toContain('Enable-NetFirewallRule -Name @($RdpDoctorData.names)');
    expect(executor.runs).toEqual([]);
    expect(await service.list()).toEqual([]);
  });

  it('client fixes with no Windows here also become a script, with the collector script as backup', async () => {
    const none = createFixService({ windows: null, journalDir: tempJournalDir(), isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });
    const plan = await none.plan({ fixId: 'credentials.clear', target: 'server01' });
    expect(plan.canApplyHere).toBe(false);
    expect(plan.script).toContain('cmdkey.exe" /list');
    expect(plan.script).toContain('{"target":"TERMSRV/server01"}');
  });
});
