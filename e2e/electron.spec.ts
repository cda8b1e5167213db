import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startXrdp, type LabXrdp } from './lab/xrdp';
import { startXvfb, type LabXvfb } from './lab/xvfb';
import { DashboardPage } from './pages/dashboard-page';
import { ROOT } from './support/app';
import { findElectronBinary } from './support/electron-binary';

// The real Electron shell: the built main + preload, a sandboxed page, one diagnosis against the lab.
// Runs only where the Electron binary is installed (its download is not possible on every machine).

const binary = findElectronBinary();
const mainScript = join(ROOT, 'dist', 'main', 'main.cjs');
if ('reason' in binary) console.log(`electron.spec.ts: skipped because ${binary.reason}.`);

test.describe('Electron shell', () => {
  test.skip('reason' in binary, 'reason' in binary ? `Skipped: ${binary.reason}.` : '');
  test.skip(!existsSync(mainScript), 'Skipped: dist/main/main.cjs is missing; run `npm run build` first.');

  let app: ElectronApplication | undefined;
  let page: Page;
  let xrdp: LabXrdp | undefined;
  let xvfb: LabXvfb | undefined;
  let configDir: string | undefined;

  test.beforeAll(async () => {
    if (!('path' in binary)) return;
    xrdp = await startXrdp({ securityLayer: 'tls', cert: 'expired' });
    if (process.platform === 'linux' && !process.env['DISPLAY']) xvfb = await startXvfb();
    configDir = await mkdtemp(join(tmpdir(), 'rdp-doctor-electron-e2e-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    app = await electron.launch({
      executablePath: binary.path,
      // Chromium refuses to start as root without --no-sandbox; the page's JS isolation is unaffected.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainScript],
      env: { ...env, ...(xvfb ? { DISPLAY: xvfb.displayName } : {}), XDG_CONFIG_HOME: configDir, ELECTRON_DISABLE_SECURITY_WARNINGS: 'false' },
      timeout: 30_000,
    });
    page = await app.firstWindow();
    await expect(page.getByRole('textbox', { name: 'Remote computer' })).toBeVisible();
  });

  test.afterAll(async () => {
    await app?.close().catch(() => undefined);
    await xrdp?.stop();
    await xvfb?.stop();
    if (configDir) await rm(configDir, { recursive: true, force: true });
  });

  test('the page has no Node and sees exactly one bridge key, api', async () => {
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w['require'],
        process: typeof w['process'],
        buffer: typeof w['Buffer'],
        module: typeof w['module'],
        bridgeLike: ['api', 'electron', 'ipcRenderer', 'ipc', 'bridge', 'node'].filter((k) => k in w),
        apiKeys: Object.keys((w['api'] ?? {}) as object).sort(),
      };
    });
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      buffer: 'undefined',
      module: 'undefined',
      bridgeLike: ['api'],
      apiKeys: ['invoke', 'onOpenRdpFile', 'onProgress', 'ready'],
    });
    const refused = await page.evaluate(() => (window as unknown as { api: { invoke(c: string, a: unknown): Promise<unknown> } }).api.invoke('shell:exec', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  test('window.open and navigation stay inside the app', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.open('https://evil.example/', '_blank');
      window.location.href = 'https://evil.example/';
    });
    await page.waitForTimeout(500);
    expect(app?.windows()).toHaveLength(1);
    expect(page.url()).toBe(before);
  });

  test('one diagnosis against a lab xrdp with an expired certificate', async () => {
    const dashboard = new DashboardPage(page);
    await dashboard.startDiagnosis(`${xrdp?.host}:${xrdp?.port}`, '0x904 / 0x7');
    await dashboard.waitForFinished();
    await expect(dashboard.verdict).toContainText(/certificate has expired/i);
    // Electron keeps a log file, so the export dialog offers to attach it.
    await dashboard.exportButton.click();
    const dialog = page.getByRole('dialog', { name: 'Export report' });
    await expect(dialog.getByRole('checkbox', { name: /Attach the end of the app log/ })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('closes cleanly', async () => {
    const child = app?.process();
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    await app?.close();
    app = undefined;
    expect(await exited).toBe(0);
  });
});
