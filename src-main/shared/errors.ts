/** Error kinds the doors translate: bad input (CLI exit 2, HTTP 400) versus internal failures (exit 3). */
import type { ApiError } from './dto';

/** The user gave something unusable; the message is one clear line meant for them. */
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
}

/** Something asked for does not exist (task id, journal id). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Too much is running already (browser mode's limit on diagnoses at once): try again when one has finished. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}

/** Something asked for existed once and is no longer kept (a diagnosis evicted after newer ones). */
export class GoneError extends Error {
  override readonly name = 'GoneError';
}

/** Converts any thrown value to the envelope's error, hiding stacks from users. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof BadInputError) return { code: 'bad-input', message: error.message };
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  if (error instanceof BusyError) return { code: 'busy', message: error.message };
  if (error instanceof GoneError) return { code: 'gone', message: error.message };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message.split('\n')[0] ?? 'Internal error.' };
}
