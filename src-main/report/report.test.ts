import { describe, expect, it } from 'vitest';
import { renderReport } from './index';
import { escapeHtml, renderHtml } from './html';
import { renderPdf, pdfSafe } from './pdf';
import { redactReport } from './redact';
import { sampleReport, SECRETS } from './test-report';
import { ReportSchema } from '../shared/schema';
import { assertWellFormed, wellFormedProblem } from './test-html';
import { pdfText } from './test-planted';
import { FINDING_META } from '../shared/catalog';
import { FINDING_REFERENCES } from '../shared/finding-references';

const originals = [SECRETS.gateway, SECRETS.host, SECRETS.shortHost, SECRETS.user, SECRETS.ipv4, SECRETS.ipv6, SECRETS.gatewayIp, SECRETS.domain];

describe('redactReport', () => {
  it('leaves no host, user or address behind in JSON and HTML', async () => {
    for (const format of ['json', 'html'] as const) {
      const out = (await renderReport(sampleReport(), format, { users: true, hosts: true })).bytes.toString('utf8');
      for (const secret of originals) expect(out.toLowerCase(), `${format} still holds ${secret}`).not.toContain(secret.toLowerCase());
      expect(out).toContain('host-1');
      expect(out).toContain('user-1');
      expect(out).toContain('ip-1');
    }
  });

  it('is consistent: the same value gets the same placeholder everywhere', () => {
    const r = redactReport(sampleReport(), { users: true, hosts: true });
    expect(r.target.host).toBe('host-1');
    expect(r.checks.find((c) => c.id === 'client.rdp-files')?.summary).toBe('Default.rdp uses host-1');
    expect(r.findings[0]?.evidence['host']).toBe('host-1');
    const ip = r.target.addresses[0]!;
    expect(r.checks.find((c) => c.id === 'net.tcp')?.summary).toBe(`Connected to ${ip}:3389 in 3 ms`);
    expect(r.target.port).toBe(3389);
    expect(ReportSchema.parse(r)).toEqual(r);
  });

  it('redacts only what is asked', () => {
    const hostsOnly = JSON.stringify(redactReport(sampleReport(), { users: false, hosts: true }));
    expect(hostsOnly).toContain(SECRETS.user);
    expect(hostsOnly).not.toContain(SECRETS.host);
    const usersOnly = JSON.stringify(redactReport(sampleReport(), { users: true, hosts: false }));
    expect(usersOnly).not.toContain(SECRETS.user);
    expect(usersOnly).toContain(SECRETS.host);
    expect(redactReport(sampleReport(), { users: false, hosts: false })).toEqual(sampleReport());
  });

  it('keeps the words of the report readable (no over-redaction of ordinary text)', () => {
    const r = redactReport(sampleReport(), { users: true, hosts: true });
    expect(r.tool.name).toBe('rdp-doctor');
    expect(r.findings[0]?.title).toBe(FINDING_META['certificate-expired'].title);
    expect(r.errorCodes?.summary).toContain('socket closed');
  });
});

describe('renderHtml', () => {
  it('is well-formed, self-contained and escapes hostile strings', () => {
    const html = renderHtml(sampleReport('<img src=x onerror=alert(1)> </td></table><script>bad()</script> "\' `'));
    assertWellFormed(html);
    const tags = [...html.matchAll(/<([a-z][a-z0-9]*)([^<>]*)>/gi)];
    expect(tags.map((t) => t[1]!.toLowerCase()).filter((n) => ['script', 'img', 'link', 'iframe', 'object', 'embed', 'base', 'form'].includes(n))).toEqual([]);
    expect(tags.filter((t) => /\s(on[a-z]+|src|action)\s*=/i.test(t[2]!)).map((t) => t[0])).toEqual([]);
    // Links go to the report's own evidence or to the Microsoft pages of the reference table, nowhere else.
    const known = new Set(Object.values(FINDING_REFERENCES).flatMap((r) => (r ? [escapeHtml(r.url)] : [])));
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith('#evidence-') || known.has(href), href).toBe(true);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('&#60;script&#62;');
  });

  it('reads in order: target and time, verdict, the codes, the plan, every check, then the details', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    const at = (s: string) => {
      const i = html.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    const order = [
      at('<h1>RDP Doctor report</h1>'),
      at(`<strong>${SECRETS.host}:3389</strong>`),
      at('2026-11-22 03:00 UTC'),
      at('aria-label="Most likely cause"'),
      at(escapeHtml(FINDING_META['certificate-expired'].title)),
      at('<h2>The error codes</h2>'),
      at('<h2>What to do now</h2>'),
      at('Renew the RDP certificate'),
      at('<h2>Every check</h2>'),
      at('<h2>Details</h2>'),
      at('<h3>Evidence of each check</h3>'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const c of report.checks) expect(html).toContain(escapeHtml(c.title));
    expect(html).toMatch(/<td class="stat bg-fail"><span class="st-fail">✗ Failed<\/span><\/td>/);
    expect(html).toContain('0.1.0');
    expect(html).toMatch(/Support code<b>RD-[2-9A-HJ-NP-Z-]+<\/b>/);
    // The fix that ran in the session says what became of it.
    expect(html).toMatch(/Remove saved credentials <span class="muted">— on this computer<\/span> · <span class="outcome">Applied and verified<\/span>/);
    expect(html).toMatch(/Error codes, one by one[\s\S]*<td>0x904 \(2308\)<\/td><td>disconnect-reason<\/td><td>disconnectReasonAtClientWinsockFDCLOSE<\/td>/);
  });

  it('labels evidence per field and never puts raw JSON in a cell; the JSON keeps everything', async () => {
    const report = sampleReport();
    const html = renderHtml(report);
    expect(html).toContain('<th scope="row">Time left</th><td>expired 12 days ago</td>');
    expect(html).toContain('<th scope="row">Valid until</th><td>2026-11-10 00:00 UTC</td>');
    expect(html).not.toMatch(/<td>[[{]/);
    const json = JSON.parse((await renderReport(report, 'json')).bytes.toString('utf8')) as typeof report;
    expect(json.checks).toEqual(report.checks);
  });

  it('links each finding to its Microsoft page by title, in the plan and the details', () => {
    const html = renderHtml(sampleReport());
    const ref = FINDING_REFERENCES['certificate-expired'];
    expect(html).toContain(`<a href="${escapeHtml(ref.url)}" rel="noreferrer noopener">${escapeHtml(ref.title)}</a>`);
  });

  it('the well-formedness check itself catches broken markup', () => {
    expect(wellFormedProblem('<p><b>x</p></b>')).not.toBeNull();
    expect(wellFormedProblem('<p>a < b</p>')).not.toBeNull();
    expect(wellFormedProblem('<p class=x>y</p>')).not.toBeNull();
    expect(wellFormedProblem('<p class="x">y<br></p>')).toBeNull();
  });

  it('escapeHtml escapes every markup character', () => {
    expect(escapeHtml(`<a href="x">'&\``)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#96;');
  });
});

describe('renderPdf', () => {
  it('produces a PDF that carries the finding title and the target (uncompressed)', async () => {
    const pdf = await renderPdf(sampleReport(), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(FINDING_META['certificate-expired'].title);
    expect(text.replace(/\n/g, '')).toContain('certificate has expired');
    expect(text.replace(/\n/g, '')).toContain(SECRETS.host);
    expect(text.replace(/\n/g, '')).toContain('disconnectReasonAtClientWinsockFDCLOSE');
  });

  it('renders redacted through renderReport, compressed, without the originals', async () => {
    const out = await renderReport(sampleReport(), 'pdf', { users: true, hosts: true });
    expect(out.mime).toBe('application/pdf');
    expect(out.fileName).toMatch(/^rdp-doctor-host-1-2026-11-22-03-00\.pdf$/);
    const text = pdfText(out.bytes).replace(/\n/g, '');
    expect(text).toContain('host-1');
    for (const secret of originals) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('survives text the built-in fonts cannot print', async () => {
    expect(pdfSafe('Fehler ✓ 日本 ü')).toBe('Fehler ? ?? ü');
    const pdf = await renderPdf(sampleReport('日本語 ✓ \u0000 \uFFFF'), { compress: false });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });
});
