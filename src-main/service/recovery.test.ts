import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newJournalId, openJournal, type JournalEntry } from '../fixes/journal';
import { WINDOWS_FIXTURES } from '../fixes/test-helpers';
import { REPLAY_ENV } from '../windows';
import { createNodeAppService } from './node-deps';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A journal entry left in `applying`, as a crash in the middle of a fix leaves it (its undo comes from the fix's code). */
async function seedInterrupted(home: string, entry: Pick<JournalEntry, 'fixId' | 'executor'> & Partial<Pick<JournalEntry, 'backups' | 'written' | 'option'>>): Promise<string> {
  const journal = await openJournal(join(home, 'journal'));
  const id = newJournalId();
  const at = new Date().toISOString();
  await journal.save({
    version: 2,
    id,
    fixId: entry.fixId,
    target: '127.0.0.1',
    option: entry.option ?? null,
    executor: entry.executor,
    state: 'applying',
    createdAt: at,
    updatedAt: at,
    backups: entry.backups ?? {},
    written: entry.written ?? {},
    log: [],
    error: null,
  });
  return id;
}

function newHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-recovery-'));
  homes.push(home);
  return home;
}

describe('fixes interrupted by a crash, at the next start', () => {
  it('an undo that needs UAC is offered in app:info, not run, and stays offered while it cannot be done here', async () => {
    const home = newHome();
    const id = await seedInterrupted(home, { fixId: 'server.enable-rdp', executor: 'live' });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([{ journalId: id, fixId: 'server.enable-rdp', undone: false, canUndo: true, message: expect.stringMatching(/administrator rights/) }]);
    const undo = await service.handlers['fix:undo']({ journalId: id });
    expect(undo.ok).toBe(false);
    expect(undo.message).toMatch(/live Windows/);
    expect((await service.handlers['app:info']({})).interruptedFixes.map((f) => f.journalId)).toEqual([id]);
    service.shutdown();
  });

  it('an undo the app can do by itself is done at start and reported as undone; user undo removes an offered one', async () => {
    const home = newHome();
    const env = { [REPLAY_ENV]: join(WINDOWS_FIXTURES, 'client-saved-creds-nla-off') };
    // The crash came while a clean .rdp file was being written where none was before: undo deletes it again.
    const outputDir = join(home, 'rdp-files');
    mkdirSync(outputDir, { recursive: true });
    const written = join(outputDir, 'written.rdp');
    writeFileSync(written, 'full address:s:127.0.0.1');
    const selfUndone = await seedInterrupted(home, {
      fixId: 'rdpfile.generate-clean',
      executor: 'local',
      option: 'written.rdp',
      backups: { 'previous-file': { copied: false } },
      written: { 'write-rdp': createHash('sha256').update('full address:s:127.0.0.1').digest('hex') },
    });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([
      { journalId: selfUndone, fixId: 'rdpfile.generate-clean', undone: true, canUndo: false, message: expect.stringMatching(/^Interrupted while applying\. Undone: Deleted /) },
    ]);
    expect(existsSync(written)).toBe(false);
    // Undoing it again is refused (already undone), and it stays reported until the user dismisses it in the UI.
    expect((await service.handlers['fix:undo']({ journalId: selfUndone })).ok).toBe(false);
    expect((await service.handlers['app:info']({})).interruptedFixes).toHaveLength(1);
    service.shutdown();
  });

  it('an interrupted fix that cannot be undone is never reported as undone', async () => {
    const home = newHome();
    // Its undo, rebuilt from the fix's code, is a note that the password cannot be restored.
    const id = await seedInterrupted(home, { fixId: 'credentials.clear', executor: 'local' });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([{ journalId: id, fixId: 'credentials.clear', undone: false, canUndo: false, message: expect.stringMatching(/cannot be undone/) }]);
    service.shutdown();
  });

  it('runs only when the app or a fix command starts: a diagnosis, a decode or a file check leave the journal alone', async () => {
    const home = newHome();
    const outputDir = join(home, 'rdp-files');
    mkdirSync(outputDir, { recursive: true });
    const written = Buffer.from('\uFEFFfull address:s:server01\r\n', 'utf16le');
    writeFileSync(join(outputDir, 'new.rdp'), written);
    const journal = await openJournal(join(home, 'journal'));
    const id = newJournalId();
    const at = new Date().toISOString();
    await journal.save({
      version: 2,
      id,
      fixId: 'rdpfile.generate-clean',
      target: 'server01',
      option: 'new.rdp',
      executor: 'local',
      state: 'applying',
      createdAt: at,
      updatedAt: at,
      backups: { 'previous-file': { copied: false } },
      written: { 'write-rdp': createHash('sha256').update(written).digest('hex') },
      log: [],
      error: null,
    });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    await service.handlers['decode:code']({ text: '0x904 0x7' });
    await service.handlers['checks:list']({});
    await service.handlers['rdpfile:inspect']({ name: 'a.rdp', contentBase64: written.toString('base64') });
    expect(existsSync(join(outputDir, 'new.rdp'))).toBe(true);
    expect((await journal.load(id)).state).toBe('applying');
    // The window asking what the app knows is the app starting: the interrupted fix is undone then.
    expect((await service.handlers['app:info']({})).interruptedFixes).toEqual([
      { journalId: id, fixId: 'rdpfile.generate-clean', undone: true, canUndo: false, message: expect.stringMatching(/Deleted .*new\.rdp, which did not exist before/) },
    ]);
    expect(existsSync(join(outputDir, 'new.rdp'))).toBe(false);
    service.shutdown();
  });

  it('an entry it does not trust is named in app:info and left as it is', async () => {
    const home = newHome();
    mkdirSync(join(home, 'journal'), { recursive: true });
    const file = join(home, 'journal', `${newJournalId()}.json`);
    writeFileSync(file, JSON.stringify({ version: 1, prepared: { undo: [{ kind: 'script', script: 'Remove-Item C:\\' }] } }));
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    const info = await service.handlers['app:info']({});
    expect(info.journalProblems).toEqual([
      expect.stringMatching(/^The journal entry .* was not used \(it was not written by this version of RDP Doctor\); it was left as it is\.$/),
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
    service.shutdown();
  });

  it('a healthy journal reports nothing', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: newHome(), env: {} });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([]);
    expect(info.journalProblems).toEqual([]);
    service.shutdown();
  });
});
