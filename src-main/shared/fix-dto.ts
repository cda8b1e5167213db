/** The fix requests and replies of the application API (plan, apply, undo, interrupted), as zod schemas plus inferred types. */
import { z } from 'zod';
import { CheckIdSchema, CheckResultSchema, FindingIdSchema, FixIdSchema } from './schema';
import { lazySchema } from './lazy-schema';
import { MAX_TARGET_LENGTH } from './limits';

/** One step of a fix plan: what changes, and the exact command or file when there is one. */
export const FixStepSchema = lazySchema(() =>
  z.object({
    description: z.string(),
    command: z.string().optional(),
    file: z.string().optional(),
  }),
);

/** The preview of a fix, shown before anything runs. */
export const FixPlanSchema = lazySchema(() =>
  z.object({
    fixId: FixIdSchema,
    title: z.string(),
    target: z.string(),
    scope: z.enum(['client', 'host']),
    needsElevation: z.boolean(),
    securityCost: z.string().nullable(),
    steps: z.array(FixStepSchema),
    backup: z.array(z.string()),
    undo: z.array(z.string()),
    /**
     * Whether Undo can put things back: `undoable` (a backup is restored), `irreversible` (it cannot: said next to
     * Apply, no Undo offered), `nothing-to-undo` (nothing stays changed, e.g. a cache flush or a file to download).
     */
    reversibility: z.enum(['undoable', 'irreversible', 'nothing-to-undo']),
    /** What changes, as people say it: the setting, its value now (from the diagnosis) and after the fix. */
    changes: z.array(z.object({ what: z.string(), from: z.string(), to: z.string() })),
    verifyChecks: z.array(CheckIdSchema),
    /** False when the fix must run on another computer: `script` is then the copyable PowerShell. */
    canApplyHere: z.boolean(),
    script: z.string().nullable(),
    notes: z.array(z.string()),
  }),
);
/** The preview of a fix. */
export type FixPlan = z.infer<typeof FixPlanSchema>;

/**
 * A fix's option: a value or a bare file name, never a path. The doors are reachable from a web page's
 * token and from the renderer, so a path here would let them write any file; the app picks the folder.
 */
export const FixOptionSchema = lazySchema(() =>
  z
    .string()
    .max(255)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'the option must not contain line breaks or other control characters')
    .refine((v) => !/[\\/:]/.test(v) && !/^\.+$/.test(v.trim()), 'the option must be a value or a bare file name, not a path (no /, \\, : or ..); the app chooses the folder'),
);

/** Ask for a fix's plan or run it. */
export const FixRequestSchema = lazySchema(() =>
  z.object({
    fixId: FixIdSchema,
    target: z.string().max(MAX_TARGET_LENGTH),
    dryRun: z.boolean().optional(),
    /** The diagnosis the fix answers, so its evidence (addresses, certificate, .rdp) is reused. */
    taskId: z.string().max(64).optional(),
    /** Free option for fixes that take one (security layer value, output file name). */
    option: FixOptionSchema.optional(),
  }),
);
/** Ask for a fix's plan or run it. */
export type FixRequest = z.infer<typeof FixRequestSchema>;

/** What applying a fix did. */
export const FixResultSchema = lazySchema(() =>
  z.object({
    fixId: FixIdSchema,
    status: z.enum(['applied', 'dry-run', 'failed', 'declined', 'script-only']),
    message: z.string(),
    journalId: z.string().nullable(),
    verification: z
      .object({
        verified: z.boolean(),
        checks: z.array(CheckResultSchema),
        /** The state the fix set out to reach, and whether the re-run checks show it (null: they cannot tell). */
        intended: z.object({ words: z.string(), reached: z.boolean().nullable() }).nullable(),
        /** Findings the fix answered that still show, with why when the fix cannot change their evidence. */
        remaining: z.array(z.object({ id: FindingIdSchema, title: z.string(), explained: z.string().nullable() })),
      })
      .nullable(),
    /** A produced file (the clean .rdp), for the browser to download. */
    output: z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() }).nullable(),
  }),
);
/** What applying a fix did. */
export type FixResult = z.infer<typeof FixResultSchema>;

/** Undo one journaled fix. */
export const UndoRequestSchema = lazySchema(() => z.object({ journalId: z.string().min(1).max(64) }));
/** What undo did. */
export const UndoResultSchema = lazySchema(() => z.object({ journalId: z.string(), ok: z.boolean(), message: z.string() }));
/** What undo did. */
export type UndoResult = z.infer<typeof UndoResultSchema>;

/** A fix a crash interrupted while it was changing things, found in the journal at start. */
export const InterruptedFixSchema = lazySchema(() =>
  z.object({
    journalId: z.string(),
    fixId: FixIdSchema,
    /** True when the app already undid it from its backup; false when Undo waits for the user (e.g. it needs UAC). */
    undone: z.boolean(),
    /** False when Undo could not put anything back (the fix cannot be undone, or changed nothing): only OK is offered. */
    canUndo: z.boolean(),
    message: z.string(),
  }),
);
/** A fix a crash interrupted while it was changing things. */
export type InterruptedFix = z.infer<typeof InterruptedFixSchema>;
