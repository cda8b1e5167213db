import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evidenceBytes } from '../src-main/windows/test-evidence';
import { DashboardPage } from './pages/dashboard-page';
import { expect, test } from './support/app';

const HOST = resolve('e2e', 'fixtures', 'windows', 'host-expired-cert');

// "Load host evidence…": the file collect-host.ps1 wrote on a host nobody can reach, read by the page and sent by
// content; the host checks answer from it while the network checks run live from here.
test.describe('host evidence on the start screen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-evidence-e2e-'));

  async function load(page: import('@playwright/test').Page, file: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Load host evidence…' }).click();
    await (await chooser).setFiles(file);
  }

  test('the host findings of the evidence show beside the live network checks', async ({ page, app }) => {
    const file = join(dir, 'rdp-doctor-host-RDP-HOST01-20261121-120000.json');
    writeFileSync(file, evidenceBytes(HOST));
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await dashboard.target.fill('rdp-lab.invalid');
    await load(page, file);
    const loaded = page.getByRole('group', { name: 'Host evidence' });
    await expect(loaded).toContainText('rdp-doctor-host-RDP-HOST01-20261121-120000.json');
    await expect(loaded).toContainText('RDP-HOST01 (Windows Server 2019 Standard 10.0.17763), read 2026-11-21 12:00 UTC');
    // Another computer than the target: said (the diagnosis would still use the file); said no more once the target fits.
    await expect(loaded).toContainText('The host evidence rdp-doctor-host-RDP-HOST01-20261121-120000.json comes from RDP-HOST01, not rdp-lab.invalid');
    await dashboard.screenshot('host-evidence-loaded');
    await dashboard.target.fill('127.0.0.1:1');
    await expect(loaded).not.toContainText('comes from');

    await dashboard.runButton.click();
    await dashboard.waitForFinished();
    await expect(page.getByRole('region', { name: 'Diagnosed computer' })).toContainText('host checks from the evidence of RDP-HOST01');
    await expect(dashboard.checkRowWithStatus('Host RDP certificate', 'failed')).toBeVisible();
    await expect(dashboard.checkRowWithStatus('Port is reachable', 'failed')).toBeVisible();
    await expect(page.getByText(/expired/i).first()).toBeVisible();
    await dashboard.screenshot('host-evidence-diagnosis');
  });

  test('a file that is not host evidence is refused in one line, and Remove forgets a loaded one', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    const wrong = join(dir, 'report.json');
    writeFileSync(wrong, JSON.stringify({ schemaVersion: 1, tool: { name: 'rdp-doctor' } }));
    await load(page, wrong);
    await expect(page.getByText('report.json is not host evidence from collect-host.ps1: its format tag is missing, not "rdp-doctor-host-evidence/1".')).toBeVisible();
    const good = join(dir, 'good.json');
    writeFileSync(good, evidenceBytes(HOST));
    await load(page, good);
    const loaded = page.getByRole('group', { name: 'Host evidence' });
    await expect(loaded).toContainText('good.json');
    await loaded.getByRole('button', { name: 'Remove host evidence' }).click();
    await expect(loaded).toHaveCount(0);
  });
});
