import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzzRuns } from '../test-support/fuzz';
import { redactReport } from './redact';
import { renderHtml } from './html';
import { sampleReport } from './test-report';
import { assertWellFormed } from './test-html';
import { renderPdf } from './pdf';
import { ReportSchema, type Report } from '../shared/schema';

/** The fixture with its secrets swapped for generated ones. */
function withSecrets(host: string, user: string, ip4: string, ip6: string): Report {
  const base = sampleReport();
  const json = JSON.stringify(base)
    .replaceAll('srv-finance01.corp.contoso.example', host)
    .replaceAll('jdoe.admin', user)
    .replaceAll('10.20.30.40', ip4)
    .replaceAll('fd12:3456:789a::15', ip6);
  return JSON.parse(json) as Report;
}

describe('redactReport (property)', () => {
  it('a host whose first label is a property name ("id.a.aa") leaves the report whole', () => {
    const redacted = redactReport(withSecrets('id.a.aa', 'ua._.', '10.20.30.40', 'fd12:3456:789a::15'), { users: true, hosts: true });
    expect(redacted.checks.every((c) => typeof c.id === 'string')).toBe(true);
    const html = renderHtml(redacted);
    expect(html.toLowerCase()).not.toContain('id.a.aa');
    expect(html).toContain('host-1');
  });

  it('leaves no generated host, user or address in the redacted JSON or HTML', () => {
    const host = fc.domain().filter((d) => d.length >= 6 && d.includes('.') && !/^(rdp|host|user|ip)\b/i.test(d));
    const user = fc.stringMatching(/^[a-z][a-z0-9._]{3,14}$/).map((u) => `u${u}`);
    const ip6 = fc.ipV6().filter((a) => /[1-9a-f]/i.test(a));
    fc.assert(
      // 0.0.0.0 (any address) names no machine and is kept on purpose.
      fc.property(
        host,
        user,
        fc.ipV4().filter((a) => a !== '0.0.0.0'),
        ip6,
        (h, u, a4, a6) => {
          const redacted = redactReport(withSecrets(h, u, a4, a6), { users: true, hosts: true });
          for (const text of [JSON.stringify(redacted), renderHtml(redacted)]) {
            const lower = text.toLowerCase();
            for (const secret of [h, u, a4, a6]) expect(lower, secret).not.toContain(secret.toLowerCase());
          }
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });
});

describe('report renderers over arbitrary evidence (property)', () => {
  it('redaction never throws and the HTML stays well-formed, whatever the evidence holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 })), fc.string({ maxLength: 60 }), (evidence, summary) => {
        const base = sampleReport(summary);
        const report: Report = { ...base, checks: base.checks.map((c, i) => (i === 2 ? { ...c, evidence: evidence as Record<string, unknown>, summary } : c)) };
        const redacted = redactReport(report, { users: true, hosts: true });
        assertWellFormed(renderHtml(redacted));
        assertWellFormed(renderHtml(report));
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('a PDF renders long unbroken values and many rows', async () => {
    const base = sampleReport('x'.repeat(3000));
    const evidence = { blob: 'y'.repeat(199), rows: Array.from({ length: 300 }, (_, i) => ({ n: i, name: `row ${i}` })) };
    const pdf = await renderPdf({ ...base, checks: base.checks.map((c) => ({ ...c, evidence })) });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('redactReport: where the Windows answers came from', () => {
  it('drops the recording folder and the host evidence file path, and pseudonymises the computer the evidence names', () => {
    const base = sampleReport();
    const report: Report = {
      ...base,
      environment: {
        ...base.environment,
        replay: '/home/jdoe/recordings/acme-hq-srv07',
        hostEvidence: { file: 'C:\\Users\\jdoe\\Downloads\\evidence-ACMEHQ-SRV07.json', computerName: 'ACMEHQ-SRV07', collectedAt: '2026-12-01T10:00:00Z', note: null },
      },
    };
    const redacted = redactReport(report, { users: true, hosts: true });
    for (const text of [JSON.stringify(redacted), renderHtml(redacted)]) {
      for (const secret of ['jdoe', 'acme-hq-srv07', 'ACMEHQ-SRV07', 'Downloads']) expect(text.toLowerCase(), secret).not.toContain(secret.toLowerCase());
    }
    expect(redacted.environment.hostEvidence?.computerName).toMatch(/^host-\d+$/);
    // The header still says where the host's answers came from, in the pseudonyms.
    expect(renderHtml(redacted)).toMatch(/Host state from[\s\S]{0,80}\(removed\), collected on host-\d+/);
    expect(renderHtml(report)).toContain('evidence-ACMEHQ-SRV07.json, collected on ACMEHQ-SRV07');
    expect(ReportSchema.safeParse(redacted).success).toBe(true);
  });
});
