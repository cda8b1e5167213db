import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newJournalId, openJournal } from '../src-main/fixes/journal';
import { DashboardPage } from './pages/dashboard-page';
import { expect, startApp, test } from './support/app';

// The app crashed in the middle of two fixes last time: one it can undo by itself at start, one whose undo needs
// administrator rights and therefore waits for the user. A third record was not written by this app and is left alone.
test('fixes a crash interrupted are reported at start, with Undo where it waits for the user', async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), 'rdp-doctor-e2e-recovery-'));
  const journal = await openJournal(join(home, 'journal'));
  const at = new Date().toISOString();
  const base = { version: 2 as const, target: '127.0.0.1', option: null, state: 'applying' as const, createdAt: at, updatedAt: at, backups: {}, written: {}, log: [], error: null };
  // A clean .rdp file was being written where none was before: the app deletes it again by itself.
  mkdirSync(join(home, 'rdp-files'));
  const written = join(home, 'rdp-files', 'written.rdp');
  writeFileSync(written, 'full address:s:127.0.0.1');
  await journal.save({
    ...base,
    id: newJournalId(),
    fixId: 'rdpfile.generate-clean',
    executor: 'local',
    option: 'written.rdp',
    backups: { 'previous-file': { copied: false } },
    written: { 'write-rdp': createHash('sha256').update('full address:s:127.0.0.1').digest('hex') },
  });
  await journal.save({ ...base, id: newJournalId(), fixId: 'server.enable-rdp', executor: 'live' });
  const planted = newJournalId();
  writeFileSync(
    join(home, 'journal', `${planted}.json`),
    JSON.stringify({ ...base, version: 1, id: planted, fixId: 'server.enable-rdp', executor: 'live', prepared: { undo: [{ kind: 'script', script: 'x', elevation: 'none' }] } }),
  );
  const app = await startApp({ replay: 'e2e/fixtures/windows/client-saved-creds-nla-off', env: { RDP_DOCTOR_HOME: home } });
  try {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    const notes = page.getByRole('region', { name: 'Interrupted fixes' });
    await expect(notes).toContainText('An interrupted fix was undone: Create a clean connection file');
    expect(existsSync(written)).toBe(false);
    await expect(notes).toContainText('A fix was interrupted: Turn on Remote Desktop');
    await expect(notes).toContainText('administrator rights');
    const leftAlone = notes.getByRole('group', { name: 'A fix record was left alone' });
    await expect(leftAlone).toContainText(
      `The journal entry ${planted} was not used (it was not written by this version of RDP Doctor); it was left as it is. Nothing was undone or run from it.`,
    );
    await page.screenshot({ path: 'test-results/recovery-notes.png', fullPage: true });

    // This undo belongs to live Windows; under a recorded machine the app refuses it and says why.
    await notes.getByRole('button', { name: 'Undo: Turn on Remote Desktop' }).click();
    await expect(notes).toContainText(/Undo failed: .*live Windows/);
    await leftAlone.getByRole('button', { name: 'OK' }).click();
    await expect(notes).not.toContainText('A fix record was left alone');
    await notes.getByRole('button', { name: 'OK' }).click();
    await expect(notes).not.toContainText('Create a clean connection file');
    await expect(notes.getByRole('button', { name: 'Undo: Turn on Remote Desktop' })).toBeVisible();
  } finally {
    await app.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
