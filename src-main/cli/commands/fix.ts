/** `rdp-doctor fix`: preview or apply one fix by id through the service (fixes need its journal and verification). */
// First: zod's setting must be in place before any schema module runs (one-shot.ts).
import '../one-shot';
import { createInterface } from 'node:readline/promises';
import { dispatch } from '../../service/dispatch';
import { displayText } from '../../shared/display-text';
import { FIX_IDS, isOneOf } from '../../shared/ids';
import type { FixPlan, FixResult } from '../../shared/dto';
import { parseCommand, str } from '../args';
import { jsonLine, type CliCommand } from '../command';
import { createCliService, unwrap } from '../service';
import { EXIT, UsageError } from '../usage';

function formatPlan(plan: FixPlan): string {
  const lines = [`${plan.title} (${plan.fixId}) — ${plan.scope === 'host' ? 'on the host' : 'on this computer'}${plan.needsElevation ? ', needs administrator rights' : ''}`];
  if (plan.securityCost) lines.push(`Security cost: ${plan.securityCost}`);
  if (plan.reversibility === 'irreversible') lines.push(`Cannot be undone: ${plan.undo.join(' ')}`);
  for (const c of plan.changes) lines.push(`${c.what}: ${c.from} → ${c.to}`);
  lines.push('Exactly what runs:');
  for (const s of plan.steps) lines.push(`  - ${s.description}${s.command ? `\n      ${s.command}` : ''}`);
  if (plan.backup.length) lines.push(`Backup: ${plan.backup.join('; ')}`);
  if (plan.undo.length && plan.reversibility !== 'irreversible') lines.push(`Undo: ${plan.undo.join('; ')}`);
  for (const n of plan.notes) lines.push(`Note: ${n}`);
  if (!plan.canApplyHere && plan.script) lines.push('', 'Run this in an elevated PowerShell on the host:', plan.script);
  return `${lines.join('\n')}\n`;
}

/** Runs `rdp-doctor fix <fix-id> --target <target> [--dry-run] [--yes] [--json]`. */
export const run: CliCommand = async (io, argv) => {
  const p = parseCommand('fix', argv, {
    target: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    option: { type: 'string' },
  });
  const fixId = p.positionals[0];
  if (!isOneOf(FIX_IDS, fixId)) throw new UsageError(`fix: unknown fix ${JSON.stringify(fixId ?? '')}; one of: ${FIX_IDS.join(', ')}.`);
  const target = str(p, 'target');
  if (!target) throw new UsageError('fix: give the computer it is for with --target.');
  const service = createCliService();
  // A fix command starting is when the journal is recovered: what a crash interrupted and what was left alone is said on stderr.
  const recovery = await service.recovery();
  for (const problem of recovery.problems) io.stderr.write(`rdp-doctor: ${displayText(problem)}\n`);
  for (const fix of recovery.interrupted.values()) io.stderr.write(`rdp-doctor: ${fix.fixId} (journal id ${fix.journalId}): ${displayText(fix.message)}\n`);
  const req = { fixId, target, ...(str(p, 'option') ? { option: str(p, 'option') } : {}) };
  const plan = unwrap(await dispatch(service.handlers, 'fix:plan', req)) as FixPlan;
  const json = p.values['json'] === true;
  if (p.values['dry-run'] || !plan.canApplyHere) {
    const result = unwrap(await dispatch(service.handlers, 'fix:apply', { ...req, dryRun: true })) as FixResult;
    io.stdout.write(json ? jsonLine({ plan, result }) : formatPlan(plan));
    return EXIT.ok;
  }
  if (!json) io.stdout.write(formatPlan(plan));
  if (!p.values['yes']) {
    if (!io.stdin.isTTY) throw new UsageError('fix: add --yes to apply without a prompt (or --dry-run to preview).');
    const rl = createInterface({ input: io.stdin, output: io.stderr });
    const answer = await rl.question('Apply this fix? [y/N] ');
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.stdout.write('Not applied.\n');
      return EXIT.ok;
    }
  }
  const result = unwrap(await dispatch(service.handlers, 'fix:apply', req)) as FixResult;
  if (json) io.stdout.write(jsonLine({ plan, result }));
  else {
    io.stdout.write(`${result.status}: ${result.message}\n`);
    if (result.journalId && plan.reversibility === 'undoable') io.stdout.write(`Undo with the app or the journal id ${result.journalId}.\n`);
  }
  return result.status === 'failed' ? EXIT.findings : EXIT.ok;
};
