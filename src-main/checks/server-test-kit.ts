/** Test support for the host checks: run all nine against a WindowsSource and collect CheckResults like the engine does. */
import { fileURLToPath } from 'node:url';
import { CHECK_META } from '../shared/catalog';
import { SERVER_CHECK_IDS, type CheckId } from '../shared/ids';
import type { CheckResult } from '../shared/schema';
import { CHECKS } from './registry';
import { makeTestContext, type TestContextInit } from './test-context';

/** The folder of recorded Windows machines. */
export const WINDOWS_FIXTURES = fileURLToPath(new URL('../../e2e/fixtures/windows/', import.meta.url));

/** The fixed clock the recordings were made against (the day after the newest recorded event). */
export const RECORDED_NOW = new Date('2026-11-21T12:00:00Z');

/** Runs every server check with one shared context (so collectors are memoized) and returns results by id. */
export async function runServerChecks(init: TestContextInit): Promise<Map<CheckId, CheckResult>> {
  const ctx = makeTestContext({ now: () => RECORDED_NOW, ...init });
  const results = new Map<CheckId, CheckResult>();
  for (const id of SERVER_CHECK_IDS) {
    const outcome = await CHECKS[id].run(ctx);
    const meta = CHECK_META[id];
    results.set(id, { id, section: meta.section, title: meta.title, durationMs: 0, ...outcome });
  }
  return results;
}

type Patch = { readonly [key: string]: unknown };

/** `base` with `patch` laid over it: objects merge key by key, anything else (arrays too) is replaced. */
function overlay(base: unknown, patch: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = overlay(base[k], v);
  return out;
}

/**
 * A host check's result as a recorded machine gave it, with `status` and the evidence fields of `patch` changed: a rule
 * test states only the facts it is about while the evidence stays whole, as the check's schema requires.
 */
export function alteredResult(recorded: Map<CheckId, CheckResult>, id: CheckId, status: CheckResult['status'], patch: Patch): CheckResult {
  const base = recorded.get(id);
  if (!base) throw new Error(`${id} is not in the recording`);
  return { ...base, status, evidence: overlay(base.evidence, patch) as Record<string, unknown> };
}
