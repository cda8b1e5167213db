/** What every command gets: the application service, the output streams and the .rdp tools. */
import type { AppService } from '../service/app-service';
import type { Envelope } from '../shared/dto';
import { UsageError } from './usage';

/** Makes and writes a clean .rdp file for `rdp-file clean`. */
export interface RdpTools {
  generateClean(opts: { target: string; fallback: boolean; useIp: boolean; timeoutMs: number }): Promise<{ bytes: Uint8Array; notes: string[]; securityCost: string | null }>;
  /** Writes `bytes` to `path` atomically; an existing file is refused, or with `force` first copied to a free `<path>.bak` name (returned). */
  writeFile(path: string, bytes: Uint8Array, force: boolean): Promise<{ backup: string | null }>;
}

/** The environment a command runs in. */
export interface CliContext {
  readonly service: AppService;
  readonly rdp: RdpTools;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly color: boolean;
}

/** Unwraps an envelope: bad input becomes a UsageError (exit 2), anything else an internal Error (exit 3). */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  if (envelope.error.code === 'bad-input' || envelope.error.code === 'not-found') throw new UsageError(envelope.error.message);
  throw new Error(envelope.error.message);
}
