/** Host evidence for tests, made from a recorded host folder: what collect-host.ps1 would write on that machine. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_COLLECTORS, HOST_EVIDENCE_FORMAT } from './host-evidence';

/** The evidence object of recorded host `dir` (its .out files as stdout, its .err files as error records), with `overrides`. */
export function evidenceOfRecording(dir: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const machine = JSON.parse(readFileSync(join(dir, 'machine.json'), 'utf8')) as Record<string, string>;
  const collectors: Record<string, unknown> = {};
  for (const name of HOST_COLLECTORS) {
    const out = join(dir, `${name}.out`);
    const err = join(dir, `${name}.err`);
    if (existsSync(out)) collectors[name] = { stdout: readFileSync(out, 'utf8') };
    else if (existsSync(err)) {
      const recorded = JSON.parse(readFileSync(err, 'utf8')) as { message: string };
      collectors[name] = { error: { category: 'PermissionDenied', id: 'UnauthorizedAccess', message: recorded.message } };
    }
  }
  return {
    format: HOST_EVIDENCE_FORMAT,
    version: '0.1.0',
    computerName: machine['computerName'] ?? '',
    os: machine['os'] ?? '',
    language: machine['language'] ?? '',
    collectedAt: machine['recordedAt'] ?? new Date().toISOString(),
    addresses: [],
    collectors,
    ...overrides,
  };
}

/** The same as file bytes. */
export function evidenceBytes(dir: string, overrides: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify(evidenceOfRecording(dir, overrides)), 'utf8');
}
