/** Turns a prepared fix into the FixPlan DTO: every step with its exact command, backups, undo, verify checks. */
import type { ParsedTarget } from '../shared/target';
import { FIX_META, type FixMeta } from '../shared/catalog';
import type { FixPlan } from '../shared/dto';
import type { FixId } from '../shared/ids';
import { COLLECTOR_SCRIPTS } from '../windows/scripts';
import { renderAction } from './powershell-text';
import type { BackupAction, FixDefinition, PreparedFix } from './types';

/** Where a fix runs for this request. */
export type FixPlace = 'here' | 'script';

function backupText(action: BackupAction): string {
  if (action.kind === 'copy-file') return action.description;
  if (action.kind === 'collect') {
    const script = COLLECTOR_SCRIPTS[action.collector]?.script.trim() ?? action.collector;
    return `${action.description}:\n${script}`;
  }
  return `${action.description}:\n${renderAction(action)}`;
}

/** The security cost shown before running: the fix's own (option-dependent) or the catalog's. */
export function securityCostOf(fixId: FixId, prepared: PreparedFix): string | null {
  if (prepared.securityCost !== undefined) return prepared.securityCost;
  const meta: FixMeta = FIX_META[fixId];
  return meta.securityCost ?? null;
}

/** Whether Undo can put things back: a restoring step, a note that says it cannot, or nothing left changed. */
export function reversibilityOf(prepared: Pick<PreparedFix, 'undo'>): FixPlan['reversibility'] {
  if (prepared.undo.some((u) => u.kind !== 'note')) return 'undoable';
  return prepared.undo.some((u) => u.kind === 'note' && u.isIrreversible === true) ? 'irreversible' : 'nothing-to-undo';
}

/** The FixPlan for one prepared fix; `changes` are the preview's current → new rows (fixes/changes.ts). */
export function toFixPlan(def: FixDefinition, target: ParsedTarget, prepared: PreparedFix, place: FixPlace, script: string | null, changes: FixPlan['changes'] = []): FixPlan {
  const meta = FIX_META[def.id];
  const needsElevation = [...prepared.backups, ...prepared.apply, ...prepared.undo].some((a) => a.kind === 'script' && a.elevation === 'always') || meta.needsElevation;
  const notes = [...prepared.notes];
  if (place === 'script') {
    notes.unshift(
      meta.scope === 'host'
        ? `This app is not running on ${target.host}: copy the script and run it there${needsElevation ? ' as administrator' : ''}.`
        : 'This fix changes a Windows computer and there is none here: copy the script and run it on the Windows computer that connects.',
    );
  }
  return {
    fixId: def.id,
    title: meta.title,
    target: target.input,
    scope: meta.scope,
    needsElevation,
    securityCost: securityCostOf(def.id, prepared),
    steps: [
      ...prepared.apply.map((a) =>
        a.kind === 'write-file'
          ? { description: a.description, file: a.path }
          : { description: a.elevation === 'always' ? `${a.description} (as administrator)` : a.description, command: renderAction(a) },
      ),
      // A file handed over for download changes nothing here; the preview still says what it will be.
      ...(prepared.apply.length === 0 && prepared.output
        ? [
            {
              description: `Create ${prepared.output.fileName} (${Buffer.from(prepared.output.contentBase64, 'base64').length} bytes) for you to save and open; nothing on this computer changes`,
              file: prepared.output.fileName,
            },
          ]
        : []),
    ],
    backup: prepared.backups.map(backupText),
    undo: prepared.undo.map((u) => u.description),
    reversibility: reversibilityOf(prepared),
    changes: [...changes],
    verifyChecks: [...def.verifyChecks],
    canApplyHere: place === 'here',
    script,
    notes,
  };
}
