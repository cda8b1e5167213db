import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closedPort } from './lab/ports';
import { startShadow, type LabShadow } from './lab/freerdp-shadow';
import { DashboardPage } from './pages/dashboard-page';
import { expect, ROOT, test } from './support/app';

/** A normal laptop screen's browser window. */
const LAPTOP = { width: 1366, height: 768 };

/** Runs the built command line to its end without blocking the lab in this process. */
function cli(args: string[], home: string): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rdp-doctor.cjs'), ...args], {
      env: { ...process.env, RDP_DOCTOR_HOME: home, RDP_DOCTOR_REPLAY: '' },
      stdio: 'ignore',
    });
    child.on('close', done);
  });
}

test.describe('the exported HTML report of the NLA-off scenario (a real freerdp-shadow requiring NLA, a .rdp file that turns it off)', () => {
  let shadow: LabShadow;
  let dir: string;

  test.beforeAll(async () => {
    shadow = await startShadow();
    dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-report-e2e-'));
  });

  test.afterAll(async () => {
    await shadow?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows the verdict, the plan and the status table within the first screen of a laptop', async ({ page }) => {
    const rdp = join(dir, 'nla-off.rdp');
    writeFileSync(rdp, `full address:s:${shadow.host}:${shadow.port}\r\nenablecredsspsupport:i:0\r\nauthentication level:i:2\r\n`);
    const out = join(dir, 'report.html');
    expect(await cli(['diagnose', `${shadow.host}:${shadow.port}`, '--rdp-file', rdp, '--error', '0x904 0x7', '--timeout', '5000', '--report', out], dir)).toBe(1);

    await page.setViewportSize(LAPTOP);
    await page.goto(pathToFileURL(out).href);
    const verdict = page.getByRole('region', { name: 'Most likely cause' });
    await expect(verdict).toContainText('The server requires NLA but this connection turns it off');
    const plan = page.getByRole('region', { name: 'What to do now' });
    await expect(plan).toContainText('Create a clean connection file');
    const table = page.getByRole('region', { name: 'Every check' }).getByRole('table');
    const firstRow = table.getByRole('row').nth(1);
    await expect(firstRow).toContainText('Name resolves to an address');
    for (const [what, box] of [
      ['verdict', await verdict.boundingBox()],
      ['plan', await plan.boundingBox()],
      ['first row of the status table', await firstRow.boundingBox()],
    ] as const) {
      expect(box, what).not.toBeNull();
      expect(box!.y + box!.height, `${what} ends within the first screen`).toBeLessThanOrEqual(LAPTOP.height);
    }
    // The section with the cause is marked as such, though its own checks passed.
    await expect(table.getByRole('cell', { name: /Authentication method.*Problem found/ })).toBeVisible();
    await page.screenshot({ path: join(ROOT, 'e2e', 'screenshots', 'report-nla-off-first-screen.png') });
  });
});

test.describe('after export', () => {
  test('browser mode names the download; "Copy summary" puts the verdict and the plan on the clipboard as plain text', async ({ page, app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await dashboard.startDiagnosis(`127.0.0.1:${await closedPort()}`);
    await dashboard.waitForFinished();
    await dashboard.exportButton.click();
    const dialog = page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByRole('checkbox', { name: 'Host names and addresses' }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^rdp-doctor-ip-1-.*\.html$/);
    await expect(dialog.getByTestId('export-done')).toHaveText(`Downloaded ${download.suggestedFilename()}. Your browser keeps it with its other downloads.`);
    // Saving to a chosen folder (with Open and Show in folder) is the app window's; the browser has its downloads.
    await expect(dialog.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Copy summary' }).click();
    await expect(dialog.getByTestId('export-note')).toHaveText('Summary copied: paste it into the ticket.');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^RDP Doctor: ip-1:\d+, /);
    expect(text).toContain('Most likely cause: Nothing is listening on the Remote Desktop port');
    expect(text).toContain('What to do now:');
    expect(text).toMatch(/Support code: RD-/);
    expect(text).not.toContain('127.0.0.1');
    await page.screenshot({ path: join(ROOT, 'e2e', 'screenshots', 'export-done.png') });
  });
});
