/**
 * Every PowerShell script the app can run, exactly as it runs it: each collector behind the runner's preamble, each
 * fix step as the user or inside the elevated wrapper, the UAC launcher, and the scripts the app hands out to copy.
 * IT security teams review these; the static proof and the simulated-Windows tests run the same list.
 */
import { parseTarget } from '../net/target';
import { FIX_META } from '../shared/catalog';
import { FIX_IDS, type FixId } from '../shared/ids';
import { FIXES } from '../fixes/registry';
import { toFixPlan } from '../fixes/plan';
import { prepareFix } from '../fixes/prepare';
import { copyableBackupDir, copyableScript } from '../fixes/script-only';
import type { FixDefinition, PreparedFix, ScriptAction } from '../fixes/types';
import { ELEVATED_FOOT, ELEVATED_HEAD, ELEVATED_TAIL, LAUNCHER_SCRIPT, elevatedText } from '../windows/elevate';
import { runnerText } from '../windows/powershell-runner';
import { COLLECTOR_SCRIPTS } from '../windows/scripts';
import { hostEvidenceScript } from './collect-host';

/** How a script runs: as the signed-in user (the runner), or as administrator in the process UAC starts. */
export type RunsAs = 'user' | 'administrator';

/** What a script is for. */
export type AppScriptKind = 'collector' | 'fix-step' | 'launcher' | 'elevated-wrapper' | 'copyable';

/** One script the app can run, and where it comes from. */
export interface AppScript {
  /** Path inside an export folder, `/`-separated. */
  readonly file: string;
  readonly kind: AppScriptKind;
  readonly runsAs: RunsAs;
  readonly description: string;
  /** The collector it is (or, for a fix's backup that reads one, runs). */
  readonly collector?: string;
  readonly fixId?: FixId;
  readonly phase?: 'backup' | 'apply' | 'undo';
  /** The step's name in the fix (and in the undo journal). */
  readonly step?: string;
  /** Exactly the text PowerShell runs (-EncodedCommand's text, the elevated process's text, or the copyable file). */
  readonly text: string;
}

/** The computer the copyable scripts are made for in an export (a real run names the diagnosed computer). */
export const EXAMPLE_TARGET = 'remote-host.example';

/**
 * The elevated process gets its request (the step's data and the result file's path) as a base64 literal inside
 * its text; an export leaves the literal empty, since it differs on every run and is data, not code.
 */
export const EMPTY_REQUEST = '';

function collectorScripts(): AppScript[] {
  return Object.entries(COLLECTOR_SCRIPTS).map(([name, entry]) => ({
    file: `collectors/${name}.ps1`,
    kind: 'collector',
    runsAs: 'user',
    collector: name,
    description: `Reads ${name} and prints it as one JSON document (time limit ${Math.round((entry.timeoutMs ?? 20_000) / 1000)} s).`,
    text: runnerText(entry.script),
  }));
}

function elevationScripts(): AppScript[] {
  return [
    {
      file: 'elevation/uac-launcher.ps1',
      kind: 'launcher',
      runsAs: 'user',
      description: 'Asks Windows for administrator rights (the UAC prompt) and starts one elevated PowerShell that runs one fix step, then waits for it.',
      text: runnerText(LAUNCHER_SCRIPT),
    },
    {
      file: 'elevation/elevated-wrapper.ps1',
      kind: 'elevated-wrapper',
      runsAs: 'administrator',
      description:
        "The frame of every elevated step: decodes the request, runs the step's script in place of the comment, writes its output to a result file only this user can read.",
      text: ELEVATED_HEAD + EMPTY_REQUEST + ELEVATED_TAIL + "# the fix step's script runs here\n" + ELEVATED_FOOT,
    },
  ];
}

/** A fix prepared for the example target: its scripts do not depend on the target (values travel as data). */
async function prepareExample(def: FixDefinition): Promise<PreparedFix> {
  return prepareFix(def, {
    fixId: def.id,
    target: parseTarget(EXAMPLE_TARGET),
    option: undefined,
    outputDir: '',
    report: undefined,
    rdpFile: undefined,
    windows: null,
    backupDir: copyableBackupDir(def.id),
    signal: new AbortController().signal,
  });
}

function stepScripts(fixId: FixId, prepared: PreparedFix): AppScript[] {
  const steps = [
    ...prepared.backups.map((a) => ({ phase: 'backup' as const, action: a })),
    ...prepared.apply.map((a) => ({ phase: 'apply' as const, action: a })),
    ...prepared.undo.map((a) => ({ phase: 'undo' as const, action: a })),
  ];
  const out: AppScript[] = [];
  steps.forEach(({ phase, action }, i) => {
    const base = `fixes/${fixId}/${i + 1}-${phase}-${action.name}`;
    const common = { kind: 'fix-step' as const, fixId, phase, step: action.name };
    if (action.kind === 'collect') {
      const script = COLLECTOR_SCRIPTS[action.collector]?.script;
      if (script === undefined) throw new Error(`${fixId}: unknown collector ${action.collector}`);
      out.push({ ...common, file: `${base}.ps1`, runsAs: 'user', collector: action.collector, description: action.description, text: runnerText(script) });
      return;
    }
    if (action.kind !== 'script') return;
    out.push(...scriptStep(base, common, action));
  });
  return out;
}

function scriptStep(base: string, common: Pick<AppScript, 'kind' | 'fixId' | 'phase' | 'step'>, action: ScriptAction): AppScript[] {
  const asUser: AppScript = { ...common, file: `${base}.ps1`, runsAs: 'user', description: action.description, text: runnerText(action.script) };
  const elevated = (description: string): AppScript => ({
    ...common,
    file: `${base}.elevated.ps1`,
    runsAs: 'administrator',
    description,
    text: elevatedText(action.script, EMPTY_REQUEST),
  });
  if (action.elevation === 'none') return [asUser];
  if (action.elevation === 'always') return [elevated(`${action.description} (as administrator, through the UAC prompt)`)];
  return [asUser, elevated(`${action.description} (as administrator, only when Windows refused it to the user)`)];
}

function copyable(fixId: FixId, prepared: PreparedFix): AppScript {
  const def = FIXES[fixId];
  const target = parseTarget(EXAMPLE_TARGET);
  const where = FIX_META[fixId].scope === 'host' ? 'the remote computer' : 'the Windows computer that connects';
  return {
    file: `copyable/rdp-doctor-${fixId}.ps1`,
    kind: 'copyable',
    fixId,
    runsAs: toFixPlan(def, target, prepared, 'script', null).needsElevation ? 'administrator' : 'user',
    description: `What the app hands out to run on ${where} when it cannot apply ${fixId} itself (made here for ${EXAMPLE_TARGET}); -Undo reverses it.`,
    text: copyableScript(def, target, prepared, copyableBackupDir(fixId)),
  };
}

/** Every script the app can run, in a stable order: collectors, the elevation frame, each fix's steps, the copyable scripts. */
export async function listAppScripts(): Promise<AppScript[]> {
  const windowsFixes = FIX_IDS.filter((id) => FIXES[id].runsOn === 'windows');
  const prepared = await Promise.all(windowsFixes.map(async (id) => [id, await prepareExample(FIXES[id])] as const));
  const scripts = [
    ...collectorScripts(),
    ...elevationScripts(),
    ...prepared.flatMap(([id, p]) => stepScripts(id, p)),
    ...prepared.map(([id, p]) => copyable(id, p)),
    hostEvidenceScript(),
  ];
  const files = new Set<string>();
  for (const s of scripts) {
    if (files.has(s.file)) throw new Error(`Two scripts would be exported as ${s.file}.`);
    files.add(s.file);
  }
  return scripts;
}
