/** `rdp-doctor diagnose`: one or many targets concurrently, human output, JSON Lines or report files. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { dispatch } from '../../service/dispatch';
import type { DiagnoseRequest, ProgressEvent } from '../../shared/dto';
import type { Report } from '../../shared/schema';
import { CHECK_IDS } from '../../shared/ids';
import { parseTarget } from '../../net/target';
import { BadInputError } from '../../service/errors';
import { int, parseCommand, str } from '../args';
import { unwrap, type CliContext } from '../context';
import { createProgressLine, formatReport } from '../output';
import { EXIT, UsageError } from '../usage';

const MAX_TARGETS = 1000;
const CONCURRENCY = 64;

function readInputFile(path: string, what: string): Buffer {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > 2_000_000) throw new UsageError(`${what} ${JSON.stringify(path)} is too large.`);
    return bytes;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${what} ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  }
}

/** Builds one request per target; a target naming an existing .rdp file supplies its settings. */
function buildRequests(targets: string[], shared: Omit<DiagnoseRequest, 'target'>): DiagnoseRequest[] {
  return targets.map((t) => {
    if (/\.rdp$/i.test(t) && existsSync(t)) {
      return { ...shared, target: '', rdpFile: { name: basename(t), contentBase64: readInputFile(t, '.rdp file').toString('base64') } };
    }
    try {
      parseTarget(t);
    } catch (error) {
      throw new UsageError(error instanceof BadInputError ? error.message : String(error));
    }
    return { ...shared, target: t };
  });
}

/** Writes the report in the format its extension names. */
async function writeReport(ctx: CliContext, taskId: string, file: string): Promise<void> {
  const ext = extname(file).toLowerCase().slice(1);
  if (ext !== 'html' && ext !== 'json' && ext !== 'pdf') throw new UsageError(`--report must end in .html, .json or .pdf (got ${JSON.stringify(file)}).`);
  const out = unwrap(await dispatch(ctx.service.handlers, 'report:export', { taskId, format: ext, redact: { users: false, hosts: false } })) as { contentBase64: string };
  await writeFile(file, Buffer.from(out.contentBase64, 'base64'));
}

/** Runs `diagnose` and returns the exit code. */
export async function diagnoseCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommand('diagnose', argv, {
    targets: { type: 'string' },
    'rdp-file': { type: 'string' },
    gateway: { type: 'string' },
    error: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    report: { type: 'string' },
  });
  const targets = [...p.positionals];
  const list = str(p, 'targets');
  if (list) targets.push(...readInputFile(list, 'targets file').toString('utf8').split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
  if (targets.length === 0) throw new UsageError('diagnose: give at least one target (host, host:port or .rdp file), or --targets FILE.');
  if (targets.length > MAX_TARGETS) throw new UsageError(`diagnose: at most ${MAX_TARGETS} targets at once.`);
  const rdpPath = str(p, 'rdp-file');
  const shared: Omit<DiagnoseRequest, 'target'> = {
    ...(rdpPath ? { rdpFile: { name: basename(rdpPath), contentBase64: readInputFile(rdpPath, '.rdp file').toString('base64') } } : {}),
    ...(str(p, 'gateway') ? { gateway: str(p, 'gateway') } : {}),
    ...(str(p, 'error') ? { error: str(p, 'error') } : {}),
    ...(int(p, 'timeout', 100, 120_000) ? { timeoutMs: int(p, 'timeout', 100, 120_000) } : {}),
  };
  const requests = buildRequests(targets, shared);
  const json = p.values['json'] === true;
  const reportFile = str(p, 'report');

  const taskIds = new Set<string>();
  const progress = createProgressLine(ctx.stderr, () => requests.length * CHECK_IDS.length);
  const off = ctx.service.onProgress((e: ProgressEvent) => {
    if (taskIds.has(e.taskId)) progress.update(e);
  });
  let worst: number = EXIT.ok;
  const runOne = async (req: DiagnoseRequest, index: number): Promise<void> => {
    const { taskId } = unwrap(await dispatch(ctx.service.handlers, 'diagnosis:start', req)) as { taskId: string };
    taskIds.add(taskId);
    const report: Report = await ctx.service.waitForReport(taskId);
    if (report.findings.some((f) => f.severity === 'critical' || f.severity === 'high' || f.severity === 'medium')) worst = EXIT.findings;
    if (json) ctx.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      progress.done();
      ctx.stdout.write(`${index > 0 ? '\n' : ''}${formatReport(report, ctx.color)}`);
    }
    if (reportFile) {
      const file = requests.length > 1 ? reportFile.replace(/(\.[^.]+)$/, `-${report.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${report.target.port}$1`) : reportFile;
      await writeReport(ctx, taskId, file);
    }
  };
  try {
    let next = 0;
    const workers = Array.from({ length: Math.min(CONCURRENCY, requests.length) }, async () => {
      while (next < requests.length) {
        const i = next++;
        await runOne(requests[i]!, i);
      }
    });
    await Promise.all(workers);
  } finally {
    off();
    progress.done();
  }
  return worst;
}
