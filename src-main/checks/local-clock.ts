/** The clock local Windows evidence is judged by: the recording's moment under replay, the real clock live. */
import type { CheckContext } from './types';

/**
 * The context a Windows check judges with: under replay `now()` is the machine's `recordedAt`, so a recorded
 * certificate, event window or age reads the same on any later day; network checks keep the real clock.
 */
export function atRecordingTime(ctx: CheckContext): CheckContext {
  const recordedAt = ctx.windows?.recordedAt;
  if (!recordedAt) return ctx;
  const at = recordedAt.getTime();
  return { ...ctx, now: () => new Date(at) };
}
