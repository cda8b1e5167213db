import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/shared/schema';
import { summarizeRow } from './row-summary';

// A report captured from `RDP_DOCTOR_REPLAY=e2e/fixtures/windows/client-saved-creds-nla-off rdp-doctor diagnose 127.0.0.1 --json`.
const report = JSON.parse(readFileSync(join(__dirname, '../../test-fixtures/client-saved-creds-report.json'), 'utf8')) as Report;

describe('row summaries', () => {
  it('saved connection files: one line naming the files, every problem kept behind it', () => {
    const check = report.checks.find((c) => c.id === 'client.rdp-files');
    expect(check?.summary.length).toBeGreaterThan(300);
    const summary = summarizeRow('client.rdp-files', check?.summary ?? '', check?.evidence ?? null);
    expect(summary.line).toBe('2 saved connection files need attention: Default.rdp, lab (old).rdp.');
    expect(summary.more).toHaveLength(2);
    expect(summary.more[0]).toMatch(/^Default\.rdp: NLA\/CredSSP turned off/);
    expect(summary.more[1]).toMatch(/^lab \(old\)\.rdp: /);
  });

  it('short summaries stay as they are; timestamps read as dates', () => {
    expect(summarizeRow('net.tcp', 'Port 3389 is open.', null)).toEqual({ line: 'Port 3389 is open.', more: [] });
    const cert = summarizeRow('tls.certificate', 'Certificate "lab": Expired on 2026-11-21T08:38:58.000Z.', null);
    expect(cert.line).not.toMatch(/T08:38|\.000Z/);
    expect(cert.line).toMatch(/2026/);
  });
});
