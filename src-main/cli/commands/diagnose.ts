/** `rdp-doctor diagnose`: one or many targets concurrently, human output, JSON Lines or report files. */
// First: zod's setting must be in place before any schema module runs (one-shot.ts).
import '../one-shot';
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { dispatch } from '../../service/dispatch';
import type { DiagnoseRequest, ExportRequest, HostEvidenceSummary, ProgressEvent } from '../../shared/dto';
import type { Report } from '../../shared/schema';
import { CHECK_IDS } from '../../shared/ids';
import { MAX_HOST_EVIDENCE_BYTES, MAX_RDP_FILE_BYTES } from '../../shared/limits';
import { isHealthy } from '../../shared/verdict';
import { parseTarget } from '../../net/target';
import { BadInputError } from '../../shared/errors';
import { int, parseCommand, str } from '../args';
import { readInputFile } from '../input-file';
import { checkOutputFolder, checkOutputPath, writeWithBackup } from '../output-file';
import { jsonLine, type CliCommand } from '../command';
import { batchConcurrency, createPacer, socketBudget } from '../concurrency';
import { setSocketBudget } from '../../net/socket-budget';
import { setStagedNegotiation } from '../../net/negotiation';
import { createCliService, unwrap } from '../service';
import type { AppService } from '../../service/app-service';
import { clean, createProgressLine, formatReport, formatSummary } from '../output';
import { localeFromEnvironment } from '../../report/paper';
import { EXIT, UsageError } from '../usage';

const MAX_TARGETS = 1000;

// A thousand targets of at most 300 characters each, with room for comments.
const MAX_TARGETS_FILE_BYTES = 2_000_000;

async function readRdpInput(path: string): Promise<NonNullable<DiagnoseRequest['rdpFile']>> {
  return { name: basename(path).slice(-260), contentBase64: (await readInputFile(path, 'the .rdp file', MAX_RDP_FILE_BYTES)).toString('base64') };
}

async function readHostEvidence(path: string): Promise<NonNullable<DiagnoseRequest['hostEvidence']>> {
  return { name: basename(path).slice(-260), contentBase64: (await readInputFile(path, 'the host evidence file', MAX_HOST_EVIDENCE_BYTES)).toString('base64') };
}

/** Reads the host evidence once (a bad file is one line, exit 2) and says, per target, when it comes from another computer. */
async function checkHostEvidence(service: AppService, requests: readonly DiagnoseRequest[], io: { stderr: { write(text: string): unknown } }): Promise<void> {
  for (const req of requests) {
    if (!req.hostEvidence) continue;
    const summary = unwrap(await dispatch(service.handlers, 'hostevidence:inspect', { file: req.hostEvidence, target: req.target })) as HostEvidenceSummary;
    if (summary.note) io.stderr.write(`Note: ${clean(summary.note)}\n`);
  }
}

/** Builds one request per target; a target naming an existing .rdp file supplies its settings. */
async function buildRequests(targets: string[], shared: Omit<DiagnoseRequest, 'target'>): Promise<DiagnoseRequest[]> {
  const requests: DiagnoseRequest[] = [];
  for (const t of targets) {
    if (/\.rdp$/i.test(t) && existsSync(t)) {
      requests.push({ ...shared, target: '', rdpFile: await readRdpInput(t) });
      continue;
    }
    try {
      parseTarget(t);
    } catch (error) {
      throw new UsageError(error instanceof BadInputError ? error.message : String(error));
    }
    requests.push({ ...shared, target: t });
  }
  return requests;
}

/** The report of a finished task in `format`, through the same export as the other doors; --redact hides what both boxes of the export dialog hide. */
async function exportReport(service: AppService, taskId: string, format: ExportRequest['format'], redact: boolean): Promise<Buffer> {
  const locale = localeFromEnvironment(process.env);
  const request = { taskId, format, redact: { users: redact, hosts: redact }, ...(locale ? { locale: locale.slice(0, 64) } : {}) };
  const out = unwrap(await dispatch(service.handlers, 'report:export', request)) as { contentBase64: string };
  return Buffer.from(out.contentBase64, 'base64');
}

/** The report format --report FILE names by its extension, or a UsageError. */
function reportFormat(file: string): ExportRequest['format'] {
  const ext = extname(file).toLowerCase().slice(1);
  if (ext !== 'html' && ext !== 'json' && ext !== 'pdf') throw new UsageError(`--report must end in .html, .json or .pdf (got ${JSON.stringify(file)}).`);
  return ext;
}

/**
 * Checks --report FILE before any diagnosis runs: its extension, its folder, and (one target) the file itself. With
 * several targets each report's name comes from its target, so those are checked again as they are written.
 */
async function checkReportPath(file: string, force: boolean, several: boolean): Promise<void> {
  reportFormat(file);
  if (several) await checkOutputFolder(file, '--report FILE');
  else await checkOutputPath(file, force, '--report FILE');
}

/** Writes the report in the format its extension names: new, or with --force replacing the old after a .bak copy. */
async function writeReport(service: AppService, taskId: string, file: string, redact: boolean, force: boolean): Promise<void> {
  await writeWithBackup(file, await exportReport(service, taskId, reportFormat(file), redact), force, '--report FILE');
}

/** The report as printed: with --redact, the redacted one the files get, so nothing identifying reaches the terminal either. */
async function printedReport(service: AppService, taskId: string, report: Report, redact: boolean): Promise<Report> {
  return redact ? (JSON.parse((await exportReport(service, taskId, 'json', true)).toString('utf8')) as Report) : report;
}

/** Runs `diagnose` and returns the exit code. */
export const run: CliCommand = async (io, argv) => {
  const p = parseCommand('diagnose', argv, {
    targets: { type: 'string' },
    'rdp-file': { type: 'string' },
    gateway: { type: 'string' },
    error: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    report: { type: 'string' },
    force: { type: 'boolean' },
    redact: { type: 'boolean' },
    'host-evidence': { type: 'string' },
  });
  const targets = [...p.positionals];
  const list = str(p, 'targets');
  if (list)
    targets.push(
      ...(await readInputFile(list, 'the targets file', MAX_TARGETS_FILE_BYTES))
        .toString('utf8')
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean),
    );
  const rdpPath = str(p, 'rdp-file');
  // `diagnose --rdp-file F` alone diagnoses the computer the file names (its full address).
  if (targets.length === 0 && !rdpPath) throw new UsageError('diagnose: give at least one target (host, host:port or .rdp file), --targets FILE, or --rdp-file FILE.');
  if (targets.length > MAX_TARGETS) throw new UsageError(`diagnose: at most ${MAX_TARGETS} targets at once.`);
  const evidencePath = str(p, 'host-evidence');
  const shared: Omit<DiagnoseRequest, 'target'> = {
    ...(rdpPath ? { rdpFile: await readRdpInput(rdpPath) } : {}),
    ...(evidencePath ? { hostEvidence: await readHostEvidence(evidencePath) } : {}),
    ...(str(p, 'gateway') ? { gateway: str(p, 'gateway') } : {}),
    ...(str(p, 'error') ? { error: str(p, 'error') } : {}),
    ...(int(p, 'timeout', 100, 120_000) ? { timeoutMs: int(p, 'timeout', 100, 120_000) } : {}),
  };
  const requests = targets.length > 0 ? await buildRequests(targets, shared) : [{ ...shared, target: '' }];
  const json = p.values['json'] === true;
  const reportFile = str(p, 'report');
  const force = p.values['force'] === true;
  if (force && !reportFile) throw new UsageError('diagnose: --force only goes with --report FILE.');
  // Before any check runs: a bad report path is the user's to fix at once, not after the whole diagnosis.
  if (reportFile) await checkReportPath(reportFile, force, requests.length > 1);
  const redact = p.values['redact'] === true;
  const service = createCliService();
  setSocketBudget(socketBudget());
  // A batch asks each server's protocols lead first, so silent servers hold one connection each (cli/concurrency.ts).
  setStagedNegotiation(requests.length > 1);
  await checkHostEvidence(service, requests, io);

  const taskIds = new Set<string>();
  const progress = createProgressLine(io.stderr, () => requests.length * CHECK_IDS.length);
  const off = service.onProgress((e: ProgressEvent) => {
    if (taskIds.has(e.taskId)) progress.update(e);
  });
  let worst: number = EXIT.ok;
  // Results print in the order the targets were given, each as soon as the ones before it are out.
  const done: (string | undefined)[] = new Array<string | undefined>(requests.length);
  const reports: Report[] = [];
  let printed = 0;
  const flush = (): void => {
    while (printed < done.length && done[printed] !== undefined) {
      if (!json) progress.done();
      io.stdout.write(done[printed] ?? '');
      done[printed] = '';
      printed += 1;
    }
  };
  const runOne = async (req: DiagnoseRequest, index: number): Promise<void> => {
    const { taskId } = unwrap(await dispatch(service.handlers, 'diagnosis:start', req)) as { taskId: string };
    taskIds.add(taskId);
    const report: Report = await service.waitForReport(taskId);
    if (!isHealthy(report.findings)) worst = EXIT.findings;
    const shown = await printedReport(service, taskId, report, redact);
    reports[index] = shown;
    done[index] = json ? jsonLine(shown) : `${index > 0 ? '\n' : ''}${formatReport(shown, io.color)}`;
    flush();
    if (reportFile) {
      // Redacted reports of several targets are told apart by their place in the list: a host name in the file name would give it away.
      const suffix = redact ? `target-${index + 1}` : `${report.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${report.target.port}`;
      const file = requests.length > 1 ? reportFile.replace(/(\.[^.]+)$/, `-${suffix}$1`) : reportFile;
      await writeReport(service, taskId, file, redact, force);
    }
  };
  try {
    let next = 0;
    const pace = createPacer();
    const workers = Array.from({ length: batchConcurrency(requests.length) }, async () => {
      while (next < requests.length) {
        const i = next++;
        if (requests.length > 1) await pace();
        await runOne(requests[i]!, i);
      }
    });
    await Promise.all(workers);
    // Several targets end with one table; --json stays pure JSON Lines, one report per line in the order given.
    if (!json && requests.length > 1) io.stdout.write(`\n${formatSummary(reports, io.color)}`);
  } finally {
    off();
    progress.done();
  }
  return worst;
};
