/** Requests, replies and progress events of the application API, as zod schemas plus inferred types. */
import { z } from 'zod';
import { CheckIdSchema, CheckResultSchema, FindingSchema, ReportSchema, SectionIdSchema } from './schema';
import { MAX_HOST_EVIDENCE_BYTES, MAX_TARGET_LENGTH } from './limits';
import { DECODED_CODE_KINDS } from './ids';
import { lazySchema } from './lazy-schema';
import { InterruptedFixSchema } from './fix-dto';

export { MAX_TARGET_LENGTH } from './limits';
// The fix requests and replies live in their own file; every importer of the API's types still finds them here.
export * from './fix-dto';

/** A .rdp file handed over by content, so every door (CLI, IPC, browser) passes it the same way. */
export const RdpFileInputSchema = lazySchema(() =>
  z.object({
    // The name is echoed into summaries, findings and reports: a line break or NUL in it would forge lines there.
    name: z
      .string()
      .max(260)
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'a file name must not contain line breaks or other control characters'),
    contentBase64: z.string().max(2_000_000),
  }),
);
/** A .rdp file by content. */
export type RdpFileInput = z.infer<typeof RdpFileInputSchema>;

/** A host evidence file (written by collect-host.ps1 on the host) handed over by content, like a .rdp file. */
export const HostEvidenceInputSchema = lazySchema(() =>
  z.object({
    name: RdpFileInputSchema.shape.name,
    contentBase64: z.string().max(Math.ceil(MAX_HOST_EVIDENCE_BYTES / 3) * 4),
  }),
);
/** A host evidence file by content. */
export type HostEvidenceInput = z.infer<typeof HostEvidenceInputSchema>;

/** Start a diagnosis. */
export const DiagnoseRequestSchema = lazySchema(() =>
  z.object({
    target: z.string().max(MAX_TARGET_LENGTH),
    rdpFile: RdpFileInputSchema.optional(),
    gateway: z.string().max(MAX_TARGET_LENGTH).optional(),
    /** The dialog's codes or whole text, e.g. "0x904/0x7". */
    error: z.string().max(4000).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** Run only these checks (re-run one check); default all. */
    checks: z.array(CheckIdSchema).optional(),
    /** With `checks`: the finished diagnosis they re-run in; its other results are kept and the findings recomputed. */
    rerunOf: z.string().min(1).max(100).optional(),
    /** The host's evidence: its host checks answer from this file instead of from this computer. */
    hostEvidence: HostEvidenceInputSchema.optional(),
  }),
);
/** Start a diagnosis. */
export type DiagnoseRequest = z.infer<typeof DiagnoseRequestSchema>;

/** A check as `checks:list` describes it. */
export const CheckInfoSchema = lazySchema(() =>
  z.object({
    id: CheckIdSchema,
    section: SectionIdSchema,
    title: z.string(),
    scope: z.enum(['network', 'client', 'server']),
  }),
);
/** A check as listed. */
export type CheckInfo = z.infer<typeof CheckInfoSchema>;

/** Progress of a running diagnosis: plain readonly data, one event per change. */
export const ProgressEventSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('task-started'), taskId: z.string(), target: z.string(), checks: z.array(CheckIdSchema) }),
    z.object({ type: z.literal('check-started'), taskId: z.string(), id: CheckIdSchema }),
    z.object({ type: z.literal('check-progress'), taskId: z.string(), id: CheckIdSchema, message: z.string() }),
    z.object({ type: z.literal('check-finished'), taskId: z.string(), result: CheckResultSchema }),
    z.object({ type: z.literal('findings'), taskId: z.string(), findings: z.array(FindingSchema) }),
    z.object({ type: z.literal('task-finished'), taskId: z.string(), report: ReportSchema }),
    z.object({ type: z.literal('task-failed'), taskId: z.string(), message: z.string() }),
    z.object({ type: z.literal('task-cancelled'), taskId: z.string() }),
  ]),
);
/** Progress of a running diagnosis. */
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Export a finished diagnosis. */
export const ExportRequestSchema = lazySchema(() =>
  z.object({
    taskId: z.string().max(64),
    format: z.enum(['html', 'json', 'pdf']),
    redact: z.object({ users: z.boolean(), hosts: z.boolean() }),
    /** Attach the end of the app log (only where the app keeps one: AppInfo.canAttachLog). */
    includeLog: z.boolean().optional(),
    /** The reader's locale ("en-US"): a PDF is laid out on Letter where that is the norm, A4 elsewhere. */
    locale: z.string().max(64).optional(),
  }),
);
/** Export a finished diagnosis. */
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** Save a finished diagnosis's report to a file the user chooses (the app window; browser mode downloads instead). */
export const SaveReportRequestSchema = ExportRequestSchema;
/** What saving did: where the file went (its folder, for "Show in folder") or that the user cancelled. */
export const SaveReportResultSchema = lazySchema(() =>
  z.discriminatedUnion('saved', [z.object({ saved: z.literal(true), saveId: z.string(), fileName: z.string(), folder: z.string() }), z.object({ saved: z.literal(false) })]),
);
/** What saving did. */
export type SaveReportResult = z.infer<typeof SaveReportResultSchema>;

/** Open a saved report, or show it in its folder; the file is named by the id saving returned, never by a path. */
export const RevealReportRequestSchema = lazySchema(() => z.object({ saveId: z.string().min(1).max(64), action: z.enum(['open', 'folder']) }));
/** Open or show a saved report. */
export type RevealReportRequest = z.infer<typeof RevealReportRequestSchema>;

/** The plain-text summary of a finished diagnosis for a ticket, redacted like an export when asked. */
export const SummaryRequestSchema = lazySchema(() => z.object({ taskId: z.string().min(1).max(64), redact: z.object({ users: z.boolean(), hosts: z.boolean() }) }));

/** An exported report as bytes. */
export const ExportResultSchema = lazySchema(() => z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() }));
/** An exported report. */
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** The support-mode result code and what it decodes to. */
export const SupportCodeSchema = lazySchema(() =>
  z.object({
    code: z.string(),
    findings: z.array(z.object({ id: z.string(), title: z.string() })),
    failedChecks: z.array(z.string()),
    /** The fix the user's plan recommends; null when none (or the code predates it). */
    recommendedFix: z.object({ id: z.string(), title: z.string() }).nullable(),
    /** When the diagnosis ran, to ten minutes: minutes since Sunday 00:00 UTC of its week; null when unknown. */
    ranAt: z.object({ utcWeekMinute: z.number().int().nonnegative() }).nullable(),
    /** The error codes the user gave from the dialog, e.g. 0x904 and 0x7. */
    errorCodes: z.array(z.object({ kind: z.enum(DECODED_CODE_KINDS), hex: z.string() })),
  }),
);
/** The support-mode result code decoded. */
export type SupportCode = z.infer<typeof SupportCodeSchema>;

/** What the app tells the renderer about itself. */
export const AppInfoSchema = lazySchema(() =>
  z.object({
    version: z.string(),
    platform: z.string(),
    door: z.enum(['electron', 'browser']),
    replay: z.string().nullable(),
    recentTargets: z.array(z.string()),
    interruptedFixes: z.array(InterruptedFixSchema),
    /** Fix journal entries the app did not use (not written by this version, or not fitting their fix), in words; left as they are. */
    journalProblems: z.array(z.string()),
    /** The app keeps a log file that an exported report can attach. */
    canAttachLog: z.boolean(),
    /** Reports are saved to a file the user picks, which the app can then open or show in its folder (the app window). */
    canSaveReports: z.boolean(),
  }),
);
/** What the app tells the renderer about itself. */
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** A .rdp file read for the start screen: the target it names and the problems found. */
export const RdpFileSummarySchema = lazySchema(() =>
  z.object({
    name: z.string(),
    /** The host (and port when not 3389) a client dials, as a target for the diagnosis. */
    target: z.string().nullable(),
    gateway: z.string().nullable(),
    /** Where the file connects, in plain words ("connects to h:3390 through gateway g", "opens Azure Virtual Desktop workspace …"). */
    where: z.string(),
    /** A cloud service whose broker picks the session host. */
    service: z.enum(['azure-virtual-desktop']).nullable(),
    /** Signed by its publisher (signscope/signature): any rewritten copy loses the signature. */
    signed: z.boolean(),
    /** Values as written; passwords and the signature are replaced by a note. */
    settings: z.record(z.string(), z.union([z.string(), z.number()])),
    issues: z.array(z.object({ severity: z.enum(['error', 'warning', 'info']), message: z.string(), code: z.string().optional() })),
  }),
);
/** A .rdp file read for the start screen. */
export type RdpFileSummary = z.infer<typeof RdpFileSummarySchema>;

/** Make the clean copy of a .rdp file ("Make a clean copy" on the file card). */
export const RdpCleanRequestSchema = lazySchema(() =>
  z.object({
    file: RdpFileInputSchema,
    /** Add the fallback flags (NLA off, warn on server-auth failure); their cost comes back in `securityCost`. */
    fallback: z.boolean().optional(),
  }),
);
/** Make the clean copy of a .rdp file. */
export type RdpCleanRequest = z.infer<typeof RdpCleanRequestSchema>;

/** The clean copy of a .rdp file, ready to save, with what it kept and what it cost. */
export const RdpCleanCopySchema = lazySchema(() =>
  z.object({
    fileName: z.string(),
    mime: z.literal('application/x-rdp'),
    contentBase64: z.string(),
    /** Setting names kept because they reach the host, as written in the original. */
    kept: z.array(z.string()),
    /** How many other settings were left out (they take their defaults). */
    droppedCount: z.number().int(),
    /** What was kept and left out, in words. */
    summary: z.string(),
    signatureStripped: z.boolean(),
    securityCost: z.string().nullable(),
    notes: z.array(z.string()),
  }),
);
/** The clean copy of a .rdp file. */
export type RdpCleanCopy = z.infer<typeof RdpCleanCopySchema>;

/** Error envelope code: bad input (exit 2), not found, busy (too many diagnoses at once), gone (no longer kept), or internal (exit 3). */
export type ApiErrorCode = 'bad-input' | 'not-found' | 'busy' | 'gone' | 'internal' | 'cancelled';

/** An error that keeps its fields across IPC and HTTP. */
export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
}

/** Result envelope across every door: `{ ok, value }` or `{ ok: false, error }`. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** Read host evidence before a diagnosis: the file, and the computer it is meant for (to say when they differ). */
export const HostEvidenceRequestSchema = lazySchema(() => z.object({ file: HostEvidenceInputSchema, target: z.string().max(MAX_TARGET_LENGTH) }));
/** Read host evidence before a diagnosis. */
export type HostEvidenceRequest = z.infer<typeof HostEvidenceRequestSchema>;

/** What a host evidence file holds, for the start screen and the CLI. */
export const HostEvidenceSummarySchema = lazySchema(() =>
  z.object({
    name: z.string(),
    computerName: z.string(),
    os: z.string(),
    collectedAt: z.string(),
    /** The RDP Doctor version whose collect-host.ps1 wrote it. */
    toolVersion: z.string(),
    /** Collectors the file answers, and those among them that failed on the host. */
    collectors: z.array(z.string()),
    failed: z.array(z.string()),
    /** Said when the file comes from another computer than the target (the diagnosis still uses it). */
    note: z.string().nullable(),
  }),
);
/** What a host evidence file holds. */
export type HostEvidenceSummary = z.infer<typeof HostEvidenceSummarySchema>;
