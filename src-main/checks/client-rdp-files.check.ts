/**
 * Check client.rdp-files: the .rdp files for this target (and Default.rdp), the MRU list and Servers\<host> entries.
 * Evidence: { names, files: [{path, name, hidden, isDefault, address, wasRead, enableCredSsp, authenticationLevel,
 * negotiateSecurityLayer, issues: [{severity, code, message}]}], otherFiles: number, mru: string[],
 * servers: [{host, usernameHint, certHash}] } (servers only for the target).
 */
import { filesForTarget, parseRdpFilesOutput, type FoundRdpFile } from '../windows/client/rdp-files';
import { clientCheck, collectParsed, plural, targetNames } from './client-common';

/** File-check issue codes that riskyNotes already says. */
const SAID_IN_SHORT: ReadonlySet<string> = new Set(['nla-off', 'auth-level-0']);

/** Settings that make the connection fail or insecure although each is a valid value. */
function riskyNotes(f: FoundRdpFile): string[] {
  const notes: string[] = [];
  if (f.settings?.enableCredSsp === false) notes.push('NLA/CredSSP turned off (enablecredsspsupport:i:0)');
  if (f.settings?.authenticationLevel === 0) notes.push('server authentication ignored (authentication level:i:0)');
  return notes;
}

/** client.rdp-files: fails on broken files, warns on risky settings. */
export const clientRdpFilesCheck = clientCheck('client.rdp-files', ['dns.resolve'], async (ctx, windows) => {
  const state = await collectParsed(ctx, windows, 'client-rdp-files', parseRdpFilesOutput);
  const names = targetNames(ctx);
  const files = filesForTarget(state, names);
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const evidence = {
    names,
    files: files.map((f) => ({
      path: f.path,
      name: f.name,
      hidden: f.hidden,
      isDefault: f.isDefault,
      address: f.address,
      wasRead: f.wasRead,
      enableCredSsp: f.settings?.enableCredSsp ?? null,
      authenticationLevel: f.settings?.authenticationLevel ?? null,
      negotiateSecurityLayer: f.settings?.negotiateSecurityLayer ?? null,
      issues: f.issues.map((i) => ({ ...i })),
    })),
    otherFiles: state.files.length - files.length,
    mru: [...state.mru],
    servers: state.servers.filter((s) => wanted.has(s.host.toLowerCase())).map((s) => ({ ...s })),
  };
  if (files.length === 0) {
    return { status: 'pass', summary: `No saved connection file for ${ctx.target.host} (${plural(state.files.length, 'other file')}).`, evidence };
  }
  const broken = files.filter((f) => f.issues.some((i) => i.severity === 'error'));
  if (broken.length > 0) {
    const first = broken[0]?.issues.find((i) => i.severity === 'error')?.message ?? '';
    return { status: 'fail', summary: `${broken.map((f) => f.name).join(', ')} ${broken.length === 1 ? 'has' : 'have'} errors: ${first}`, evidence };
  }
  const flagged = files
    // NLA off and authentication level 0 are said in short (riskyNotes); the file check's long wording of them is not repeated.
    .map((f) => ({ f, notes: [...riskyNotes(f), ...f.issues.filter((i) => i.severity === 'warning' && !SAID_IN_SHORT.has(i.code)).map((i) => i.message)] }))
    .filter((x) => x.notes.length > 0);
  if (flagged.length > 0) {
    return { status: 'warn', summary: flagged.map((x) => `${x.f.name}: ${x.notes.join('; ')}`).join(' | '), evidence };
  }
  return { status: 'pass', summary: `${plural(files.length, 'connection file')} for ${ctx.target.host} without problems.`, evidence };
});
