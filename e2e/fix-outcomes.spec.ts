import { startXrdp, type LabXrdp } from './lab/xrdp';
import { DashboardPage } from './pages/dashboard-page';
import { expect, test } from './support/app';

const CREDSSP_DIALOG = 'An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation.';

// A recorded Windows client (CredSSP policy "Force Updated Clients", a saved credential for 127.0.0.1) connecting to a
// real xrdp, with the text of the CredSSP dialog pasted: the plan, a fix verified by its intended state, and a fix
// that cannot be undone.
test.describe('fix outcomes on a recorded Windows client', () => {
  test.use({ replay: 'e2e/fixtures/windows/client-saved-creds-nla-off', bypassCSP: true });
  let xrdp: LabXrdp;

  test.beforeAll(async () => {
    xrdp = await startXrdp({ securityLayer: 'negotiate' });
  });

  test.afterAll(async () => {
    await xrdp?.stop();
  });

  test('"Allow vulnerable CredSSP" is verified by AllowEncryptionOracle=2, and "Did this fix it?" finds the cause gone', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await dashboard.startDiagnosis(`127.0.0.1:${xrdp.port}`, CREDSSP_DIALOG);
    await dashboard.waitForFinished();
    await expect(dashboard.verdict.getByRole('heading', { level: 2 })).toHaveText('CredSSP update policy blocks this connection');

    // The two fixes that lower security, each with its cost, the cause's one recommended. Removing the saved
    // credential is not offered: nothing says it failed (no logon refusal in the log, and this dialog is CredSSP's).
    const steps = dashboard.plan.getByRole('listitem');
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toContainText('Fix: Allow vulnerable CredSSP');
    await expect(steps.nth(0)).toContainText('Recommended');
    await expect(steps.nth(0)).toContainText('Lowers security: This lets the computer talk to unpatched servers');
    await expect(steps.nth(1)).toContainText('Fix: Create a clean connection file');
    await expect(steps.nth(1)).toContainText('Lowers security');
    // Each fix is offered once on the page.
    await expect(page.getByRole('button', { name: 'Fix: Allow vulnerable CredSSP' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Fix: Remove saved credentials' })).toHaveCount(0);

    await dashboard.fixButton('Allow vulnerable CredSSP').click();
    const dialog = page.getByRole('dialog', { name: 'Fix: Allow vulnerable CredSSP' });
    // Current → new values in words, above the script; the risk right by the Apply button.
    const changes = dialog.getByRole('region', { name: 'What will change' }).getByRole('table');
    await expect(changes.getByRole('row').nth(1)).toContainText('CredSSP encryption oracle policy (AllowEncryptionOracle)');
    await expect(changes.getByRole('row').nth(1)).toContainText('Force Updated Clients (0)');
    await expect(changes.getByRole('row').nth(1)).toContainText('Vulnerable (2)');
    const apply = dialog.getByRole('button', { name: 'I understand, apply the fix' });
    await expect(apply).toHaveAccessibleDescription(/^This lowers security\. This lets the computer talk to unpatched servers/);
    await dashboard.screenshot('fix-credssp-preview');
    expect(await dashboard.seriousAxeViolations()).toEqual([]);

    await apply.click();
    const verification = dialog.getByRole('region', { name: 'Verification' });
    await expect(verification.getByRole('heading')).toHaveText('Verified: CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2)');
    // The check warns about the very setting the fix made; that is the intended state, not a failure.
    await expect(verification).toContainText('Client policies — warning: CredSSP is set to "Vulnerable" (AllowEncryptionOracle=2)');
    await expect(dialog).not.toContainText('Not verified');
    // Undo restores the recorded value, so it is offered.
    await expect(dialog.getByRole('button', { name: 'Undo' })).toBeVisible();

    const did = dialog.getByRole('region', { name: 'Did this fix it?' });
    await did.getByRole('button', { name: 'Check again' }).click();
    await expect(did).toContainText('Yes: "CredSSP update policy blocks this connection" no longer shows.');
    await dashboard.screenshot('fix-credssp-verified');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dashboard.verdictArea).not.toContainText('CredSSP update policy blocks this connection');
  });

  test('removing saved credentials says "cannot be undone" next to Apply and offers no Undo', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    // The dialog said the logon failed (0x807), which makes the saved credential a cause and offers its removal.
    await dashboard.startDiagnosis(`127.0.0.1:${xrdp.port}`, '0x807');
    await dashboard.waitForFinished();
    await dashboard.fixButton('Remove saved credentials').click();
    const dialog = page.getByRole('dialog', { name: 'Fix: Remove saved credentials' });
    const changes = dialog.getByRole('region', { name: 'What will change' }).getByRole('table');
    await expect(changes).toContainText('Saved credential TERMSRV/127.0.0.1');
    await expect(changes).toContainText('saved, for user LAB\\bob');
    const apply = dialog.getByRole('button', { name: 'I understand, apply the fix' });
    await expect(apply).toHaveAccessibleDescription(/^This cannot be undone\. A saved password cannot be read back/);
    await apply.click();
    await expect(dialog.getByRole('region', { name: 'Verification' }).getByRole('heading')).toHaveText('Verified: no saved credential for this computer is left');
    await expect(dialog).toContainText('This cannot be undone.');
    await expect(dialog.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(dialog).not.toContainText('Undone');
    await dashboard.screenshot('fix-irreversible-applied');
  });
});

// A recorded Windows Server whose RDP certificate expired because MachineKeys no longer lets Windows create keys.
test.describe('the plan on a recorded host', () => {
  test.use({ replay: 'e2e/fixtures/windows/host-expired-cert' });

  test('repairing MachineKeys comes before renewing the certificate, and the renewal says so', async ({ page, app }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open(app.url);
    await dashboard.startDiagnosis('RDP-HOST01');
    await dashboard.waitForFinished();
    await expect(dashboard.verdict.getByRole('heading', { level: 2 })).toHaveText("The host's RDP certificate has expired");
    const steps = dashboard.plan.getByRole('listitem');
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText('Fix: Reset MachineKeys permissions');
    await expect(steps.nth(0)).toContainText('Recommended');
    await expect(steps.nth(1)).toContainText('Fix: Renew the RDP certificate');
    await expect(steps.nth(1)).toContainText('After step 1: Windows cannot create the new certificate’s key until the MachineKeys permissions are repaired.');
    await expect(steps.nth(2)).toContainText('Fix: Repair private key permissions');
    // Fix buttons live only in the plan.
    await expect(dashboard.verdict.getByRole('button', { name: /^Fix: / })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Other findings' }).getByRole('button', { name: /^Fix: / })).toHaveCount(0);
    await dashboard.screenshot('plan-recorded-host');
  });
});
