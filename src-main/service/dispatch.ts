/** The one place a door's raw request becomes a validated handler call with an error envelope. */
import { CHANNELS, type Channel } from '../shared/channels';
import type { Envelope } from '../shared/dto';
import type { AppHandlers } from './app-service';
import { toApiError } from '../shared/errors';

/** True when `name` is a request channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

/** Validates `rawArgs` against the channel's schema, calls the handler and wraps the outcome. */
export async function dispatch(handlers: AppHandlers, channel: string, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    // Echo at most 40 characters, control characters replaced, so the error stays one line, whatever a caller sends.
    const shown = channel.slice(0, 40).replace(/[\u0000-\u001f\u007f]/g, '?');
    return { ok: false, error: { code: 'bad-input', message: `Unknown channel "${shown}".` } };
  }
  const parsed = CHANNELS[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return { ok: false, error: { code: 'bad-input', message: `Invalid request for ${channel}${where}: ${issue?.message ?? 'bad value'}.` } };
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
