/** The one way the app makes a fix concrete: the fix's prepare plus its undo, both from the same context. */
import type { FixContext, FixDefinition, PreparedFix } from './types';

/** The prepared fix for `ctx`: backups, apply and notes from `prepare`, the undo from `undo` (what a journal entry is undone with). */
export async function prepareFix(def: FixDefinition, ctx: FixContext): Promise<PreparedFix> {
  return { ...(await def.prepare(ctx)), undo: def.undo(ctx) };
}
