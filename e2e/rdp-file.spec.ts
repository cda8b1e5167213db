import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardPage } from './pages/dashboard-page';
import { expect, ROOT, test } from './support/app';

// The file card with real files: what it says about them, and "Make a clean copy" saving a copy that still reaches the host.
const FIXTURES = join(ROOT, 'src-main', 'rdpfile', 'fixtures');
const upload = (name: string, fixture: string) => ({ name, mimeType: 'application/x-rdp', buffer: readFileSync(join(FIXTURES, fixture)) });

test.describe('the .rdp file card', () => {
  test.use({ bypassCSP: true });

  test('a signed RD Web file: where it connects, the lost signature said before the click, and a clean copy that keeps broker and gateway', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await page.locator('input[type="file"][accept^=".rdp"]').setInputFiles(upload('WordPad.rdp', 'rdweb-remoteapp-signed.utf16le.rdp'));
    const card = page.getByRole('group', { name: 'Connection file' });
    await expect(card).toContainText('connects to the app "WordPad" on rdcb01.corp.example through gateway rdgw.corp.example');
    await expect(card.getByRole('note')).toContainText('A clean copy cannot keep that signature');
    await dashboard.screenshot('rdp-file-card-signed');
    expect(await dashboard.seriousAxeViolations()).toEqual([]);

    const downloading = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Make a clean copy' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('WordPad-clean.rdp');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString('utf16le');
    expect(text).toContain('gatewayhostname:s:rdgw.corp.example\r\n');
    expect(text).toContain('loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Office_Apps\r\n');
    expect(text).toContain('remoteapplicationprogram:s:||WordPad\r\n');
    expect(text).not.toMatch(/signscope|signature:s:|redirectclipboard/);
    await expect(card).toContainText(
      'Saved WordPad-clean.rdp. Kept what reaches the host: its address and port, the RD Gateway, the connection broker and the RemoteApp program (16 settings); left out 16 others, which take their defaults.',
    );
    // The signature is said once, beside the button, not again in the list of notes.
    await expect(card.getByText(/signed/)).toHaveCount(1);
    await dashboard.screenshot('rdp-file-card-clean-copy');
  });

  test('a clear-text password is warned about and never shown; Default.rdp reads as the defaults file with no copy to make', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await page.locator('input[type="file"][accept^=".rdp"]').setInputFiles(upload('vm01.rdp', 'script-plaintext-password.utf8.rdp'));
    const card = page.getByRole('group', { name: 'Connection file' });
    await expect(card).toContainText('connects to vm01.cloud.example:3390');
    await expect(card).toContainText('holds a password in clear text');
    await expect(page.locator('body')).not.toContainText('Tr0ub4dor');
    await expect(dashboard.target).toHaveValue('vm01.cloud.example:3390');

    await page.getByRole('button', { name: 'Remove connection file' }).click();
    await page.locator('input[type="file"][accept^=".rdp"]').setInputFiles(upload('Default.rdp', 'mstsc-win11-default.utf16le.rdp'));
    await expect(card).toContainText("is Remote Desktop Connection's defaults file and names no computer");
    await expect(card).not.toContainText('does not know');
    await expect(card.getByRole('button', { name: 'Make a clean copy' })).toHaveCount(0);
  });

  test('a Windows 365 file reads as the service through its gateway', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await page.locator('input[type="file"][accept^=".rdp"]').setInputFiles(upload('Cloud PC.rdp', 'windows365-cloudpc.utf8.rdp'));
    const card = page.getByRole('group', { name: 'Connection file' });
    await expect(card).toContainText('opens Azure Virtual Desktop workspace "Cloud PC Enterprise 4vCPU/16GB/256GB" through its gateway afdfp-rdgateway-r1.wvd.microsoft.com:443');
    await dashboard.screenshot('rdp-file-card-avd');
  });
});
