import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../service/dispatch';
import { createNodeAppService } from '../service/node-deps';
import type { AppService } from '../service/app-service';
import type { Envelope, FixResult } from '../shared/dto';
import { startWebServer, type WebServer } from './server';

let home: string;
let outside: string;
let service: AppService;
let server: WebServer;

/** Paths a page or a compromised renderer could send to make the app write outside its folder. */
const PATHS = (dir: string) => ['../../x.rdp', join(dir, 'x.rdp'), '/tmp/x.rdp', '..\\..\\x.rdp', 'C:\\Windows\\x.rdp', 'C:x.rdp', 'sub/x.rdp', '..'];

function invoke(channel: string, args: unknown): Promise<Envelope<unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/invoke/${channel}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body) as Envelope<unknown>));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-paths-'));
  outside = mkdtempSync(join(tmpdir(), 'rdp-doctor-outside-'));
  const staticDir = join(home, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  service = createNodeAppService({ door: 'browser', dataDir: join(home, 'data'), env: {} });
  server = await startWebServer({ port: 0, staticDir, service });
});

afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('fix:apply and fix:plan refuse output paths at the doors', () => {
  it('dispatch refuses a path with one clear line and writes nothing anywhere', async () => {
    const before = filesUnder(home);
    for (const option of PATHS(outside)) {
      for (const channel of ['fix:plan', 'fix:apply'] as const) {
        const r = await dispatch(service.handlers, channel, { fixId: 'rdpfile.generate-clean', target: 'server01', option });
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('bad-input');
        expect(r.error.message).toMatch(/^Invalid request for fix:(plan|apply) \(option\): the option must be a value or a bare file name, not a path/);
        expect(r.error.message).not.toContain('\n');
      }
    }
    expect(filesUnder(outside)).toEqual([]);
    expect(filesUnder(home)).toEqual(before);
    expect(existsSync('/tmp/x.rdp')).toBe(false);
  });

  it('the browser-mode server refuses the same paths for both .rdp fixes', async () => {
    const before = filesUnder(home);
    for (const option of PATHS(outside)) {
      for (const fixId of ['rdpfile.generate-clean', 'rdpfile.use-ip']) {
        const r = await invoke('fix:apply', { fixId, target: 'server01.example', option });
        expect(r).toMatchObject({ ok: false, error: { code: 'bad-input' } });
        expect(r.ok ? '' : r.error.message).toMatch(/not a path/);
      }
    }
    expect(filesUnder(outside)).toEqual([]);
    expect(filesUnder(home)).toEqual(before);
  });

  it('a bare file name lands in the app folder, and a second write keeps a byte copy of the first for undo', async () => {
    const first = (await invoke('fix:apply', { fixId: 'rdpfile.generate-clean', target: '127.0.0.1', option: 'server01.rdp' })) as Envelope<FixResult>;
    expect(first).toMatchObject({ ok: true, value: { status: 'applied' } });
    const file = join(home, 'data', 'rdp-files', 'server01.rdp');
    const firstBytes = readFileSync(file);
    const second = (await invoke('fix:apply', { fixId: 'rdpfile.generate-clean', target: '127.0.0.2', option: 'server01.rdp' })) as Envelope<FixResult>;
    expect(second.ok).toBe(true);
    expect(readFileSync(file).equals(firstBytes)).toBe(false);
    const undo = await invoke('fix:undo', { journalId: second.ok ? second.value.journalId : '' });
    expect(undo).toMatchObject({ ok: true, value: { ok: true } });
    expect(readFileSync(file).equals(firstBytes)).toBe(true);
    expect(filesUnder(outside)).toEqual([]);
  });
});
