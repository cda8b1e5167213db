import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newJournalId, openJournal } from '../src-main/fixes/journal';
import { DashboardPage } from './pages/dashboard-page';
import { expect, startApp, test } from './support/app';

// The app crashed in the middle of two fixes last time: one it can undo by itself at start, one whose undo needs
// administrator rights and therefore waits for the user.
test('fixes a crash interrupted are reported at start, with Undo where it waits for the user', async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-e2e-recovery-'));
  const journal = await openJournal(join(home, 'journal'));
  const at = new Date().toISOString();
  const base = { version: 1, target: '127.0.0.1', state: 'applying', createdAt: at, updatedAt: at, backups: {}, log: [], error: null } as const;
  // A clean .rdp file was being written where none was before: the app deletes it again by itself.
  const written = join(home, 'written.rdp');
  writeFileSync(written, 'full address:s:127.0.0.1');
  await journal.save({
    ...base, id: newJournalId(), fixId: 'rdpfile.generate-clean', executor: 'local', backups: { 'previous-file': { copy: null } },
    prepared: { backups: [{ kind: 'copy-file', name: 'previous-file', description: 'Copy the file', path: written }], apply: [], notes: [], undo: [{ kind: 'restore-file', name: 'restore-rdp', description: 'Put the previous file back', backup: 'previous-file' }] },
  });
  await journal.save({
    ...base, id: newJournalId(), fixId: 'server.enable-rdp', executor: 'live',
    prepared: { backups: [], apply: [], notes: [], undo: [{ kind: 'script', name: 'registry-restore', description: 'Restore the saved values', script: 'x', data: {}, elevation: 'always' }] },
  });
  const app = await startApp({ replay: 'e2e/fixtures/windows/client-saved-creds-nla-off', env: { RDP_DOCTOR_HOME: home } });
  try {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    const notes = page.getByRole('region', { name: 'Interrupted fixes' });
    await expect(notes).toContainText('An interrupted fix was undone: Create a clean connection file');
    expect(existsSync(written)).toBe(false);
    await expect(notes).toContainText('A fix was interrupted: Turn on Remote Desktop');
    await expect(notes).toContainText('administrator rights');

    // This undo belongs to live Windows; under a recorded machine the app refuses it and says why.
    await notes.getByRole('button', { name: 'Undo: Turn on Remote Desktop' }).click();
    await expect(notes).toContainText(/Undo failed: .*live Windows/);
    await notes.getByRole('button', { name: 'OK' }).click();
    await expect(notes).not.toContainText('Create a clean connection file');
    await expect(notes.getByRole('button', { name: 'Undo: Turn on Remote Desktop' })).toBeVisible();
  } finally {
    await app.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
