/** Wires the real modules into the service for the Node doors (CLI, browser mode, Electron main). */
import { join } from 'node:path';
import { createFixService } from '../fixes';
import { readLogTail } from '../report/log-tail';
import { parseTarget } from '../net/target';
import { namesMachine } from '../net/this-machine';
import { decodeCodes } from '../diagnosis/decode';
import { decodeSupportCode, encodeSupportCode } from '../diagnosis/support-code';
import { checkRdpFileBytes, rdpFileSummary } from '../rdpfile';
import { cleanCopyOfInput } from '../rdpfile/clean-copy';
import { createFileKnownHosts } from '../net/known-hosts-file';
import { createWindowsSource } from '../windows';
import { BadInputError } from '../shared/errors';
import { dataDir } from './paths';
import { createRecentTargets } from './recent-targets';
import { createAppService, type AppDeps, type AppService, type ReportFiles } from './app-service';
import { VERSION } from '../shared/version';

/** Options of the Node wiring: which door, and where data lives (defaults to the per-user folder). */
export interface NodeServiceOptions {
  readonly door: 'electron' | 'browser';
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The app's log file, which an exported report may attach the end of (Electron's main.log). */
  readonly logFile?: string;
  /** Saving reports where the user chooses and showing them afterwards (the app window). */
  readonly reportFiles?: ReportFiles;
  /** The app window's handle (decimal) that owns UAC prompts (Electron); absent in the CLI and browser mode. */
  readonly elevationOwner?: () => string | null;
  /** The most diagnoses that may run at once (browser mode); absent: no limit. */
  readonly maxRunningDiagnoses?: number;
}

/** Reads a .rdp file into client settings, or throws BadInputError with the parser's one-line reason. */
export function readRdpFile(name: string, bytes: Uint8Array): { settings: NonNullable<ReturnType<typeof checkRdpFileBytes>['settings']>; address: string | null } {
  const checked = checkRdpFileBytes(bytes, name);
  if (!checked.settings) throw new BadInputError(`${name}: ${checked.summary.issues[0]?.message ?? 'not a .rdp file.'}`);
  // Where a client really connects: the alternate full address when set, with the server port when the address has none.
  return { settings: checked.settings, address: checked.summary.target };
}

/** True when `target` names this computer (host fixes then apply here instead of producing a script). */
export function isLocalHost(target: string): boolean {
  try {
    return namesMachine(parseTarget(target).host);
  } catch {
    return false;
  }
}

/** Builds the dependencies of the service from the environment. */
export function createNodeDeps(options: NodeServiceOptions): AppDeps {
  const env = options.env ?? process.env;
  const home = options.dataDir ?? dataDir(env);
  const recent = createRecentTargets(join(home, 'recent-targets.json'));
  const windows = createWindowsSource({ env, platform: process.platform });
  return {
    version: VERSION,
    door: options.door,
    maxRunningDiagnoses: options.maxRunningDiagnoses,
    platform: process.platform,
    windows,
    knownHosts: createFileKnownHosts(home),
    now: () => new Date(),
    decode: decodeCodes,
    readRdpFile,
    recentTargets: recent.list,
    rememberTarget: recent.remember,
    summarizeRdpFile: rdpFileSummary,
    cleanRdpFile: cleanCopyOfInput,
    fixes: (host) =>
      createFixService({
        windows,
        journalDir: join(home, 'journal'),
        outputDir: join(home, 'rdp-files'),
        isLocalHost,
        runChecks: host.runChecks,
        recheck: host.recheck,
        lookupTask: host.lookupTask,
        ...(options.elevationOwner ? { elevationOwner: options.elevationOwner } : {}),
      }),
    // The report renderers (HTML, PDF, redaction) load when a report is asked for: a diagnosis never needs them.
    renderReport: async (report, format, redact, options) => {
      const { renderReport } = await import('../report');
      const out = await renderReport(report, format, redact, options);
      return { fileName: out.fileName, mime: out.mime, contentBase64: out.bytes.toString('base64') };
    },
    encodeSupportCode,
    decodeSupportCode,
    readLogTail: options.logFile ? () => readLogTail(options.logFile ?? '') : null,
    summarizeReport: async (report, redact) => {
      const [{ redactReport }, { summaryText }] = await Promise.all([import('../report'), import('../report/summary')]);
      return summaryText(redactReport(report, redact));
    },
    reportFiles: options.reportFiles ?? null,
  };
}

/** The service for a Node door. */
export function createNodeAppService(options: NodeServiceOptions): AppService {
  return createAppService(createNodeDeps(options));
}
