import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** A journal entry left in `applying`, as a crash in the middle of a fix leaves it. */
async function seedInterrupted(
  home: string,
  entry: Pick<JournalEntry, 'fixId' | 'executor'> & { readonly undo: JournalEntry['prepared']['undo']; readonly backups?: JournalEntry['prepared']['backups']; readonly recorded?: JournalEntry['backups'] },
): Promise<string> {
  const journal = await openJournal(join(home, 'journal'));
  const id = newJournalId();
  const at = new Date().toISOString();
  await journal.save({
    version: 1, id, fixId: entry.fixId, target: '127.0.0.1', executor: entry.executor, state: 'applying', createdAt: at, updatedAt: at,
    backups: entry.recorded ?? {}, log: [], error: null, prepared: { backups: entry.backups ?? [], apply: [], notes: [], undo: entry.undo },
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
    const id = await seedInterrupted(home, {
      fixId: 'server.enable-rdp', executor: 'live',
      undo: [{ kind: 'script', name: 'registry-restore', description: 'Restore the saved values', script: 'x', data: {}, elevation: 'always' }],
    });
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
    const written = join(home, 'written.rdp');
    writeFileSync(written, 'full address:s:127.0.0.1');
    const selfUndone = await seedInterrupted(home, {
      fixId: 'rdpfile.generate-clean', executor: 'local',
      backups: [{ kind: 'copy-file', name: 'previous-file', description: 'Copy the file', path: written }],
      recorded: { 'previous-file': { copy: null } },
      undo: [{ kind: 'restore-file', name: 'restore-rdp', description: 'Put the previous file back', backup: 'previous-file' }],
    });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([{ journalId: selfUndone, fixId: 'rdpfile.generate-clean', undone: true, canUndo: false, message: expect.stringMatching(/^Interrupted while applying\. Undone: Deleted /) }]);
    expect(existsSync(written)).toBe(false);
    // Undoing it again is refused (already undone), and it stays reported until the user dismisses it in the UI.
    expect((await service.handlers['fix:undo']({ journalId: selfUndone })).ok).toBe(false);
    expect((await service.handlers['app:info']({})).interruptedFixes).toHaveLength(1);
    service.shutdown();
  });

  it('an interrupted fix that cannot be undone is never reported as undone', async () => {
    const home = newHome();
    const id = await seedInterrupted(home, {
      fixId: 'credentials.clear', executor: 'local',
      undo: [{ kind: 'note', name: 'password-not-restorable', isIrreversible: true, description: 'A saved password cannot be read back.' }],
    });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([{ journalId: id, fixId: 'credentials.clear', undone: false, canUndo: false, message: expect.stringMatching(/cannot be undone/) }]);
    service.shutdown();
  });

  it('a healthy journal reports nothing', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: newHome(), env: {} });
    expect((await service.handlers['app:info']({})).interruptedFixes).toEqual([]);
    service.shutdown();
  });
});
