/** The application service as the command line uses it; only the commands that diagnose, fix or serve the UI build it. */
import type { AppService } from '../service/app-service';
import { createNodeAppService } from '../service/node-deps';
import type { Envelope } from '../shared/dto';
import { UsageError } from './usage';

/** The service for one command-line run. */
export function createCliService(options: { maxRunningDiagnoses?: number } = {}): AppService {
  return createNodeAppService({ door: 'browser', ...options });
}

/** Unwraps an envelope: bad input becomes a UsageError (exit 2), anything else an internal Error (exit 3). */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  if (envelope.error.code === 'bad-input' || envelope.error.code === 'not-found') throw new UsageError(envelope.error.message);
  throw new Error(envelope.error.message);
}
