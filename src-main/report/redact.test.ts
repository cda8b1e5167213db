import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactReport } from './redact';
import { renderHtml } from './html';
import { sampleReport } from './test-report';
import type { Report } from '../shared/schema';

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
  it('leaves no generated host, user or address in the redacted JSON or HTML', () => {
    const host = fc.domain().filter((d) => d.length >= 6 && d.includes('.') && !/^(rdp|host|user|ip)\b/i.test(d));
    const user = fc.stringMatching(/^[a-z][a-z0-9._]{3,14}$/).map((u) => `u${u}`);
    const ip6 = fc.ipV6().filter((a) => /[1-9a-f]/i.test(a));
    fc.assert(
      fc.property(host, user, fc.ipV4(), ip6, (h, u, a4, a6) => {
        const redacted = redactReport(withSecrets(h, u, a4, a6), { users: true, hosts: true });
        for (const text of [JSON.stringify(redacted), renderHtml(redacted)]) {
          const lower = text.toLowerCase();
          for (const secret of [h, u, a4, a6]) expect(lower, secret).not.toContain(secret.toLowerCase());
        }
      }),
      { numRuns: 150 },
    );
  });
});
