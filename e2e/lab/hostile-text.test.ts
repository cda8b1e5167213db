// Text a server controls (here a real xrdp presenting a certificate whose name holds U+202E RIGHT-TO-LEFT OVERRIDE and a
// zero-width space) is shown escaped in every human-facing output and as \u escapes in JSON, never passed through.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from './certs';
import { stopAll } from './processes';
import { startXrdp, type LabXrdp } from './xrdp';
import { buildCliIfNeeded, runCli } from '../support/cli';

// Reads "exe.txt" backwards after the override: a name made to look like another.
const NAME = 'invoice\u202Etxt.exe\u200B';
const RAW = /[\u202E\u200B]/;

let home: string;
let xrdp: LabXrdp;

beforeAll(async () => {
  buildCliIfNeeded();
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-hostile-text-'));
  xrdp = await startXrdp({ securityLayer: 'tls', cert: makeCertificate({ commonName: NAME }) });
}, 180_000);

afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

const target = () => `127.0.0.1:${xrdp.port}`;

describe('server-controlled text with bidi and invisible characters', () => {
  it('the human output shows [U+202E] and [U+200B] where the server put them', () => {
    const r = runCli(['diagnose', target(), '--timeout', '3000'], home);
    expect(r.stdout).toContain('invoice[U+202E]txt.exe[U+200B]');
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
  });

  it('--json writes \\u escapes: no raw character in the text, the exact name after parsing', () => {
    const r = runCli(['diagnose', target(), '--timeout', '3000', '--json'], home);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('invoice\\u202etxt.exe\\u200b');
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain(NAME);
  });

  it('the HTML, PDF and JSON reports show the escapes, not the characters', () => {
    const dir = mkdtempSync(join(home, 'reports-'));
    for (const ext of ['html', 'json', 'pdf']) {
      const file = join(dir, `report.${ext}`);
      runCli(['diagnose', target(), '--timeout', '3000', '--report', file], home);
      const text = ext === 'pdf' ? execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }) : readFileSync(file, 'utf8');
      expect(text, ext).not.toMatch(RAW);
      expect(text.replace(/\s+/g, ''), ext).toContain(ext === 'json' ? 'invoice\\u202etxt.exe\\u200b' : 'invoice[U+202E]txt.exe[U+200B]');
    }
  });
});
