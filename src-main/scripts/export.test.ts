import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAppScripts } from './catalog';
import { VERSION } from '../shared/version';
import { exportScripts, exportScriptsInto, ps1Bytes, type ScriptIndex } from './export';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

describe('ps1Bytes', () => {
  it('adds a UTF-8 BOM exactly when the text is not plain ASCII (5.1 reads BOM-less files as ANSI)', () => {
    expect([...ps1Bytes("'plain'").subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const bytes = ps1Bytes("# RDP Doctor — 'Grüße'");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe("# RDP Doctor — 'Grüße'");
  });
});

describe('exportScripts', () => {
  it('writes every script byte for byte with index.json naming each file, its fix and step, and its hash', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rdpd-export-')), 'scripts');
    const scripts = await listAppScripts();
    const result = await exportScripts(dir);
    expect(result.files).toBe(scripts.length);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as ScriptIndex;
    const written = filesUnder(dir)
      .map((f) => relative(dir, f).split('\\').join('/'))
      .filter((f) => f !== 'index.json');
    expect(written.sort()).toEqual(index.scripts.map((s) => s.file).sort());
    for (const script of scripts) {
      const bytes = readFileSync(join(dir, script.file));
      const entry = index.scripts.find((s) => s.file === script.file);
      expect(entry?.sha256, script.file).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(bytes.equals(ps1Bytes(script.text)), script.file).toBe(true);
      expect(entry && 'text' in entry).toBe(false);
    }
    expect(index.scripts.find((s) => s.file === 'fixes/server.enable-nla/2-apply-registry-set.elevated.ps1')).toMatchObject({
      kind: 'fix-step',
      fixId: 'server.enable-nla',
      phase: 'apply',
      step: 'registry-set',
      runsAs: 'administrator',
    });
  });

  it('refuses a folder that already holds something, and a file in place of the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdpd-export-'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    await expect(exportScripts(dir)).rejects.toThrow(/not empty/);
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    await expect(exportScripts(join(dir, 'keep.txt'))).rejects.toThrow(/is a file/);
  });

  it('from the UI: a new folder named for the version, numbered when the name is taken', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'rdpd-export-'));
    const taken = join(parent, `RDP Doctor scripts ${VERSION}`);
    mkdirSync(taken);
    const result = await exportScriptsInto(parent);
    expect(result.dir).toBe(`${taken} (2)`);
    expect(readdirSync(taken)).toEqual([]);
    expect(readdirSync(result.dir)).toContain('index.json');
  });
});
