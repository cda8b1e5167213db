/** Run counts for the fast-check property tests: small by default (CI), FUZZ_RUNS for long runs (`npm run fuzz`). */

/** Largest FUZZ_RUNS accepted; beyond it a typo (an extra zero or two) would run for hours. */
export const MAX_FUZZ_RUNS = 10_000_000;

/**
 * numRuns for one property: `defaultRuns`, or FUZZ_RUNS from the environment when it is set. A FUZZ_RUNS that is
 * not a whole number from 1 to MAX_FUZZ_RUNS throws, so a mistyped long run never silently runs the short one.
 */
export function fuzzRuns(defaultRuns: number, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env['FUZZ_RUNS']?.trim();
  if (raw === undefined || raw === '') return defaultRuns;
  const runs = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(runs) || runs < 1 || runs > MAX_FUZZ_RUNS) {
    throw new RangeError(`FUZZ_RUNS must be a whole number from 1 to ${MAX_FUZZ_RUNS}, got "${raw.slice(0, 20)}"`);
  }
  return runs;
}
