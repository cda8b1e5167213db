import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReplaySource } from '../windows/replay-source';
import { createReplayExecutor } from './executors';
import { MACHINEKEYS_SCRIPTS, resetMachinekeysAclFix } from './reset-machinekeys-acl.fix';
import { createFixService } from './service';
import { runChecksOn, tempJournalDir, WINDOWS_FIXTURES } from './test-helpers';

const takeownCalls = (script: string) => script.split('\n').filter((l) => l.includes('takeown.exe'));

describe('server.reset-machinekeys-acl scripts', () => {
  it('takes ownership without a localized answer: no /d (Y, J, O…) and no /r that could ask it', () => {
    const calls = takeownCalls(MACHINEKEYS_SCRIPTS.RESET);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).not.toMatch(/\s\/d\b/i);
      expect(call).not.toMatch(/\s\/r\b/i);
      expect(call).toMatch(/\/a\b/);
    }
    expect(MACHINEKEYS_SCRIPTS.RESET).not.toMatch(/\bthrow\b/);
    expect(MACHINEKEYS_SCRIPTS.RESET).toMatch(/\*S-1-5-18:\(F\)', '\*S-1-5-20:\(R\)', '\*S-1-5-32-544:\(F\)/);
  });

  it('saves the folder’s own permissions beside the files’, and restores both', () => {
    expect(MACHINEKEYS_SCRIPTS.SAVE).toMatch(/Get-Acl -LiteralPath \$dir\)\.GetSecurityDescriptorSddlForm\('Access'\)/);
    expect(MACHINEKEYS_SCRIPTS.SAVE).toMatch(/icacls\.exe" \(Join-Path \$dir '\*'\) \/save \$bak \/c/);
    expect(MACHINEKEYS_SCRIPTS.RESTORE).toMatch(/icacls\.exe" \$dir \/restore \$bak \/c/);
    expect(MACHINEKEYS_SCRIPTS.RESTORE).toMatch(/SetSecurityDescriptorSddlForm\(\[string\]\$b\.folderSddl, 'Access'\)[\s\S]*Set-Acl -LiteralPath \$dir/);
    expect(MACHINEKEYS_SCRIPTS.RESTORE).toMatch(/Get-FileHash[\s\S]*aclSha256[\s\S]*nothing was restored/);
  });

  it('files administrators cannot read are left out and reported, not a reason to stop', () => {
    expect(MACHINEKEYS_SCRIPTS.SAVE).toMatch(/catch \{ \$unreadable \+= \$f\.Name \}/);
    const said = resetMachinekeysAclFix.describeBackups?.({ 'acl-save': { output: '{"folderSddl":"D:PAI(A;;FA;;;BA)","saved":4,"unreadableCount":2}' } }, {
      input: 'h',
      host: 'h',
      port: 3389,
      isAddress: false,
    } as never);
    expect(said).toBe(
      'The backup holds the permissions of the folder and 4 file(s). 2 file(s) whose permissions administrators could not read were not saved; undo leaves them with the reset permissions.',
    );
    const noFolder = resetMachinekeysAclFix.describeBackups?.({ 'acl-save': { output: '{"folderSddl":null,"saved":0,"unreadableCount":0}' } }, {
      input: 'h',
      host: 'h',
      port: 3389,
      isAddress: false,
    } as never);
    expect(noFolder).toMatch(/not the folder \(its permissions were unreadable\), only 0 file/);
  });

  it('under replay the apply message says what the recorded backup could not save', async () => {
    const windows = createReplaySource(join(WINDOWS_FIXTURES, 'host-expired-cert'));
    const service = createFixService({
      windows,
      executor: createReplayExecutor(windows),
      journalDir: tempJournalDir(),
      isLocalHost: () => true,
      runChecks: runChecksOn(windows),
      lookupTask: () => undefined,
    });
    const r = await service.apply({ fixId: 'server.reset-machinekeys-acl', target: '127.0.0.1' });
    expect(r.status).toBe('applied');
    expect(r.message).toContain('The backup holds the permissions of the folder and 4 file(s). 1 file(s) whose permissions administrators could not read were not saved');
  });
});
