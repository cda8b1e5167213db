/** Shared frame of the host-side checks: run only on the host, read collectors once, turn failures into `error`. */
import { namesMachine, type MachineIdentity } from '../net/this-machine';
import type { CheckId } from '../shared/ids';
import { isWindowsCollectorError } from '../windows/errors';
import { atRecordingTime } from './local-clock';
import type { CheckContext, CheckDefinition, CheckOutcome } from './types';
import { NEEDS_WINDOWS } from './skip-reasons';

/** Re-exported for the checks and tests that read it from here. */
export { NEEDS_WINDOWS } from './skip-reasons';

/** Summary of a host check when the app does not run on the host. */
export const HOST_ONLY = 'Runs only on the host computer';

/** Why a host check cannot run here, or null when it can (recorded host, or live PowerShell aimed at this machine). */
export function hostSkipReason(ctx: CheckContext, machine?: MachineIdentity): string | null {
  const w = ctx.windows;
  if (!w) return NEEDS_WINDOWS;
  if (w.origin === 'replay') return w.machineRole === 'host' ? null : HOST_ONLY;
  if (w.machineRole === 'host') return null;
  return namesMachine(ctx.target.host, machine) ? null : HOST_ONLY;
}

/** Runs collector `name` once per diagnosis and parses it; every host check sharing a collector shares the result. */
export function readCollector<T>(ctx: CheckContext, name: string, parse: (stdout: string) => T): Promise<T> {
  const windows = ctx.windows;
  if (!windows) return Promise.reject(new Error(NEEDS_WINDOWS));
  return ctx.memo(`windows-server:${name}`, async () => {
    ctx.report(`Reading ${name} on this computer…`);
    return parse(await windows.collect(name, {}, ctx.signal));
  });
}

/** Like readCollector, but a failure becomes null (for collectors that only add detail). */
export async function readOptional<T>(ctx: CheckContext, name: string, parse: (stdout: string) => T): Promise<T | null> {
  try {
    return await readCollector(ctx, name, parse);
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    return null;
  }
}

/** Builds a host check: skips off the host, maps collector and parse failures to `error` with their one-line message. */
export function defineHostCheck<K extends CheckId>(id: K, run: (ctx: CheckContext) => Promise<CheckOutcome<K>>): CheckDefinition<K> {
  return {
    id,
    dependsOn: [],
    async run(ctx): Promise<CheckOutcome<K>> {
      const reason = hostSkipReason(ctx);
      if (reason) return { status: 'skip', summary: `${reason}.`, evidence: { reason } };
      try {
        return await run(atRecordingTime(ctx));
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        if (isWindowsCollectorError(e)) {
          return { status: 'error', summary: e.message, evidence: { collector: e.collector ?? null, kind: e.kind } };
        }
        throw e;
      }
    },
  };
}
