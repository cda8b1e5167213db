import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { renderReport } from './index';
import { escapeHtml, renderHtml } from './html';
import { renderPdf, pdfSafe } from './pdf';
import { redactReport } from './redact';
import { sampleReport, SECRETS } from './test-report';
import { ReportSchema } from '../shared/schema';
import { assertWellFormed, wellFormedProblem } from './test-html';
import { FINDING_META } from '../shared/catalog';

/** Text shown by a PDF's uncompressed or deflated content streams (hex-encoded TJ strings). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const data = Buffer.from(m[1]!, 'latin1');
    try {
      streams.push(inflateSync(data).toString('latin1'));
    } catch {
      streams.push(m[1]!);
    }
  }
  return streams
    .join('\n')
    .split(/\n/)
    .map((l) => [...l.matchAll(/<([0-9a-f]+)>/gi)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    .join('\n');
}

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
    expect(tags.filter((t) => /\s(on[a-z]+|src|href|action)\s*=/i.test(t[2]!)).map((t) => t[0])).toEqual([]);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('&#60;script&#62;');
  });

  it('shows versions, time, target and the verdict before the checklist, and every check with its status in words', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    const at = (s: string) => html.indexOf(s);
    expect(at('0.1.0')).toBeGreaterThan(0);
    expect(at('2026-11-22T03:00:00.000Z')).toBeGreaterThan(0);
    expect(at('Most likely cause')).toBeLessThan(at('Checklist'));
    expect(at(escapeHtml(FINDING_META['certificate-expired'].title))).toBeLessThan(at('Checklist'));
    for (const c of report.checks) expect(html).toContain(escapeHtml(c.title));
    expect(html).toContain('Failed');
    expect(html).toContain('Not checked');
    expect(html).toContain('Renew the RDP certificate');
    expect(html).toMatch(/Support code: <span class="code">RD-[2-9A-HJ-NP-Z-]+<\/span>/);
    expect(html).toContain('(600 characters of data; see the JSON report)');
    expect(html).toMatch(/<th scope="col">Disconnect<\/th>/);
    expect(html).toMatch(/Error code decoding[\s\S]*<td>0x904<\/td><td>2308<\/td><td>disconnect-reason<\/td><td>disconnectReasonAtClientWinsockFDCLOSE<\/td>/);
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
