import { startXrdp, type LabXrdp } from './lab/xrdp';
import { DashboardPage } from './pages/dashboard-page';
import { expect, test } from './support/app';

// A healthy xrdp (valid certificate, TLS or RDP security): a self-signed certificate is normal for Remote Desktop, so
// the verdict reads healthy and that only appears as something noticed.
test.describe('a healthy server', () => {
  test.use({ bypassCSP: true });
  let xrdp: LabXrdp;

  test.beforeAll(async () => {
    xrdp = await startXrdp({ securityLayer: 'negotiate' });
  });

  test.afterAll(async () => {
    await xrdp?.stop();
  });

  test('reads "No problem found", in green, with no "Most likely cause" region', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await dashboard.startDiagnosis(`${xrdp.host}:${xrdp.port}`);
    await dashboard.waitForFinished();
    await expect(dashboard.verdictArea.getByRole('heading', { level: 2 })).toHaveText('No problem found');
    await expect(dashboard.verdictArea).toContainText(`Remote Desktop on ${xrdp.host}:${xrdp.port} answers and its security is in order.`);
    await expect(dashboard.verdict).toHaveCount(0);
    await expect(page.getByText('Most likely cause', { exact: false })).toHaveCount(0);
    // The self-signed certificate is only noticed.
    await expect(page.getByRole('region', { name: 'Other findings' })).toContainText('The certificate is self-signed');
    expect(await dashboard.seriousAxeViolations()).toEqual([]);
    await dashboard.screenshot('verdict-healthy');
  });
});
