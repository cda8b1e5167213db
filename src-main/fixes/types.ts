/** What a fix is: data-only actions (constant scripts + data, file writes), its backups, its undo, and the checks that verify it. */
import type { ZodType } from 'zod';
import type { CheckId, FixId } from '../shared/ids';
import type { RdpFileInput } from '../shared/dto';
import type { Report } from '../shared/schema';
import type { ParsedTarget } from '../shared/target';
import type { WindowsSource } from '../windows/source';

/** A constant PowerShell script run with `data` as `$RdpDoctorData` (never spliced into the text). */
export interface ScriptAction {
  readonly kind: 'script';
  /** Stable step name, used in the journal and the replay log. */
  readonly name: string;
  readonly description: string;
  readonly script: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** `always`: through UAC; `fallback`: try as the user, elevate only on access denied (docs/windows.md#what-each-fix-changes). */
  readonly elevation: 'none' | 'always' | 'fallback';
  /** Name of a backup whose recorded output is passed as `data.backup` (undo steps). */
  readonly withBackup?: string;
  /**
   * What that recorded output must look like (undo steps with `withBackup`): the journal is a file anyone with the
   * user's rights can write, so only what passes this schema reaches the script, and nothing else is run.
   */
  readonly backupSchema?: ZodType;
}

/** Reads state through the Windows source's collector (so replay answers it from the recording). */
export interface CollectAction {
  readonly kind: 'collect';
  readonly name: string;
  readonly description: string;
  readonly collector: string;
}

/** Copies a local file byte for byte into the journal folder (or records that it did not exist). */
export interface CopyFileAction {
  readonly kind: 'copy-file';
  readonly name: string;
  readonly description: string;
  readonly path: string;
}

/** Writes a local file atomically (temp file, fsync, rename). */
export interface WriteFileAction {
  readonly kind: 'write-file';
  readonly name: string;
  readonly description: string;
  readonly path: string;
  readonly contentBase64: string;
}

/** Puts back the file a `copy-file` backup saved, or deletes it when it did not exist before. */
export interface RestoreFileAction {
  readonly kind: 'restore-file';
  readonly name: string;
  readonly description: string;
  /** The file the fix wrote, as the fix's own code names it (never a path read from the journal). */
  readonly path: string;
  /** The `copy-file` backup to restore from. */
  readonly backup: string;
  /** The `write-file` step that wrote it: undo touches the file only while it still holds what that step wrote. */
  readonly writtenBy: string;
}

/** Something only a person can do (or nothing to do); shown, never run. */
export interface NoteAction {
  readonly kind: 'note';
  readonly name: string;
  readonly description: string;
  /** True when the change cannot be taken back (the description says why); absent when there is just nothing to undo. */
  readonly isIrreversible?: boolean;
}

/** A step that reads or saves state before the change. */
export type BackupAction = ScriptAction | CollectAction | CopyFileAction;
/** A step that changes the machine. */
export type ApplyAction = ScriptAction | WriteFileAction;
/** A step that reverses the change. */
export type UndoAction = ScriptAction | RestoreFileAction | NoteAction;

/** Everything a fix knows when it prepares: the target, the diagnosis it answers, where backups go. */
export interface FixContext {
  readonly fixId: FixId;
  readonly target: ParsedTarget;
  /** The free option of the request (security layer value, or a bare output file name). */
  readonly option: string | undefined;
  /** The folder the app writes produced files into (an option names a file in it, never a path). */
  readonly outputDir: string;
  readonly report: Report | undefined;
  readonly rdpFile: RdpFileInput | undefined;
  readonly windows: WindowsSource | null;
  /** Folder for this fix's backups, as the scripts see it (`%ProgramData%\…` for a copied script). */
  readonly backupDir: string;
  readonly signal: AbortSignal;
}

/**
 * What an undo is rebuilt from: the fix's own code, given the request the journal recorded (target and option, each
 * checked again by that code) and the folders the app chose. Nothing else of the journal reaches it.
 */
export type UndoContext = Pick<FixContext, 'fixId' | 'target' | 'option' | 'outputDir' | 'backupDir'>;

/** A fix made concrete for one target: the exact actions, shown in the plan and then run. */
export interface PreparedFix {
  readonly backups: readonly BackupAction[];
  readonly apply: readonly ApplyAction[];
  /** Always `FixDefinition.undo` of the same context (prepareFix puts it here). */
  readonly undo: readonly UndoAction[];
  readonly notes: readonly string[];
  /** Overrides FIX_META's security cost when the cost depends on the option. */
  readonly securityCost?: string | null;
  /** A produced file the browser can download (the .rdp), also when nothing is written to disk. */
  readonly output?: { readonly fileName: string; readonly mime: string; readonly contentBase64: string };
}

/** One fix: where it can run, which checks verify it, and how it prepares its actions. */
export interface FixDefinition {
  readonly id: FixId;
  /** `any`: pure file output, works on every OS; `windows`: needs a Windows source (or becomes a script). */
  readonly runsOn: 'any' | 'windows';
  readonly verifyChecks: readonly CheckId[];
  /** Throws BadInputError when the option or target does not fit this fix. The undo steps come from `undo`. */
  prepare(ctx: FixContext): Promise<Omit<PreparedFix, 'undo'>>;
  /**
   * The undo steps, from code alone: the plan shows them, and a journal entry is undone with them (the journal keeps
   * no steps, only the request and what the backups recorded). Throws BadInputError when the context does not fit.
   */
  undo(ctx: UndoContext): readonly UndoAction[];
  /** One sentence about what the backups recorded (e.g. the saved user name), shown after apply and undo. */
  describeBackups?(backups: Readonly<Record<string, { readonly output?: string }>>, target: ParsedTarget): string | null;
}

/** Runs script actions somewhere: live PowerShell (with UAC), or a recorded machine. */
export interface FixExecutor {
  readonly mode: 'live' | 'replay';
  /** Runs one script action of fix `fixId`; resolves `declined` when the user refused the UAC prompt. */
  runScript(action: ScriptAction, data: Readonly<Record<string, unknown>>, signal: AbortSignal, fixId: FixId): Promise<{ readonly declined: boolean; readonly output: string }>;
  /** Reads a collector (the credential list) through the Windows source. */
  collect(collector: string, signal: AbortSignal): Promise<string>;
  /** Called after a successful apply or undo (replay flips its overlay). */
  markApplied(fixId: FixId, applied: boolean): void;
}
