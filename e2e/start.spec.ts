import { expect, startApp, test } from './support/app';
import { findElectronBinary } from './support/electron-binary';

// `npm start` here prints the browser-mode URL and the page shows the "Remote computer" textbox.
test('npm start falls back to browser mode, says why, and serves the dashboard', async ({ page }) => {
  // Where the binary is installed `npm start` opens the window instead; electron.spec.ts covers that case.
  test.skip('path' in findElectronBinary(), 'Skipped: the Electron binary is installed, so npm start opens the window (see electron.spec.ts).');
  const app = await startApp({ viaStart: true });
  try {
    expect(app.output.join('')).toMatch(/browser mode because .*Electron/i);
    await page.goto(app.url);
    await expect(page.getByRole('textbox', { name: 'Remote computer' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run diagnosis' })).toBeVisible();
  } finally {
    await app.stop();
  }
});

test('the API refuses a missing token and a foreign origin, and answers with the token', async ({ request }) => {
  const app = await startApp();
  try {
    const invoke = `${app.origin}/api/invoke/checks:list`;
    const noToken = await request.post(invoke, { data: {} });
    expect(noToken.status()).toBe(401);
    const foreign = await request.post(invoke, { data: {}, headers: { Authorization: `Bearer ${app.token}`, Origin: 'http://evil.example' } });
    expect(foreign.status()).toBe(403);
    const ok = await request.post(invoke, { data: {}, headers: { Authorization: `Bearer ${app.token}` } });
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { ok: boolean; value: unknown[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(27);
  } finally {
    await app.stop();
  }
});
