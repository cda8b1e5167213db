/**
 * Test helper: journal entries an attacker with the user's rights could plant in the journal folder, and a snapshot
 * of everything they aim at, so a test can prove that whatever starts, nothing on disk changes.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newJournalId } from './journal';

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The layout of a planted data folder and what the attacks aim at. */
export interface PlantedJournal {
  readonly home: string;
  readonly journalDir: string;
  readonly outputDir: string;
  /** Would be written with the attacker's bytes by the first attack of the older journal format. */
  readonly chosenPath: string;
  /** Would be deleted: a file outside every folder of the app, and a .rdp of the user's in the app's output folder. */
  readonly victims: readonly string[];
  /** A script undo would create this. */
  readonly canary: string;
  /** The planted journal files, by name. */
  readonly planted: readonly string[];
}

function entryV1(fixId: string, executor: string, prepared: object, backups: object): object {
  const at = new Date().toISOString();
  return { version: 1, id: newJournalId(), fixId, target: '127.0.0.1', executor, state: 'applying', createdAt: at, updatedAt: at, prepared, backups, log: [], error: null };
}

function entryV2(fixId: string, executor: string, option: string | null, backups: object, written: object = {}): object {
  const at = new Date().toISOString();
  return { version: 2, id: newJournalId(), fixId, target: '127.0.0.1', option, executor, state: 'applying', createdAt: at, updatedAt: at, backups, written, log: [], error: null };
}

/** Plants the attacks into `home` (the app's data folder: journal/ and rdp-files/), next to victims in `outside`. */
export function plantJournal(home: string, outside: string): PlantedJournal {
  const journalDir = join(home, 'journal');
  const outputDir = join(home, 'rdp-files');
  mkdirSync(journalDir, { recursive: true });
  mkdirSync(outputDir, { recursive: true });
  const chosenPath = join(outside, 'chosen-by-attacker.txt');
  const attackerBytes = join(outside, 'attacker-bytes.bin');
  writeFileSync(attackerBytes, 'attacker bytes');
  const victim = join(outside, 'victim.txt');
  writeFileSync(victim, 'a file of the user');
  const userRdp = join(outputDir, 'office.rdp');
  writeFileSync(userRdp, Buffer.from('\uFEFFfull address:s:office-pc\r\n', 'utf16le'));
  const canary = join(outside, 'script-ran');
  const script = `New-Item -ItemType File -Path '${canary}'; Remove-Item -Recurse -Force 'C:\\Users'`;
  const entries: Record<string, object> = {
    // The two attacks of the older format, which stored the steps: write attacker bytes to a chosen path, delete a file.
    'v1-write': entryV1(
      'rdpfile.generate-clean',
      'local',
      {
        backups: [{ kind: 'copy-file', name: 'b', description: 'x', path: chosenPath }],
        apply: [],
        undo: [{ kind: 'restore-file', name: 'r', description: 'x', backup: 'b' }],
        notes: [],
      },
      { b: { copy: attackerBytes, sha256: sha('attacker bytes') } },
    ),
    'v1-delete': entryV1(
      'rdpfile.generate-clean',
      'local',
      {
        backups: [{ kind: 'copy-file', name: 'b', description: 'x', path: victim }],
        apply: [],
        undo: [{ kind: 'restore-file', name: 'r', description: 'x', backup: 'b' }],
        notes: [],
      },
      { b: { copy: null } },
    ),
    // A script undo, unprompted and behind a genuine UAC prompt.
    'v1-script-none': entryV1(
      'server.enable-rdp',
      'live',
      { backups: [], apply: [], undo: [{ kind: 'script', name: 'registry-restore', description: 'x', script, data: {}, elevation: 'none' }], notes: [] },
      {},
    ),
    'v1-script-uac': entryV1(
      'server.enable-rdp',
      'replay',
      { backups: [], apply: [], undo: [{ kind: 'script', name: 'registry-restore', description: 'x', script, data: {}, elevation: 'always' }], notes: [] },
      {},
    ),
    // The current format, aimed past the fix's own limits: a path for a file name, a file the fix never wrote,
    // another registry key, a cache "file" outside the cache, another firewall rule, a script field.
    'v2-traversal': entryV2(
      'rdpfile.generate-clean',
      'local',
      `../../${outside.split('/').pop()}/victim.txt`,
      { 'previous-file': { copied: false } },
      { 'write-rdp': sha('a file of the user') },
    ),
    'v2-not-written': entryV2('rdpfile.generate-clean', 'local', 'office.rdp', { 'previous-file': { copied: false } }, { 'write-rdp': sha('something else') }),
    'v2-registry': entryV2('server.disable-nla', 'replay', null, {
      'registry-snapshot': {
        output: JSON.stringify({
          regKey: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
          keyExists: true,
          values: [{ name: 'Evil', exists: true, kind: 'String', value: 'C:\\evil.exe' }],
        }),
      },
    }),
    'v2-cache': entryV2('cache.clear', 'replay', null, { 'cache-copy': { output: JSON.stringify({ files: ['..\\..\\..\\Windows\\System32\\drivers\\etc\\hosts'] }) } }),
    'v2-firewall': entryV2('server.enable-firewall-rule', 'replay', null, { 'rule-state': { output: JSON.stringify([{ name: 'CoreNet-DHCP-In', enabled: false }]) } }),
    'v2-machinekeys': entryV2('server.reset-machinekeys-acl', 'replay', null, {
      'acl-save': { output: JSON.stringify({ directory: 'C:\\x', folderSddl: 'D:PAI(A;;FA;;;WD)', aclBackup: null, aclSha256: null, saved: 0, unreadableCount: 0 }) },
    }),
    'v2-script-field': { ...entryV2('server.enable-rdp', 'live', null, {}), prepared: { undo: [{ kind: 'script', script, elevation: 'none' }] } },
  };
  const planted: string[] = [];
  for (const entry of Object.values(entries)) {
    const name = `${(entry as { id: string }).id}.json`;
    writeFileSync(join(journalDir, name), JSON.stringify(entry));
    planted.push(name);
  }
  // Files that only look like entries: a FIFO (an open would block), a link to /dev/zero (a read would never end).
  const fifo = `${newJournalId()}.json`;
  execFileSync('mkfifo', [join(journalDir, fifo)]);
  const zero = `${newJournalId()}.json`;
  symlinkSync('/dev/zero', join(journalDir, zero));
  planted.push(fifo, zero);
  return { home, journalDir, outputDir, chosenPath, victims: [victim, userRdp], canary, planted };
}

/** Every file under `dir` with its size, mode and hash (FIFOs and links by their kind), for before/after comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    const info = statSync(path, { throwIfNoEntry: false }) ?? null;
    if (info === null) out[name] = 'dangling';
    else if (info.isFIFO()) out[name] = 'fifo';
    else if (info.isCharacterDevice()) out[name] = 'device';
    else if (info.isDirectory()) out[name] = 'dir';
    else out[name] = `${info.size} ${(info.mode & 0o777).toString(8)} ${sha(readFileSync(path))}`;
  }
  return out;
}
