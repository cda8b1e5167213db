import { defineConfig } from '@playwright/test';

// E2E runs against browser mode in Debian's Chromium (Playwright's own browser download is not possible here).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Names the run; the teardown fails it when a lab peer or app process outlives the specs.
  globalSetup: './e2e/support/playwright-global.ts',
  globalTeardown: './e2e/support/playwright-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    acceptDownloads: true,
    trace: 'off',
  },
});
