import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixService } from './service';
import { tempJournalDir } from './test-helpers';

let childJs = '';
const children: number[] = [];

beforeAll(async () => {
  childJs = join(tempJournalDir(), 'crash-child.mjs');
  await build({ entryPoints: [join(__dirname, 'crash-child.fixture.ts')], bundle: true, platform: 'node', format: 'esm', outfile: childJs, logLevel: 'silent' });
});

afterAll(() => {
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts the child, waits until it has written the file and paused, then kills it with SIGKILL. */
async function applyAndKill(journalDir: string, outFile: string): Promise<void> {
  const child = spawn(process.execPath, [childJs, journalDir, outFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) children.push(child.pid);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child never paused: ${stderr}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('PAUSED')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

const service = (journalDir: string) => createFixService({ windows: null, journalDir, isLocalHost: () => true, runChecks: async () => [], lookupTask: () => undefined });

describe('journal recovery after kill -9 mid-apply', () => {
  it('undoes on the next start and restores the overwritten file byte for byte', async () => {
    const journalDir = tempJournalDir();
    const outFile = join(tempJournalDir(), 'server01.rdp');
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('full address:s:old\r\n', 'utf16le'), randomBytes(257)]);
    writeFileSync(outFile, original);
    await applyAndKill(journalDir, outFile);
    expect(readFileSync(outFile).equals(original)).toBe(false);
    const [name] = readdirSync(journalDir).filter((n) => n.endsWith('.json'));
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('applying');
    expect(readdirSync(journalDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const recovered = await service(journalDir).recover();
    expect(recovered.recovered).toHaveLength(1);
    expect(recovered.recovered[0]).toMatchObject({ fixId: 'rdpfile.generate-clean', previousState: 'applying', undone: true });
    expect(readFileSync(outFile).equals(original)).toBe(true);
    expect(JSON.parse(readFileSync(join(journalDir, name ?? ''), 'utf8')).state).toBe('undone');
    expect((await service(journalDir).recover()).recovered).toEqual([]);
  });

  it('deletes a file that did not exist before the interrupted fix', async () => {
    const journalDir = tempJournalDir();
    const outFile = join(tempJournalDir(), 'new.rdp');
    await applyAndKill(journalDir, outFile);
    expect(existsSync(outFile)).toBe(true);
    const offered = await service(journalDir).recover({ perform: false });
    expect(offered.recovered[0]).toMatchObject({ undone: false, previousState: 'applying' });
    expect(existsSync(outFile)).toBe(true);
    await service(journalDir).recover();
    expect(existsSync(outFile)).toBe(false);
  });
});
