/** The small commands: decode, decode-support, rdp-file check/clean and fix. */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { dispatch } from '../../service/dispatch';
import { FIX_IDS, isOneOf } from '../../shared/ids';
import type { DecodeResult } from '../../shared/schema';
import type { FixPlan, FixResult, RdpFileSummary, SupportCode } from '../../shared/dto';
import { MAX_RDP_FILE_BYTES } from '../../shared/limits';
import { int, parseCommand, str } from '../args';
import { readInputFile } from '../input-file';
import { unwrap, type CliContext } from '../context';
import { clean, formatDecode } from '../output';
import { EXIT, UsageError } from '../usage';

/** `rdp-doctor decode <code> [<extended>]` or the dialog's whole text. */
export async function decodeCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommand('decode', argv, { json: { type: 'boolean' } });
  const text = p.positionals.join(' ').trim();
  if (!text) throw new UsageError('decode: give a code (e.g. 0x904 0x7) or the text of the error dialog.');
  const result = unwrap(await dispatch(ctx.service.handlers, 'decode:code', { text })) as DecodeResult;
  ctx.stdout.write(p.values['json'] ? `${JSON.stringify(result)}\n` : formatDecode(result, ctx.color));
  return EXIT.ok;
}

/** `rdp-doctor decode-support <code>`. */
export async function decodeSupportCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommand('decode-support', argv, { json: { type: 'boolean' } });
  const code = p.positionals.join('').trim();
  if (!code) throw new UsageError('decode-support: give the result code the user read out, e.g. RD-4K7Q-2M.');
  const result = unwrap(await dispatch(ctx.service.handlers, 'decode:support', { code })) as SupportCode;
  if (p.values['json']) ctx.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const lines = [`Support code ${result.code}`];
    lines.push(result.findings.length ? `Most likely cause: ${result.findings[0]!.title} (${result.findings[0]!.id})` : 'No finding: every check that could run passed.');
    for (const f of result.findings.slice(1)) lines.push(`Also: ${f.title} (${f.id})`);
    if (result.failedChecks.length) lines.push(`Failed checks: ${result.failedChecks.join(', ')}`);
    ctx.stdout.write(`${lines.join('\n')}\n`);
  }
  return EXIT.ok;
}

/** `rdp-doctor rdp-file check FILE` and `rdp-doctor rdp-file clean <target> -o FILE`. */
export async function rdpFileCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check') {
    const p = parseCommand('rdp-file check', rest, { json: { type: 'boolean' } });
    const file = p.positionals[0];
    if (!file || p.positionals.length > 1) throw new UsageError('rdp-file check: give exactly one .rdp file.');
    const bytes = await readInputFile(file, 'the .rdp file', MAX_RDP_FILE_BYTES);
    const summary = unwrap(await dispatch(ctx.service.handlers, 'rdpfile:inspect', { name: basename(file), contentBase64: bytes.toString('base64') })) as RdpFileSummary;
    const unreadable = Object.keys(summary.settings).length === 0 && summary.issues.find((i) => i.severity === 'error');
    if (unreadable) throw new UsageError(`${basename(file)} is not a usable .rdp file: ${unreadable.message}`);
    if (p.values['json']) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      ctx.stdout.write(`${clean(summary.name)}: ${summary.target ? `connects to ${clean(summary.target)}` : 'names no computer (full address missing)'}${summary.gateway ? ` through gateway ${clean(summary.gateway)}` : ''}\n`);
      for (const i of summary.issues) ctx.stdout.write(`  ${i.severity.padEnd(7)} ${clean(i.message)}\n`);
      if (!summary.issues.length) ctx.stdout.write('  no problems found\n');
    }
    return summary.issues.some((i) => i.severity === 'error') ? EXIT.findings : EXIT.ok;
  }
  if (sub === 'clean') {
    const p = parseCommand('rdp-file clean', rest, {
      fallback: { type: 'boolean' },
      'use-ip': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      timeout: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
    });
    const target = p.positionals[0];
    const out = str(p, 'output');
    if (!target || p.positionals.length > 1) throw new UsageError('rdp-file clean: give exactly one target.');
    if (!out) throw new UsageError('rdp-file clean: give the output file with -o FILE.');
    const made = await ctx.rdp.generateClean({ target, fallback: p.values['fallback'] === true, useIp: p.values['use-ip'] === true, timeoutMs: int(p, 'timeout', 100, 120_000) ?? 5000 });
    // The cost comes first, so it is read before anything is written (CATALOG §4).
    if (made.securityCost) ctx.stdout.write(`Security cost: ${made.securityCost}\n`);
    if (p.values['dry-run']) {
      const text = Buffer.from(made.bytes).toString('utf16le').replace(/^\uFEFF/, '');
      ctx.stdout.write(`Dry run: nothing was written. ${out} would get ${made.bytes.length} bytes (UTF-16LE with BOM, CRLF)${existsSync(out) ? `, replacing the existing file${p.values['force'] ? ' after keeping it as a .bak copy' : ' only with --force'}` : ''}:\n`);
      for (const line of text.split(/\r?\n/).filter((l) => l !== '')) ctx.stdout.write(`  ${clean(line)}\n`);
    } else {
      const written = await ctx.rdp.writeFile(out, made.bytes, p.values['force'] === true);
      ctx.stdout.write(`Wrote ${out}${written.backup ? `; the previous file is kept as ${written.backup}` : ''}\n`);
    }
    for (const n of made.notes) ctx.stdout.write(`  ${n}\n`);
    return EXIT.ok;
  }
  throw new UsageError('rdp-file: use "rdp-file check FILE" or "rdp-file clean <target> -o FILE".');
}

function formatPlan(plan: FixPlan): string {
  const lines = [`${plan.title} (${plan.fixId}) — ${plan.scope === 'host' ? 'on the host' : 'on this computer'}${plan.needsElevation ? ', needs administrator rights' : ''}`];
  if (plan.securityCost) lines.push(`Security cost: ${plan.securityCost}`);
  lines.push('Changes:');
  for (const s of plan.steps) lines.push(`  - ${s.description}${s.command ? `\n      ${s.command}` : ''}`);
  if (plan.backup.length) lines.push(`Backup: ${plan.backup.join('; ')}`);
  if (plan.undo.length) lines.push(`Undo: ${plan.undo.join('; ')}`);
  for (const n of plan.notes) lines.push(`Note: ${n}`);
  if (!plan.canApplyHere && plan.script) lines.push('', 'Run this in an elevated PowerShell on the host:', plan.script);
  return `${lines.join('\n')}\n`;
}

/** `rdp-doctor fix <fix-id> --target <target> [--dry-run] [--yes] [--json]`. */
export async function fixCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const p = parseCommand('fix', argv, { target: { type: 'string' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, option: { type: 'string' } });
  const fixId = p.positionals[0];
  if (!isOneOf(FIX_IDS, fixId)) throw new UsageError(`fix: unknown fix ${JSON.stringify(fixId ?? '')}; one of: ${FIX_IDS.join(', ')}.`);
  const target = str(p, 'target');
  if (!target) throw new UsageError('fix: give the computer it is for with --target.');
  const req = { fixId, target, ...(str(p, 'option') ? { option: str(p, 'option') } : {}) };
  const plan = unwrap(await dispatch(ctx.service.handlers, 'fix:plan', req)) as FixPlan;
  const json = p.values['json'] === true;
  if (p.values['dry-run'] || !plan.canApplyHere) {
    const result = unwrap(await dispatch(ctx.service.handlers, 'fix:apply', { ...req, dryRun: true })) as FixResult;
    ctx.stdout.write(json ? `${JSON.stringify({ plan, result })}\n` : formatPlan(plan));
    return EXIT.ok;
  }
  if (!json) ctx.stdout.write(formatPlan(plan));
  if (!p.values['yes']) {
    if (!ctx.stdin.isTTY) throw new UsageError('fix: add --yes to apply without a prompt (or --dry-run to preview).');
    const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
    const answer = await rl.question('Apply this fix? [y/N] ');
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.stdout.write('Not applied.\n');
      return EXIT.ok;
    }
  }
  const result = unwrap(await dispatch(ctx.service.handlers, 'fix:apply', req)) as FixResult;
  if (json) ctx.stdout.write(`${JSON.stringify({ plan, result })}\n`);
  else {
    ctx.stdout.write(`${result.status}: ${result.message}\n`);
    if (result.verification) ctx.stdout.write(result.verification.verified ? 'Verified: the linked checks pass now.\n' : 'Not verified: the linked checks still report a problem.\n');
    if (result.journalId) ctx.stdout.write(`Undo with the app or the journal id ${result.journalId}.\n`);
  }
  return result.status === 'failed' ? EXIT.findings : EXIT.ok;
}
