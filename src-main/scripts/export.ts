/** Writes every script the app can run into a folder as .ps1 files, with an index.json saying what each one is. */
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BadInputError } from '../shared/errors';
import { VERSION } from '../shared/version';
import { listAppScripts, type AppScript } from './catalog';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes of a .ps1 as Windows PowerShell 5.1 reads it right: UTF-8, with a BOM when any character is not ASCII. */
export function ps1Bytes(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  // 5.1 reads a .ps1 without a BOM in the ANSI code page, which garbles every non-ASCII character.
  return /[^\x00-\x7f]/.test(text) ? Buffer.concat([UTF8_BOM, body]) : body;
}

/** One line of index.json. */
export interface IndexEntry extends Omit<AppScript, 'text'> {
  readonly sha256: string;
}

/** The index.json of an export. */
export interface ScriptIndex {
  readonly tool: 'rdp-doctor';
  readonly version: string;
  readonly about: string;
  readonly scripts: readonly IndexEntry[];
}

/** What an export wrote. */
export interface ExportResult {
  readonly dir: string;
  readonly files: number;
}

const ABOUT = [
  'Every PowerShell script RDP Doctor can run on Windows, exactly as it runs it.',
  'collectors/ read state (each starts with the runner preamble); fixes/<fix id>/ are each fix step in order (backup, apply, undo);',
  '*.elevated.ps1 run as administrator in the PowerShell that elevation/uac-launcher.ps1 starts through the UAC prompt;',
  'copyable/ are the scripts the app hands out to run on another computer.',
  "Values (host names, user names, the elevated step's request) never appear in a script's text: they travel as data,",
  'so the elevated scripts carry an empty request literal here. sha256 is of the file as written.',
].join(' ');

function indexEntry(script: AppScript, bytes: Buffer): IndexEntry {
  const { text: _text, ...rest } = script;
  return { ...rest, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new BadInputError(`${dir} is a file, not a folder.`);
    throw error;
  }
}

/** Writes the scripts (all of them by default) and index.json into `dir`, which must be new or empty. */
export async function exportScripts(dir: string, scripts?: readonly AppScript[]): Promise<ExportResult> {
  const root = resolve(dir);
  if (!(await isEmptyOrMissing(root))) throw new BadInputError(`${root} is not empty; export the scripts into a new or empty folder.`);
  const list = scripts ?? (await listAppScripts());
  const entries: IndexEntry[] = [];
  for (const script of list) {
    const path = join(root, ...script.file.split('/'));
    const bytes = ps1Bytes(script.text);
    await mkdir(dirname(path), { recursive: true });
    // 'wx': never overwrite, never follow something planted at the path.
    await writeFile(path, bytes, { flag: 'wx' });
    entries.push(indexEntry(script, bytes));
  }
  const index: ScriptIndex = { tool: 'rdp-doctor', version: VERSION, about: ABOUT, scripts: entries };
  await writeFile(join(root, 'index.json'), `${JSON.stringify(index, null, 2)}\n`, { flag: 'wx' });
  return { dir: root, files: entries.length };
}

/** Exports into a new folder `RDP Doctor scripts <version>` inside `parent` (numbered when the name is taken), for the UI. */
export async function exportScriptsInto(parent: string): Promise<ExportResult> {
  const base = join(resolve(parent), `RDP Doctor scripts ${VERSION}`);
  for (let n = 1; n < 100; n++) {
    const dir = n === 1 ? base : `${base} (${n})`;
    try {
      // Not recursive: the folder must be new, so nothing already there is mixed into the export.
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    return exportScripts(dir);
  }
  throw new BadInputError(`${parent} already holds 99 script exports; choose another folder.`);
}
