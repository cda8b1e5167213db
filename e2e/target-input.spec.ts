import { startXrdp, type LabXrdp } from './lab/xrdp';
import { DashboardPage } from './pages/dashboard-page';
import { expect, test } from './support/app';

// Whatever people paste as "the computer" is diagnosed as the right host and port; impossible input is one line at the
// field and the form stays open.
test.describe('the Remote computer field', () => {
  let xrdp: LabXrdp;

  test.beforeAll(async () => {
    xrdp = await startXrdp({ securityLayer: 'negotiate' });
  });

  test.afterAll(async () => {
    await xrdp?.stop();
  });

  test('every pasted form diagnoses the host and port it names', async ({ page, app }) => {
    test.setTimeout(240_000);
    const p = xrdp.port;
    const forms: [string, string, number][] = [
      [`  127.0.0.1:${p}  `, '127.0.0.1', p],
      [`localhost:${p}`, 'localhost', p],
      ['localhost', 'localhost', 3389],
      [`[::1]:${p}`, '::1', p],
      [`rdp://127.0.0.1:${p}`, '127.0.0.1', p],
      [`rdp://full%20address=s:127.0.0.1:${p}&audiomode=i:2&disable%20themes=i:1`, '127.0.0.1', p],
      [`mstsc /v:127.0.0.1:${p}`, '127.0.0.1', p],
      ['mstsc.exe /v:localhost /admin', 'localhost', 3389],
      [`/v:127.0.0.1:${p}`, '127.0.0.1', p],
      [`full address:s:127.0.0.1:${p}`, '127.0.0.1', p],
      ['\\\\localhost', 'localhost', 3389],
    ];
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    for (const [typed, host, port] of forms) {
      await dashboard.startDiagnosis(typed);
      await dashboard.waitForFinished();
      const label = `${host.includes(':') ? `[${host}]` : host}${port === 3389 ? '' : `:${port}`}`;
      await expect(page.getByRole('heading', { level: 1 }), typed).toHaveText(label);
      // The port check names what it connected to: the address and the port.
      const tcp = dashboard.checkRow('Port is reachable');
      await expect(tcp, typed).toContainText(String(port));
      await expect(tcp, typed).toContainText(host === 'localhost' ? /localhost|127\.0\.0\.1/ : host);
      if (port === p && host !== '::1') await expect(dashboard.verdictArea.getByRole('heading', { level: 2 }), typed).toHaveText('No problem found');
      await page.getByRole('button', { name: 'New diagnosis' }).click();
    }
  });

  test('impossible input is one line at the field and the form stays', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    const cases: [string, RegExp][] = [
      ['host:99999', /^Port 99999 is out of range: a port is a number from 1 to 65535\. /],
      ['https://intranet.corp.example/rdweb', /^That is a web address, not a computer: type the computer's name/],
      ['10.0.0.300', /^10\.0\.0\.300 is not a valid IP address/],
    ];
    for (const [typed, message] of cases) {
      await dashboard.startDiagnosis(typed);
      await expect(dashboard.target).toBeFocused();
      await expect(dashboard.target).toHaveAttribute('aria-invalid', 'true');
      // Fluent ties the validation message to the field (aria-describedby, message first, then the hint): it reads next to it.
      const described = await dashboard.target.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
      expect(described, typed).toMatch(message);
      await expect(page.getByRole('region', { name: 'Diagnosed computer' })).toHaveCount(0);
      await expect(dashboard.runButton).toBeVisible();
      await expect(dashboard.verdictArea).toHaveCount(0);
    }
    await dashboard.screenshot('target-input-problem');
  });
});
