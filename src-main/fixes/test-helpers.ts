/** Test helpers for fixes: real checks run against a (replayed) Windows source; network checks report skip. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../checks/registry';
import { makeTestContext } from '../checks/test-context';
import { CHECK_META } from '../shared/catalog';
import type { CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import type { WindowsSource } from '../windows/source';

/** The recorded machines of e2e/fixtures/windows. */
export const WINDOWS_FIXTURES = join(__dirname, '..', '..', 'e2e', 'fixtures', 'windows');

/** A fresh temporary journal folder. */
export function tempJournalDir(): string {
  return mkdtempSync(join(tmpdir(), 'rdp-doctor-journal-'));
}

/** Runs the real client/server checks on `windows`; network checks are skipped so tests stay offline. */
export function runChecksOn(windows: WindowsSource | null) {
  return async (target: string, ids: CheckId[]): Promise<CheckResult[]> => {
    const out: CheckResult[] = [];
    for (const id of ids) {
      const meta = CHECK_META[id];
      const base = { id, section: meta.section, title: meta.title, durationMs: 0 };
      if (meta.scope === 'network') {
        out.push({ ...base, status: 'skip', summary: 'Network check not run in this test.', evidence: {} });
        continue;
      }
      const r = await CHECKS[id].run(makeTestContext({ target, windows }));
      out.push({ ...base, status: r.status, summary: r.summary, evidence: r.evidence });
    }
    return out;
  };
}
