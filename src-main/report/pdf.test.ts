import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_META } from '../shared/catalog';
import { encodeSupportCode } from '../diagnosis/support-code';
import { localeFromEnvironment, paperSizeFor } from './paper';
import { renderPdf } from './pdf';
import { STATUS_COLOURS } from './palette';
import { pdfText } from './test-planted';
import { sampleReport } from './test-report';

/** The MediaBox of every page, in points. */
function pageSizes(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`);
}

/** "#dff6dd" as the fill-colour operator pdfkit writes for it (each channel / 255, then "scn"). */
function fillOperator(hex: string): string {
  return `${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).join(' ')} scn`;
}

describe('the PDF report', () => {
  it('follows the HTML order: verdict, codes, plan, every check, details', async () => {
    const text = pdfText(await renderPdf(sampleReport(), { compress: false })).replace(/\n/g, '');
    const at = (s: string) => {
      const i = text.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      at('RDP Doctor report'),
      at('Most likely cause'),
      at(FINDING_META['certificate-expired'].title),
      at('The error codes'),
      at('What to do now'),
      at('Every check'),
      at('Details'),
      at('Evidence of each check'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('prints the page number and the support code on every page', async () => {
    const report = sampleReport('x '.repeat(2500));
    const pdf = await renderPdf(report, { compress: false });
    const pages = pageSizes(pdf).length;
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(pdf);
    const code = encodeSupportCode(report);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text.split(`Support code ${code}`).length - 1).toBe(pages);
  });

  it('uses the status colours of the HTML report', async () => {
    const raw = (await renderPdf(sampleReport(), { compress: false })).toString('latin1');
    for (const s of ['pass', 'warn', 'fail', 'skip'] as const) expect(raw, s).toContain(fillOperator(STATUS_COLOURS[s].bg));
  });

  it('is A4, or Letter where Letter is the norm', async () => {
    expect(pageSizes(await renderPdf(sampleReport(), { locale: 'de-DE' }))[0]).toBe('595x842');
    expect(pageSizes(await renderPdf(sampleReport(), { locale: 'en-US' }))[0]).toBe('612x792');
    expect(pageSizes(await renderPdf(sampleReport()))[0]).toBe('595x842');
  });

  it('a table running onto another page says there whose it is, and no caption or heading row is left alone at a page foot', async () => {
    const base = sampleReport();
    const connections = Array.from({ length: 40 }, (_, i) => ({ address: `10.0.0.${i}`, kind: 'timeout', ms: i, message: 'no answer '.repeat(25) }));
    const report = { ...base, checks: base.checks.map((c) => (c.id === 'net.tcp' ? { ...c, evidence: { ...c.evidence, attempts: connections } } : c)) };
    const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-pdf-'));
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, await renderPdf(report));
      // poppler's pdftotext reads the file as any viewer does, page by page.
      const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
        .split('\f')
        .filter((p) => p.trim() !== '');
      const continued = pages
        .map((p) =>
          p
            .split('\n')
            .find((l) => l.trim() !== '')!
            .trim(),
        )
        .filter((l) => l.endsWith('(continued)'));
      expect(continued.length).toBeGreaterThanOrEqual(2);
      for (const line of continued) expect(line).toMatch(/^(Every check|.+ › .+ — .+) \(continued\)$/);
      for (const page of pages) {
        const lines = page.split('\n').filter((l) => l.trim() !== '');
        // The last line is the footer; the one above it is never a table's heading row.
        expect(lines.at(-2)?.trim(), page.slice(-300)).not.toMatch(/^(Field\s+Value|Address\b.*\bTime\b.*)$/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes its links out as text', async () => {
    const text = pdfText(await renderPdf(sampleReport(), { compress: false })).replace(/\n/g, '');
    expect(text).toContain('https://learn.microsoft.com/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations');
  });
});

describe('paper by locale', () => {
  it('reads the region of BCP 47 tags and POSIX locales', () => {
    expect(paperSizeFor('en-US')).toBe('LETTER');
    expect(paperSizeFor('en_US.UTF-8')).toBe('LETTER');
    expect(paperSizeFor('fr-CA')).toBe('LETTER');
    expect(paperSizeFor('es-MX')).toBe('LETTER');
    expect(paperSizeFor('en-GB')).toBe('A4');
    expect(paperSizeFor('de_DE.UTF-8')).toBe('A4');
    expect(paperSizeFor('zh-Hant-TW')).toBe('A4');
    expect(paperSizeFor('en')).toBe('A4');
    expect(paperSizeFor('')).toBe('A4');
    expect(paperSizeFor(null)).toBe('A4');
  });

  it('takes LC_ALL, then LC_PAPER, then LANG', () => {
    expect(localeFromEnvironment({ LANG: 'de_DE.UTF-8', LC_PAPER: 'en_US.UTF-8' })).toBe('en_US.UTF-8');
    expect(localeFromEnvironment({ LC_ALL: 'fr_CA.UTF-8', LC_PAPER: 'de_DE' })).toBe('fr_CA.UTF-8');
    expect(localeFromEnvironment({ LANG: 'C' })).toBeNull();
  });
});
