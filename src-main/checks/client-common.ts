/** What every client check shares: the skip without Windows, collector errors as `error`, and the target's names. */
import { parseCheckEvidence } from '../shared/evidence';
import type { CheckId } from '../shared/ids';
import { isWindowsCollectorError } from '../windows/errors';
import type { WindowsSource } from '../windows/source';
import { atRecordingTime } from './local-clock';
import type { CheckContext, CheckDefinition, CheckOutcome } from './types';
import { NEEDS_WINDOWS } from './skip-reasons';

/** Re-exported for the checks and tests that read it from here. */
export { NEEDS_WINDOWS } from './skip-reasons';

/** Runs a collector once per diagnosis (memoized by name and data) and parses its output. */
export async function collectParsed<T>(ctx: CheckContext, windows: WindowsSource, name: string, parse: (stdout: string) => T, data: Record<string, unknown> = {}): Promise<T> {
  const stdout = await ctx.memo(`windows:${name}:${JSON.stringify(data)}`, () => windows.collect(name, data, ctx.signal));
  return parse(stdout);
}

/** Builds a client check: skips without Windows or on a recorded host, turns collector errors into `error`. */
export function clientCheck<K extends CheckId>(
  id: K,
  dependsOn: readonly CheckId[],
  body: (ctx: CheckContext, windows: WindowsSource) => Promise<CheckOutcome<K>>,
): CheckDefinition<K> {
  return {
    id,
    dependsOn,
    async run(ctx: CheckContext): Promise<CheckOutcome<K>> {
      const windows = ctx.windows;
      if (!windows) return { status: 'skip', summary: `${NEEDS_WINDOWS}.`, evidence: { reason: 'no-windows' } };
      if (windows.machineRole === 'host') {
        // Host evidence stands in for this computer's Windows answers in this run.
        return windows.fromHostEvidence === true
          ? {
              status: 'skip',
              summary: "Not read: this diagnosis takes its Windows answers from the host evidence file, the remote computer's state, not this computer's.",
              evidence: { reason: 'host-evidence' },
            }
          : { status: 'skip', summary: 'The recorded machine is the remote host, not the client.', evidence: { reason: 'host-recording' } };
      }
      try {
        return await body(atRecordingTime(ctx), windows);
      } catch (e) {
        if (isWindowsCollectorError(e)) {
          return { status: 'error', summary: e.message, evidence: { errorKind: e.kind, collector: e.collector } };
        }
        throw e;
      }
    },
  };
}

/** The names the target goes by: the host as typed plus the addresses dns.resolve found. */
export function targetNames(ctx: CheckContext): string[] {
  const names = [ctx.target.host, ...(parseCheckEvidence('dns.resolve', ctx.resultOf('dns.resolve')?.evidence)?.addresses ?? [])];
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}

/** "N thing(s)" for summaries. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
