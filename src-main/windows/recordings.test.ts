// The recorded machines are consistent with themselves and with what Windows PowerShell 5.1 prints.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WINDOWS_ERROR_KINDS } from './errors';
import { readMachine } from './replay-source';

const ROOT = join(__dirname, '../../e2e/fixtures/windows');
const MACHINES = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

/** Every "this happened at" time in a recording (events, boots, writes, installs, certificate starts). */
function happenedTimes(value: unknown, key = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => happenedTimes(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => happenedTimes(v, k));
  return typeof value === 'string' && /^(time|timeUtc|lastWriteUtc|newestUtc|lastBootUtc|installedOnUtc|notBefore)$/.test(key) ? [value] : [];
}

describe('recorded Windows machines', () => {
  it('the README table lists every machine folder', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...MACHINES].sort());
  });

  for (const machine of MACHINES) {
    const dir = join(ROOT, machine);
    const files = filesUnder(dir);

    it(`${machine}: nothing happened after recordedAt, and the client log window is the script's 7 days`, () => {
      const recordedAt = readMachine(dir).recordedAt;
      expect(recordedAt).toBeInstanceOf(Date);
      // The after/ overlays are the state after a fix, made later; only the recording itself is checked.
      for (const file of files.filter((f) => f.endsWith('.out') && !relative(dir, f).startsWith('after'))) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        for (const t of happenedTimes(json)) expect(Date.parse(t), `${relative(ROOT, file)} ${t}`).toBeLessThanOrEqual(recordedAt!.getTime());
        if (typeof json['sinceUtc'] === 'string') expect(Date.parse(json['sinceUtc']), relative(ROOT, file)).toBe(recordedAt!.getTime() - 7 * 86_400_000);
      }
    });

    it(`${machine}: .rdp sizes are the recorded bytes (UTF-16LE with BOM) and no file is another machine's copy`, () => {
      for (const file of files.filter((f) => f.endsWith('client-rdp-files.out'))) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { files: { size: number; contentBase64: string | null; path: string }[] };
        for (const f of json.files) {
          if (f.contentBase64 === null) continue;
          const bytes = Buffer.from(f.contentBase64, 'base64');
          expect(f.size, f.path).toBe(bytes.length);
          expect([bytes[0], bytes[1]], f.path).toEqual([0xff, 0xfe]);
          expect((bytes.length - 2) % 2, f.path).toBe(0);
          // The file's user, if any, lives in this machine's profile folder (C:\Users\<name>\…).
          const text = bytes.subarray(2).toString('utf16le');
          const user = /^username:s:(?:[^\\\r\n]*\\)?([^\r\n]+)$/m.exec(text)?.[1];
          const profile = /^C:\\Users\\([^\\]+)\\/.exec(f.path)?.[1];
          if (user && profile) expect(user.toLowerCase(), f.path).toBe(profile.toLowerCase());
        }
      }
    });

    it(`${machine}: every .err is a recorded failure of a known kind`, () => {
      for (const file of files.filter((f) => f.endsWith('.err'))) {
        const err = JSON.parse(readFileSync(file, 'utf8')) as { kind: string; message: string };
        expect(WINDOWS_ERROR_KINDS, file).toContain(err.kind);
        expect(typeof err.message).toBe('string');
      }
    });
  }

  it('at least one machine records a collector failure', () => {
    expect(MACHINES.flatMap((m) => filesUnder(join(ROOT, m))).some((f) => f.endsWith('.err'))).toBe(true);
  });
});
