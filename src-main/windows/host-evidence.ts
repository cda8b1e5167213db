/**
 * Host evidence: the one file collect-host.ps1 writes on a host nobody can reach by Remote Desktop, read back as a
 * recorded host. Its answers go through the replay path (createRecordedSource), so the host checks judge it exactly
 * as they judge a recorded machine folder. The file is data: nothing in it is ever run.
 */
import { z } from 'zod';
import { BadInputError } from '../shared/errors';
import type { HostEvidenceSummary } from '../shared/dto';
import { namesMachine } from '../net/this-machine';
import { WindowsCollectorError, classifyStderr, describeFailure } from './errors';
import { interpretOutput } from './powershell-runner';
import { createRecordedSource, type RecordedAnswer, type RecordedMachine, type Recording, type ReplaySource } from './replay-source';
import { SERVER_SCRIPTS } from './server/scripts';
import { lazySchema } from '../shared/lazy-schema';

/** The format tag collect-host.ps1 writes; a later format that this version cannot read gets another number. */
export const HOST_EVIDENCE_FORMAT = 'rdp-doctor-host-evidence/1';

const FORMAT_FAMILY = 'rdp-doctor-host-evidence/';

/** What one collector left in the file: its stdout, or the error record that stopped it. */
const EntrySchema = lazySchema(() =>
  z.union([
    z.object({ stdout: z.string() }).strict(),
    z.object({ error: z.object({ category: z.string().max(200), id: z.string().max(1000), message: z.string().max(10_000) }).strict() }).strict(),
  ]),
);

const EvidenceSchema = lazySchema(() =>
  z.object({
    format: z.string(),
    version: z.string().max(100),
    computerName: z.string().max(255),
    os: z.string().max(300),
    language: z.string().max(100),
    collectedAt: z.string().max(40),
    addresses: z.array(z.string().max(100)).max(1000),
    collectors: z.record(z.string().max(100), EntrySchema),
  }),
);

/** A host evidence file, validated. */
export type HostEvidence = z.infer<typeof EvidenceSchema> & { readonly name: string; readonly collectedDate: Date };

type Entry = z.infer<typeof EntrySchema>;

/** The host collectors a file must hold answers for (each is a host check's input). */
export const HOST_COLLECTORS: readonly string[] = Object.keys(SERVER_SCRIPTS);

function bad(name: string, why: string): BadInputError {
  return new BadInputError(`${name} ${why}`);
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw bad(name, 'is not host evidence: it is not UTF-8 text.');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : 'not JSON';
    throw bad(name, `is not host evidence: it is not JSON (${why}).`);
  }
}

function checkFormat(raw: unknown, name: string): void {
  const format = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)['format'] : undefined;
  if (format === HOST_EVIDENCE_FORMAT) return;
  if (typeof format === 'string' && format.startsWith(FORMAT_FAMILY)) {
    throw bad(
      name,
      `was written in host evidence format ${JSON.stringify(format.slice(0, 60))}, which this version of RDP Doctor cannot read (it reads ${HOST_EVIDENCE_FORMAT}); collect it with this version's collect-host.ps1.`,
    );
  }
  throw bad(
    name,
    `is not host evidence from collect-host.ps1: its format tag is ${format === undefined ? 'missing' : JSON.stringify(String(format).slice(0, 60))}, not "${HOST_EVIDENCE_FORMAT}".`,
  );
}

function checkCollectors(collectors: Record<string, Entry>, name: string): void {
  const names = Object.keys(collectors);
  const unknown = names.filter((n) => !HOST_COLLECTORS.includes(n));
  if (unknown.length > 0) {
    const shown = unknown
      .slice(0, 3)
      .map((n) => JSON.stringify(n.slice(0, 40)))
      .join(', ');
    throw bad(name, `holds collectors that are not host collectors of this version (${shown}${unknown.length > 3 ? ', …' : ''}); collect it with this version's collect-host.ps1.`);
  }
  if (names.length === 0) throw bad(name, 'holds no host collector.');
}

/** Reads and validates host evidence bytes; throws BadInputError with one line naming the file (`name`) and what is wrong. */
export function parseHostEvidence(bytes: Uint8Array, name: string): HostEvidence {
  const raw = parseJson(bytes, name);
  checkFormat(raw, name);
  const parsed = EvidenceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join('.') : 'the file';
    throw bad(name, `is damaged host evidence (${where}: ${issue?.message ?? 'unexpected content'}).`);
  }
  const evidence = parsed.data;
  const at = Date.parse(evidence.collectedAt);
  if (!Number.isFinite(at)) throw bad(name, 'is damaged host evidence (collectedAt is not a date and time).');
  checkCollectors(evidence.collectors, name);
  return { ...evidence, name, collectedDate: new Date(at) };
}

/** One collector's entry as the runner would have reported the same run: stdout checked like live output, errors classified alike. */
function answerOf(collector: string, entry: Entry): RecordedAnswer {
  if ('error' in entry) {
    const { category, id, message } = entry.error;
    const kind = classifyStderr(`${category} ${id}: ${message}`);
    return { error: new WindowsCollectorError(kind, describeFailure(kind, collector, message), collector) };
  }
  const output = SERVER_SCRIPTS[collector as keyof typeof SERVER_SCRIPTS]?.output ?? 'json';
  try {
    return { stdout: interpretOutput({ stdout: entry.stdout, stderr: '', exitCode: 0 }, collector, output) };
  } catch (error) {
    if (error instanceof WindowsCollectorError) return { error };
    throw error;
  }
}

/** The recorded host a file describes: its collectors answer as a recording with no fix overlays. */
export function createHostEvidenceSource(evidence: HostEvidence): ReplaySource {
  const machine: RecordedMachine = {
    role: 'host',
    computerName: evidence.computerName,
    os: evidence.os,
    language: evidence.language,
    description: `host evidence ${evidence.name}`,
    recordedAt: evidence.collectedDate,
  };
  const recording: Recording = {
    async answer(name, overlay) {
      const entry = overlay === null && Object.prototype.hasOwnProperty.call(evidence.collectors, name) ? evidence.collectors[name] : undefined;
      return entry ? answerOf(name, entry) : null;
    },
  };
  return Object.assign(createRecordedSource(machine, recording, null), { fromHostEvidence: true });
}

/** Said when the evidence comes from another computer than `targetHost` (its name and addresses), or null. */
export function hostEvidenceNote(evidence: HostEvidence, targetHost: string): string | null {
  const host = targetHost.trim();
  if (host === '' || evidence.computerName.trim() === '') return null;
  if (namesMachine(host, { name: evidence.computerName, addresses: evidence.addresses.map((a) => a.toLowerCase()) })) return null;
  return `The host evidence ${evidence.name} comes from ${evidence.computerName}, not ${host}: the host checks describe ${evidence.computerName}.`;
}

/** What the start screen and the CLI say about a file. */
export function summarizeHostEvidence(evidence: HostEvidence, targetHost: string): HostEvidenceSummary {
  const collectors = Object.keys(evidence.collectors);
  return {
    name: evidence.name,
    computerName: evidence.computerName,
    os: evidence.os,
    collectedAt: evidence.collectedDate.toISOString(),
    toolVersion: evidence.version,
    collectors,
    failed: collectors.filter((n) => 'error' in (evidence.collectors[n] ?? {})),
    note: hostEvidenceNote(evidence, targetHost),
  };
}
