import { mkdtempSync, rmSync } from 'node:fs';
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
async function seedInterrupted(home: string, entry: Pick<JournalEntry, 'fixId' | 'executor'> & { readonly undo: JournalEntry['prepared']['undo'] }): Promise<string> {
  const journal = await openJournal(join(home, 'journal'));
  const id = newJournalId();
  const at = new Date().toISOString();
  await journal.save({
    version: 1, id, fixId: entry.fixId, target: '127.0.0.1', executor: entry.executor, state: 'applying', createdAt: at, updatedAt: at,
    backups: {}, log: [], error: null, prepared: { backups: [], apply: [], notes: [], undo: entry.undo },
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
    expect(info.interruptedFixes).toEqual([{ journalId: id, fixId: 'server.enable-rdp', undone: false, message: expect.stringMatching(/administrator rights/) }]);
    const undo = await service.handlers['fix:undo']({ journalId: id });
    expect(undo.ok).toBe(false);
    expect(undo.message).toMatch(/live Windows/);
    expect((await service.handlers['app:info']({})).interruptedFixes.map((f) => f.journalId)).toEqual([id]);
    service.shutdown();
  });

  it('an undo the app can do by itself is done at start and reported as undone; user undo removes an offered one', async () => {
    const home = newHome();
    const env = { [REPLAY_ENV]: join(WINDOWS_FIXTURES, 'client-saved-creds-nla-off') };
    const selfUndone = await seedInterrupted(home, { fixId: 'cache.clear', executor: 'replay', undo: [] });
    const service = createNodeAppService({ door: 'browser', dataDir: home, env });
    const info = await service.handlers['app:info']({});
    expect(info.interruptedFixes).toEqual([{ journalId: selfUndone, fixId: 'cache.clear', undone: true, message: expect.stringMatching(/^Interrupted while applying\. Undone/) }]);
    // Undoing it again is refused (already undone), and it stays reported until the user dismisses it in the UI.
    expect((await service.handlers['fix:undo']({ journalId: selfUndone })).ok).toBe(false);
    expect((await service.handlers['app:info']({})).interruptedFixes).toHaveLength(1);
    service.shutdown();
  });

  it('a healthy journal reports nothing', async () => {
    const service = createNodeAppService({ door: 'browser', dataDir: newHome(), env: {} });
    expect((await service.handlers['app:info']({})).interruptedFixes).toEqual([]);
    service.shutdown();
  });
});
