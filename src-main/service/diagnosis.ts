/** One diagnosis from request to report: parse the target, run the checks, apply the rules, build the report. */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_META } from '../shared/catalog';
import { CHECK_IDS, type CheckId } from '../shared/ids';
import { ReportSchema, type CheckResult, type DecodeResult, type Report } from '../shared/schema';
import type { DiagnoseRequest, HostEvidenceRequest, HostEvidenceSummary, ProgressEvent } from '../shared/dto';
import type { ClientSettings, ParsedTarget } from '../shared/target';
import type { WindowsSource } from '../windows/source';
import type { KnownHostsStore } from '../net/known-hosts-store';
import { parseTarget } from '../net/target';
import { namesMachine } from '../net/this-machine';
import { createHostEvidenceSource, hostEvidenceNote, parseHostEvidence, summarizeHostEvidence, type HostEvidence } from '../windows/host-evidence';
import { diagnose } from '../diagnosis';
import { BadInputError } from '../shared/errors';
import { runChecks } from './check-engine';
import { createThrottle } from './task-runner';

/** The default bound for every network step (`--timeout`, docs/contract.md#command-line). */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Slack on top of two timeouts for the whole diagnosis: the rules and the report after the last probe. */
export const DEADLINE_MARGIN_MS = 250;

/** The one deadline of a diagnosis: about two timeouts, whatever the server does (docs/contract.md#command-line). */
export function diagnosisDeadlineMs(timeoutMs: number): number {
  return timeoutMs * 2 + DEADLINE_MARGIN_MS;
}

/** A .rdp file as the service needs it: the client settings and the target it names. */
export interface ReadRdpFile {
  readonly settings: ClientSettings;
  readonly address: string | null;
}

/** What a diagnosis needs from the outside world; tests pass their own. */
export interface DiagnosisDeps {
  readonly version: string;
  readonly windows: WindowsSource | null;
  readonly knownHosts: KnownHostsStore;
  readonly now: () => Date;
  readonly decode: (text: string) => DecodeResult;
  readonly readRdpFile: (name: string, bytes: Uint8Array) => ReadRdpFile;
}

/**
 * The dialog's codes, or, when the pasted text has none (the CredSSP "encryption oracle" dialog shows no number),
 * the words alone: they still steer the rules, so the diagnosis starts instead of refusing the text.
 */
export function decodeOrWords(text: string, decode: (text: string) => DecodeResult): DecodeResult {
  try {
    return decode(text);
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    return { input: text.trim(), codes: [], summary: 'The error text holds no code; its words are used as they are.', corrections: [], steer: 'unknown' };
  }
}

/** The host evidence a request carries, validated (BadInputError naming the file when it is unusable), or null. */
export function requestEvidence(req: DiagnoseRequest): HostEvidence | null {
  return req.hostEvidence ? parseHostEvidence(Buffer.from(req.hostEvidence.contentBase64, 'base64'), req.hostEvidence.name) : null;
}

/** What a host evidence file holds, and whether it comes from the computer `target` names (an unreadable target names none). */
export function inspectHostEvidence(req: HostEvidenceRequest): HostEvidenceSummary {
  const evidence = parseHostEvidence(Buffer.from(req.file.contentBase64, 'base64'), req.file.name);
  let host = '';
  try {
    host = req.target.trim() ? parseTarget(req.target).host : '';
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
  }
  return summarizeHostEvidence(evidence, host);
}

/** Resolves the request's target, .rdp settings, decoded dialog codes and host evidence; throws BadInputError for bad input. */
export function prepareRequest(
  req: DiagnoseRequest,
  deps: Pick<DiagnosisDeps, 'decode' | 'readRdpFile'>,
): { target: ParsedTarget; clientSettings: ClientSettings | null; errorHint: DecodeResult | null; evidence: HostEvidence | null } {
  let clientSettings: ClientSettings | null = null;
  let fromFile: string | null = null;
  if (req.rdpFile) {
    const bytes = Buffer.from(req.rdpFile.contentBase64, 'base64');
    const read = deps.readRdpFile(req.rdpFile.name, bytes);
    clientSettings = read.settings;
    fromFile = read.address;
  }
  const text = req.target.trim() || fromFile;
  // A name ending in .rdp is a file the caller could not find, not a host to look up (.rdp is no top-level domain).
  if (!req.rdpFile && text && /\.rdp$/i.test(text)) {
    throw new BadInputError(`${JSON.stringify(text)} looks like a .rdp file, but there is no such file; give the file's path, or a host name.`);
  }
  if (!text) throw new BadInputError('No remote computer given, and the .rdp file names none (full address).');
  const target = parseTarget(text, clientSettings?.port ?? undefined);
  const errorHint = req.error?.trim() ? decodeOrWords(req.error, deps.decode) : null;
  return { target, clientSettings, errorHint, evidence: requestEvidence(req) };
}

/**
 * When replaying a recorded host and the target is that host (its computer name, or this computer), probing
 * the network would measure the machine we run on, not the recording: those checks are skipped with the reason.
 */
export function recordedHostSkip(target: ParsedTarget, windows: WindowsSource | null): ((id: CheckId) => string | null) | undefined {
  if (!windows || windows.origin !== 'replay' || windows.machineRole !== 'host' || !windows.replayDir) return undefined;
  let name: string;
  try {
    const machine = JSON.parse(readFileSync(join(windows.replayDir, 'machine.json'), 'utf8')) as { computerName?: unknown };
    name = typeof machine.computerName === 'string' ? machine.computerName.toLowerCase() : '';
  } catch {
    return undefined;
  }
  if (!namesMachine(target.host, { name, addresses: [] })) return undefined;
  return (id) => (CHECK_META[id].scope === 'network' ? 'Not probed: the target is the recorded host, whose network answers were not recorded.' : null);
}

/**
 * An Azure Virtual Desktop / Windows 365 file: the client never dials its `full address` (the service's front end)
 * or the session host; it opens the service's gateway and the broker picks the host. So the direct network
 * checks are skipped with that reason and only the gateway is probed, as the client would reach it.
 */
export function serviceSkip(settings: ClientSettings | null, gatewayOption: string | null): ((id: CheckId) => string | null) | undefined {
  if (settings?.service !== 'azure-virtual-desktop' || gatewayOption) return undefined;
  const via = settings.gateway ? ` ${settings.gateway}` : '';
  const reason = `Not probed: this is an Azure Virtual Desktop / Windows 365 file, so the client never connects here directly; it goes through the service's gateway${via} (see "gateway.probe") and the service's broker picks the session host.`;
  return (id) => (CHECK_META[id].scope === 'network' && id !== 'gateway.probe' ? reason : null);
}

/** The first skip reason any of `skips` gives for a check. */
function firstSkip(...skips: ReadonlyArray<((id: CheckId) => string | null) | undefined>): ((id: CheckId) => string | null) | undefined {
  const present = skips.filter((s): s is (id: CheckId) => string | null => s !== undefined);
  if (present.length === 0) return undefined;
  return (id) => present.map((s) => s(id)).find((r) => r !== null) ?? null;
}

/** The base report's results with the re-run ones in their place, in catalog order. */
export function mergeResults(base: readonly CheckResult[], fresh: readonly CheckResult[]): CheckResult[] {
  const byId = new Map<CheckId, CheckResult>(base.map((r) => [r.id, r]));
  for (const r of fresh) byId.set(r.id, r);
  return CHECK_IDS.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}

/**
 * Runs a whole diagnosis, streaming ProgressEvents through `emit`, and returns the validated report. With `base`
 * (a re-run of some checks in a finished diagnosis) the report holds the base's other results and findings
 * recomputed over all of them.
 */
export async function runDiagnosis(
  taskId: string,
  req: DiagnoseRequest,
  deps: DiagnosisDeps,
  emit: (event: ProgressEvent) => void,
  signal: AbortSignal,
  base?: Report,
): Promise<Report> {
  // Every check and probe of the diagnosis listens on this one signal.
  setMaxListeners(0, signal);
  const startedAt = deps.now();
  const begin = performance.now();
  const { target, clientSettings, errorHint, evidence } = prepareRequest(req, deps);
  // Host evidence stands in for this computer's Windows state, exactly as a recorded host does.
  const windows = evidence ? createHostEvidenceSource(evidence) : deps.windows;
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ids = req.checks ?? [...CHECK_IDS];
  emit({ type: 'task-started', taskId, target: target.input, checks: ids });
  const progress = createThrottle<ProgressEvent>(150, emit);
  const results: CheckResult[] = await runChecks(
    ids,
    {
      target,
      options: { timeoutMs, gateway: req.gateway?.trim() || null, errorHint, clientSettings },
      signal,
      now: deps.now,
      windows,
      knownHosts: deps.knownHosts,
    },
    {
      onStart: (id) => emit({ type: 'check-started', taskId, id }),
      onProgress: (id, message) => progress.push(id, { type: 'check-progress', taskId, id, message }),
      onFinish: (result) => {
        progress.flush();
        emit({ type: 'check-finished', taskId, result });
      },
    },
    { deadlineMs: diagnosisDeadlineMs(timeoutMs), skipReason: firstSkip(recordedHostSkip(target, windows), serviceSkip(clientSettings, req.gateway?.trim() || null)) },
  );
  const all = base ? mergeResults(base.checks, results) : results;
  const checks = new Map(all.map((r) => [r.id, r]));
  const findings = diagnose({ target, checks, errorHint, clientSettings, now: deps.now() });
  const addresses = all.find((r) => r.id === 'dns.resolve')?.evidence['addresses'];
  const report: Report = ReportSchema.parse({
    schemaVersion: 1,
    tool: { name: 'rdp-doctor', version: deps.version },
    target: {
      input: target.input,
      host: target.host,
      port: target.port,
      addresses: Array.isArray(addresses) ? addresses.filter((a): a is string => typeof a === 'string') : target.isAddress ? [target.host] : [],
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - begin),
    environment: {
      platform: process.platform,
      replay: windows?.replayDir ?? null,
      node: process.version,
      ...(evidence
        ? {
            hostEvidence: {
              file: evidence.name,
              computerName: evidence.computerName,
              collectedAt: evidence.collectedDate.toISOString(),
              note: hostEvidenceNote(evidence, target.host),
            },
          }
        : {}),
    },
    errorCodes: errorHint,
    checks: all,
    findings,
    fixesApplied: [],
  });
  emit({ type: 'findings', taskId, findings });
  return report;
}

/** Re-runs some checks against a target with default options (fix verification). */
export async function runCheckSubset(target: string, ids: CheckId[], deps: DiagnosisDeps, signal: AbortSignal): Promise<CheckResult[]> {
  const parsed = parseTarget(target);
  const wanted = new Set(ids);
  const results = await runChecks(
    ids,
    {
      target: parsed,
      options: { timeoutMs: DEFAULT_TIMEOUT_MS, gateway: null, errorHint: null, clientSettings: null },
      signal,
      now: deps.now,
      windows: deps.windows,
      knownHosts: deps.knownHosts,
    },
    { onStart: () => {}, onProgress: () => {}, onFinish: () => {} },
    { deadlineMs: diagnosisDeadlineMs(DEFAULT_TIMEOUT_MS) },
  );
  return results.filter((r) => wanted.has(r.id));
}
