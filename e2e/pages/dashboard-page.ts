/** Page object of the dashboard: every control is found by the accessible names of docs/contract.md#accessible-names. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../support/app';

/** Escapes text for use inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An axe-core violation as the spec reports it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** The dashboard as a user (or a screen reader) sees it. */
export class DashboardPage {
  /** The "Remote computer" textbox. */
  readonly target: Locator;
  /** The "Error message or code" textbox. */
  readonly errorText: Locator;
  /** The "Run diagnosis" button. */
  readonly runButton: Locator;
  /** The "Most likely cause" region (absent when nothing medium or above was found). */
  readonly verdict: Locator;
  /** The verdict area whatever it says: "Most likely cause", or "Verdict" while checking, when healthy or stopped. */
  readonly verdictArea: Locator;
  /** The "What to do now" plan: each fix once, in order. */
  readonly plan: Locator;
  /** The "Export report" button. */
  readonly exportButton: Locator;
  /** The "Support mode" toggle. */
  readonly supportMode: Locator;
  /** The decoded-codes panel under the error textbox. */
  readonly decoded: Locator;

  constructor(readonly page: Page) {
    this.target = page.getByRole('textbox', { name: 'Remote computer' });
    this.errorText = page.getByRole('textbox', { name: 'Error message or code' });
    this.runButton = page.getByRole('button', { name: 'Run diagnosis' });
    this.verdict = page.getByRole('region', { name: 'Most likely cause' });
    this.verdictArea = page.getByRole('region', { name: /^(Most likely cause|Verdict)$/ });
    this.plan = page.getByRole('region', { name: 'What to do now' });
    this.exportButton = page.getByRole('button', { name: 'Export report' });
    this.supportMode = page.getByRole('switch', { name: 'Support mode' });
    this.decoded = page.getByRole('region', { name: 'Decoded error' });
  }

  /** Opens the app and waits for the start screen. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.target).toBeVisible();
  }

  /** Fills the start form and presses "Run diagnosis". */
  async startDiagnosis(target: string, errorText?: string): Promise<void> {
    await this.target.fill(target);
    if (errorText !== undefined) await this.errorText.fill(errorText);
    await this.runButton.click();
  }

  /** Waits until the diagnosis has finished (the export button becomes usable). */
  async waitForFinished(timeout = 90_000): Promise<void> {
    await expect(this.exportButton).toBeEnabled({ timeout });
  }

  /** The checklist item of a check, by its title (its name continues with the status in words). */
  checkRow(title: string): Locator {
    return this.page.getByRole('listitem', { name: new RegExp(`^${escapeRegExp(title)}, `) });
  }

  /** The checklist item of a check in a given status word (passed, failed, warning, ...). */
  checkRowWithStatus(title: string, status: string): Locator {
    return this.page.getByRole('listitem', { name: new RegExp(`^${escapeRegExp(title)}, ${escapeRegExp(status)}\\b`) });
  }

  /** Opens a check's details. */
  async openDetails(title: string): Promise<Locator> {
    const row = this.checkRow(title);
    await row.getByRole('button', { name: `Details: ${title}` }).click();
    return row;
  }

  /** A fix button, "Fix: <fix title>", in the "What to do now" plan (the one place each fix is offered). */
  fixButton(fixTitle: string): Locator {
    return this.plan.getByRole('button', { name: `Fix: ${fixTitle}` });
  }

  /** Exports the report in a format and returns the downloaded file's text. */
  async exportReport(
    format: 'Web page (HTML)' | 'PDF document' | 'Data for IT tools (JSON)',
    redact: { users?: boolean; hosts?: boolean } = {},
  ): Promise<{ fileName: string; text: string }> {
    await this.exportButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Export report' });
    await dialog.getByRole('radio', { name: format }).check();
    if (redact.users) await dialog.getByRole('checkbox', { name: 'User names' }).check();
    if (redact.hosts) await dialog.getByRole('checkbox', { name: 'Host names and addresses' }).check();
    const downloading = this.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    // Fail fast with the app's own message when the export is refused instead of waiting for a download that never comes.
    const refused = dialog
      .getByTestId('export-error')
      .waitFor()
      .then(async () => {
        throw new Error(`export failed: ${await dialog.getByTestId('export-error').textContent()}`);
      });
    const download = await Promise.race([downloading, refused]);
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    await dialog.getByRole('button', { name: 'Close' }).click();
    return { fileName: download.suggestedFilename(), text };
  }

  /** Runs axe-core on the page and returns the serious and critical violations (needs bypassCSP to inject the script). */
  async seriousAxeViolations(): Promise<AxeViolation[]> {
    await this.page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await this.page.locator('html').evaluate(async (html) => {
      type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] }[] };
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<AxeResult> } }).axe;
      const result = await axe.run(html.ownerDocument, { resultTypes: ['violations'] });
      // Fluent's focus management (tabster) places focusable, aria-hidden <i data-tabster-dummy> guards that only pass
      // focus on; Microsoft's own checkers exclude exactly these from aria-hidden-focus as a known false positive
      // (microsoft/tabster#288, microsoft/accessibility-insights-web#7605). Only those nodes are dropped, nothing else.
      const isTabsterGuard = (rule: string, node: { html: string }): boolean => rule === 'aria-hidden-focus' && /^<i [^>]*data-tabster-dummy/.test(node.html);
      return result.violations
        .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterGuard(v.id, n)) }))
        .filter((v) => v.nodes.length > 0)
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  /** Every screen has exactly one h1 (the start form's question, or the diagnosed computer once it folds). */
  async expectOneH1(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveCount(1);
  }

  /** A checklist row that is running right now. */
  runningRow(): Locator {
    return this.page.getByRole('listitem', { name: /, running$/ });
  }

  /** Presses Tab until `locator` has focus (at most `limit` presses); fails if it never does. */
  async tabTo(locator: Locator, limit = 40): Promise<void> {
    await expect(locator).toBeVisible();
    for (let i = 0; i < limit; i += 1) {
      if (await locator.evaluate((el) => el === el.ownerDocument.activeElement, undefined, { timeout: 2000 })) return;
      await this.page.keyboard.press('Tab');
    }
    await expect(locator).toBeFocused();
  }

  /** Saves a full-page screenshot under e2e/screenshots/. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(ROOT, 'e2e', 'screenshots', `${name}.png`), fullPage: true });
  }
}
