import { startXrdp, type LabXrdp } from './lab/xrdp';
import { DashboardPage } from './pages/dashboard-page';
import { expect, test } from './support/app';

// A recorded Windows client (RDP_DOCTOR_REPLAY) with saved TERMSRV credentials for 127.0.0.1, diagnosing a real xrdp:
// the saved-credentials finding, then its fix dialog from preview through the replayed apply and verification (it cannot be undone).
test.describe('a recorded Windows client with saved credentials', () => {
  // bypassCSP only lets the test inject axe-core; the app's CSP is checked by start.spec.ts and the web server tests.
  test.use({ replay: 'e2e/fixtures/windows/client-saved-creds-nla-off', bypassCSP: true });
  let xrdp: LabXrdp;

  test.beforeAll(async () => {
    xrdp = await startXrdp({ securityLayer: 'negotiate' });
  });

  test.afterAll(async () => {
    await xrdp?.stop();
  });

  test('the saved-credentials fix: preview, apply (replayed), verification, no undo, and the report records it', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    // The dialog the user saw said the logon failed (0x807): with the server healthy, that and the saved credential
    // make it the most likely cause. The recorded 0x904 disconnects alone would not: a closed socket is no refused password.
    await dashboard.startDiagnosis(`127.0.0.1:${xrdp.port}`, '0x807');
    await dashboard.waitForFinished();

    await expect(dashboard.checkRowWithStatus('Saved credentials', 'warning')).toBeVisible();
    await expect(dashboard.verdict.getByRole('heading', { level: 2 })).toHaveText('Saved credentials may be outdated');
    await expect(dashboard.verdict).toContainText('TERMSRV/127.0.0.1');

    // The saved connection files read as one line; every problem is one click away.
    const files = dashboard.checkRow('Saved connection files');
    await expect(files).toContainText('2 saved connection files need attention: Default.rdp, lab (old).rdp.');
    await expect(files).not.toContainText('appears 2 times');
    await files.getByRole('button', { name: 'Show all 2' }).click();
    await expect(files).toContainText('"enablecredsspsupport" appears 2 times');
    await files.getByRole('button', { name: 'Show less' }).click();
    await expect(files).not.toContainText('appears 2 times');

    // The recorded client's failed attempts read as a timeline with the decoded disconnect reason.
    const events = await dashboard.openDetails('Client event log');
    const timeline = events.getByRole('list', { name: 'Events' });
    await expect(timeline.getByRole('listitem')).toHaveCount(2);
    await expect(timeline.getByRole('listitem').first()).toContainText('Ended with reason 2308 (0x904): socket closed');
    await expect(timeline.getByRole('listitem').first()).toContainText('Connection to 127.0.0.1');
    await dashboard.screenshot('replay-event-timeline');
    await dashboard.fixButton('Remove saved credentials').click();

    const dialog = page.getByRole('dialog', { name: 'Fix: Remove saved credentials' });
    await expect(dialog).toBeVisible();
    const changes = dialog.getByRole('region', { name: 'What will change' });
    await expect(changes).toContainText('cmdkey');
    await expect(changes).toContainText('TERMSRV/127.0.0.1');
    await expect(dialog).toContainText(/Administrator rights\s*not needed/);
    await expect(dialog).toContainText(/Checked afterwards\s*Saved credentials/);
    const backup = dialog.getByRole('region', { name: 'Backup first' });
    await expect(backup).toBeVisible();
    // The backup's script reads as code: monospace, one command per line, with a copy button.
    const script = backup.locator('pre').first();
    await expect(script).toBeVisible();
    expect(await script.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono|consol|courier/i);
    expect((await script.innerText()).split('\n').length).toBeGreaterThan(3);
    await expect(backup.getByRole('button', { name: /^Copy: / }).first()).toBeVisible();
    await dashboard.screenshot('fix-preview');
    expect(await dashboard.seriousAxeViolations()).toEqual([]);

    await dialog.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(dialog).toContainText('The fix was applied');
    await expect(dialog).toContainText('LAB\\bob');
    const verification = dialog.getByRole('region', { name: 'Verification' });
    await expect(verification).toContainText('Verified: no saved credential for this computer is left');
    await expect(verification).toContainText('Saved credentials — passed');
    await dashboard.screenshot('fix-verified');

    // A deleted password cannot be brought back: no Undo, never "Undone", and the dialog says so.
    await expect(dialog).toContainText('This cannot be undone.');
    await expect(dialog.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(dialog).not.toContainText('Undone');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    const report = await dashboard.exportReport('Data for IT tools (JSON)');
    const json = JSON.parse(report.text) as { fixesApplied: { fixId: string; status: string; verified: boolean | null }[] };
    expect(json.fixesApplied).toEqual([expect.objectContaining({ fixId: 'credentials.clear', status: 'applied', verified: true })]);
  });
});
