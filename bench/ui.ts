/** The dashboard in browser mode: time to ready from process start, and from "Run diagnosis" to the first result. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { startApp } from '../e2e/support/app';
import { median, procMb, ROOT, type Table } from './measure';

const FIRST_RESULT_GOAL_MS = 100;
const BACKEND_MEMORY_GOAL_MB = 150;
const RUNS = 5;

const IN_PAGE = `(() => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run diagnosis');
  window.benchClick = 0;
  window.benchFirst = new Promise((resolve) => {
    const result = /, (passed|warning|failed|error)(,|$)/;
    const seen = () => [...document.querySelectorAll('li[aria-label]')].some((li) => result.test(li.getAttribute('aria-label') || ''));
    const observer = new MutationObserver(() => {
      if (!window.benchClick || !seen()) return;
      observer.disconnect();
      // The next frame is the one that paints it.
      requestAnimationFrame(() => resolve(performance.now() - window.benchClick));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  });
  button.addEventListener('click', () => { window.benchClick = performance.now(); }, { capture: true, once: true });
})()`;

/**
 * Clicks "Run diagnosis" for `target` and returns the time, measured in the page, from the click to the frame that
 * shows the first check with a result (passed, warning, failed or error; a skipped Windows check is no result).
 */
async function firstResultMs(page: Page, url: string, target: string): Promise<number> {
  await page.goto(url);
  const box = page.getByRole('textbox', { name: 'Remote computer' });
  await box.fill(target);
  const button = page.getByRole('button', { name: 'Run diagnosis' });
  // In the page (plain JavaScript: this program has no DOM types): the click's time, and a promise of the first result.
  await page.evaluate(IN_PAGE);
  await button.click();
  const ms = (await page.evaluate('window.benchFirst')) as number;
  await page.locator('[role="region"][aria-busy="false"]').first().waitFor({ timeout: 20_000 });
  return ms;
}

/** Measures browser mode against the healthy xrdp at `target` and adds the rows. */
export async function measureUi(table: Table, target: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // From the moment the process is started to the page ready for input (the browser is already running).
    const start = performance.now();
    const app = await startApp();
    try {
      await page.goto(app.url);
      await page.getByRole('textbox', { name: 'Remote computer' }).waitFor();
      table.add('UI time-to-ready in browser mode, from process start', 'uiReadyMs', performance.now() - start, 'ms');
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await firstResultMs(page, app.url, target));
      const first = median(runs);
      table.add(
        `UI: first check result on screen after "Run diagnosis" (median of ${RUNS})`,
        'uiFirstResultMs',
        first,
        'ms',
        `≤ ${FIRST_RESULT_GOAL_MS} ms`,
        first <= FIRST_RESULT_GOAL_MS,
      );
      const verdict = await page.locator('[role="region"][aria-busy="false"]').first().getAttribute('aria-label');
      table.expect('UI run', verdict === 'Verdict', `the healthy xrdp's verdict region is "${verdict}", not the "No problem found" verdict`);
      const backendMb = app.pid ? procMb(app.pid, 'VmRSS') : NaN;
      table.add(
        'Backend memory (browser mode, after the diagnoses)',
        'backendMb',
        Number.isFinite(backendMb) ? backendMb : null,
        'MB',
        `< ${BACKEND_MEMORY_GOAL_MB} MB`,
        backendMb < BACKEND_MEMORY_GOAL_MB,
      );
    } finally {
      await app.stop();
    }
  } finally {
    await browser.close();
  }
  const assets = join(ROOT, 'dist', 'renderer', 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  table.add('Renderer bundle (JS + CSS)', 'bundleKb', files.reduce((n, f) => n + statSync(join(assets, f)).size, 0) / 1024, 'KB');
  table.add('Renderer bundle, gzipped', 'bundleGzKb', files.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0) / 1024, 'KB');
}
