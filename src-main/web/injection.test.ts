// Hostile names through the two doors that share dispatch() (Electron IPC, browser mode) get one clear
// error line and never reach a shell. The CLI door has its own test (src-main/cli/cli.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../shared/dto';
import { MAX_TARGET_LENGTH } from '../shared/dto';
import { dispatch } from '../service/dispatch';
import { createNodeAppService } from '../service/node-deps';
import type { AppService } from '../service/app-service';
import { startWebServer, type WebServer } from './server';

let home: string;
let canary: string;
let service: AppService;
let server: WebServer;

/** Payloads that would run `touch <canary>` if any layer handed the text to a shell or an option parser. */
function payloads(): Array<[string, string]> {
  const touch = `touch ${canary}`;
  return [
    ['command substitution', `host$(${touch})`],
    ['backticks', `host\`${touch}\``],
    ['semicolon', `host; ${touch}`],
    ['pipe', `host | ${touch}`],
    ['ampersands', `host && ${touch}`],
    ['single quotes', `host'; ${touch}; echo '`],
    ['double quotes', `host"; ${touch}; echo "`],
    ['newline', `host\n${touch}`],
    ['carriage return', `host\r\n${touch}`],
    ['PowerShell subexpression', `host$(Start-Process ${touch})`],
    ['ssh-style option', `-oProxyCommand=${touch}`],
    ['help option', '--help'],
    ['dash option with value', `--output=${canary}`],
    ['redirect', `host > ${canary}`],
    ['NUL byte', `host\u0000${touch}`],
    ['very long name', `${'a'.repeat(MAX_TARGET_LENGTH + 10)}$(${touch})`],
    ['very long label', `${'b'.repeat(300)}.example`],
  ];
}

/** Requests per channel; each puts the payload in the field the channel reads as a name. */
const REQUESTS: Record<string, (payload: string) => unknown> = {
  'diagnosis:start': (payload) => ({ target: payload, timeoutMs: 500 }),
  'fix:plan': (payload) => ({ fixId: 'dns.flush', target: payload }),
  'rdpfile:inspect': (payload) => ({ name: payload, contentBase64: Buffer.from('full address:s:host\r\n').toString('base64') }),
};

function post(channel: string, body: unknown): Promise<Envelope<unknown>> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/invoke/${encodeURIComponent(channel)}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => {
          try {
            expect(res.statusCode).toBe(200);
            resolve(JSON.parse(data) as Envelope<unknown>);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

function expectOneLineBadInput(envelope: Envelope<unknown>): void {
  expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  if (envelope.ok) return;
  expect(envelope.error.message.length).toBeGreaterThan(0);
  expect(envelope.error.message).not.toMatch(/[\r\n\u0000]/);
  expect(envelope.error.message.length).toBeLessThan(400);
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-injection-'));
  canary = join(home, 'canary-touched');
  const staticDir = join(home, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  service = createNodeAppService({ door: 'browser', dataDir: home, env: {} });
  server = await startWebServer({ port: 0, staticDir, service });
});

afterAll(async () => {
  await server.close();
  expect(existsSync(canary)).toBe(false);
  rmSync(home, { recursive: true, force: true });
});

/**
 * Targets are host names: every payload is refused. A .rdp file name is only a label, and `;`, `$`, quotes and
 * backticks are legal in Windows file names, so those names are accepted and echoed as inert text; control
 * characters and over-long names are refused.
 */
function expectAnswer(channel: string, payload: string, envelope: Envelope<unknown>): void {
  const inertName = channel === 'rdpfile:inspect' && payload.length <= 260 && !/[\u0000-\u001f\u007f]/.test(payload);
  if (!inertName) return expectOneLineBadInput(envelope);
  expect(envelope).toMatchObject({ ok: true, value: { name: payload } });
}

describe.each(Object.keys(REQUESTS))('%s with a hostile name', (channel) => {
  it.each(payloads())('%s: dispatch() answers one clear line or treats it as text', async (_label, payload) => {
    expectAnswer(channel, payload, await dispatch(service.handlers, channel, REQUESTS[channel]!(payload)));
    expect(existsSync(canary)).toBe(false);
  });

  it.each(payloads())('%s: POST /api/invoke answers one clear line or treats it as text', async (_label, payload) => {
    expectAnswer(channel, payload, await post(channel, REQUESTS[channel]!(payload)));
    expect(existsSync(canary)).toBe(false);
  });
});

describe('a hostile .rdp name inside diagnosis:start', () => {
  it('a line break in rdpFile.name is one bad-input line, before anything runs', async () => {
    const rdpFile = { name: 'a.rdp\nFAKE: injected', contentBase64: Buffer.from('full address:s:127.0.0.1\r\n').toString('base64') };
    expectOneLineBadInput(await dispatch(service.handlers, 'diagnosis:start', { target: '', rdpFile }));
  });
});

describe('the channel name itself', () => {
  it.each(['diagnosis:start; touch x', '../diagnosis:start', 'diagnosis:start\n', '__proto__', 'constructor'])('%j is refused as unknown', async (name) => {
    expectOneLineBadInput(await dispatch(service.handlers, name, {}));
  });
});
