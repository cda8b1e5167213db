/** Zod schemas of everything that crosses a boundary: the JSON report (schemaVersion 1) and its parts. */
import { z } from 'zod';
import { CHECK_IDS, CHECK_STATUSES, DECODED_CODE_KINDS, FINDING_IDS, FIX_IDS, SECTION_IDS, SEVERITIES } from './ids';
import { lazySchema } from './lazy-schema';

/** A check id. */
export const CheckIdSchema = lazySchema(() => z.enum(CHECK_IDS));
/** A finding id. */
export const FindingIdSchema = lazySchema(() => z.enum(FINDING_IDS));
/** A fix id. */
export const FixIdSchema = lazySchema(() => z.enum(FIX_IDS));
/** A section id. */
export const SectionIdSchema = lazySchema(() => z.enum(SECTION_IDS));

/** Evidence is plain JSON data, keyed by name. */
export const EvidenceSchema = lazySchema(() => z.record(z.string(), z.unknown()));

/** One check's result (docs/contract.md#json-report `checks[]`). */
export const CheckResultSchema = lazySchema(() =>
  z.object({
    id: CheckIdSchema,
    section: SectionIdSchema,
    status: z.enum(CHECK_STATUSES),
    title: z.string(),
    summary: z.string(),
    durationMs: z.number().nonnegative(),
    evidence: EvidenceSchema,
  }),
);
/** One check's result. */
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** One finding (docs/contract.md#findings and `findings[]`). */
export const FindingSchema = lazySchema(() =>
  z.object({
    id: FindingIdSchema,
    section: SectionIdSchema,
    severity: z.enum(SEVERITIES),
    confidence: z.number().min(0).max(1),
    title: z.string(),
    /** Plain words for an end user. */
    explanation: z.string(),
    /** One line for IT staff. */
    technical: z.string(),
    checks: z.array(CheckIdSchema),
    fixes: z.array(FixIdSchema),
    /** The values that matter, by name. */
    evidence: EvidenceSchema,
    /** Evidence that speaks against this cause, in words; lowers confidence. */
    contradictions: z.array(z.string()),
  }),
);
/** One finding. */
export type Finding = z.infer<typeof FindingSchema>;

/** The target as the user gave it and as it resolved. */
export const TargetSchema = lazySchema(() =>
  z.object({
    input: z.string(),
    host: z.string(),
    port: z.number().int().min(1).max(65535),
    addresses: z.array(z.string()),
  }),
);
/** The target of a diagnosis. */
export type Target = z.infer<typeof TargetSchema>;

/** One decoded number (disconnect reason, extended reason, errorInfo, FreeRDP error, support code). */
export const DecodedCodeSchema = lazySchema(() =>
  z.object({
    value: z.number().int(),
    hex: z.string(),
    kind: z.enum(DECODED_CODE_KINDS),
    name: z.string(),
    meaning: z.string(),
    /** False for codes seen in the wild that Microsoft does not document. */
    official: z.boolean(),
    notes: z.array(z.string()),
  }),
);
/** One decoded number. */
export type DecodedCode = z.infer<typeof DecodedCodeSchema>;

/** What `decode` returns: each code read, and the plain-words summary. */
export const DecodeResultSchema = lazySchema(() =>
  z.object({
    input: z.string(),
    codes: z.array(DecodedCodeSchema),
    summary: z.string(),
    /** Myths set straight, e.g. "0x7 is not ERROR_ARENA_TRASHED". */
    corrections: z.array(z.string()),
    /** Which causes the pair points to, used to steer the ranking. */
    steer: z.enum(['server-refusal', 'network', 'credentials', 'licensing', 'unknown']),
  }),
);
/** What `decode` returns. */
export type DecodeResult = z.infer<typeof DecodeResultSchema>;

/** A fix that ran during this session, as the report lists it. */
export const AppliedFixSchema = lazySchema(() =>
  z.object({
    fixId: FixIdSchema,
    status: z.enum(['applied', 'dry-run', 'failed', 'declined', 'script-only', 'undone']),
    at: z.string(),
    verified: z.boolean().nullable(),
    message: z.string(),
  }),
);
/** A fix applied during the session. */
export type AppliedFix = z.infer<typeof AppliedFixSchema>;

/** The JSON report, schemaVersion 1 (docs/contract.md#json-report). */
export const ReportSchema = lazySchema(() =>
  z.object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('rdp-doctor'), version: z.string() }),
    target: TargetSchema,
    startedAt: z.string(),
    durationMs: z.number().nonnegative(),
    environment: z.object({
      platform: z.string(),
      replay: z.string().nullable(),
      node: z.string(),
      /** Where the host checks' answers came from when a host evidence file was given. */
      hostEvidence: z.object({ file: z.string(), computerName: z.string(), collectedAt: z.string(), note: z.string().nullable() }).optional(),
    }),
    errorCodes: DecodeResultSchema.nullable(),
    checks: z.array(CheckResultSchema),
    findings: z.array(FindingSchema),
    fixesApplied: z.array(AppliedFixSchema),
    /** The end of the app's own log, when the user chose to attach it (Electron). */
    appLog: z.object({ file: z.string(), lines: z.array(z.string()) }).optional(),
    /** Present when identifying details were replaced by pseudonyms before export: which kinds. */
    redacted: z.object({ users: z.boolean(), hosts: z.boolean() }).optional(),
  }),
);
/** The JSON report. */
export type Report = z.infer<typeof ReportSchema>;
