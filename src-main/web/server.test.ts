import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createNodeAppService } from '../service/node-deps';
import { MAX_EVENT_STREAMS, startWebServer, type WebServer } from './server';

let server: WebServer;
let home: string;
let closedPort: number;

function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...init.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' });

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-web-'));
  const staticDir = join(home, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(home, 'secret.txt'), 'do not serve');
  server = await startWebServer({ port: 0, staticDir, service: createNodeAppService({ door: 'browser', dataDir: home, env: {} }) });
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
});

afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('serves the renderer with a strict CSP and refuses path traversal', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await raw('/../secret.txt')).status).toBe(404);
    expect((await raw('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await raw('/', { headers: { Host: 'evil.example' } })).status).toBe(421);
    const cross = await raw('/api/invoke/checks:list', { method: 'POST', headers: { ...auth(), Origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
  });

  it('requires the token for the API and for the event stream', async () => {
    expect((await raw('/api/invoke/checks:list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await raw('/api/invoke/checks:list', { method: 'POST', headers: { ...auth(), Authorization: 'Bearer wrong' }, body: '{}' })).status).toBe(401);
    expect((await raw('/api/events?token=wrong')).status).toBe(401);
  });

  it('validates arguments and answers bad input with an envelope error', async () => {
    const res = await raw('/api/invoke/diagnosis:start', { method: 'POST', headers: auth(), body: JSON.stringify({ target: '$(touch /tmp/pwned)' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('not a valid computer name') } });
    const unknown = await raw('/api/invoke/shell:run', { method: 'POST', headers: auth(), body: '{}' });
    expect(JSON.parse(unknown.body).ok).toBe(false);
    const garbage = await raw('/api/invoke/checks:list', { method: 'POST', headers: auth(), body: '{not json' });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toEqual({ ok: false, error: { code: 'bad-input', message: 'The request body is not valid JSON.' } });
  });

  it('answers malformed escapes in the path with 400 and an oversized body with 413, never a server error', async () => {
    expect((await raw('/%E0%A4%A')).status).toBe(400);
    const channel = await raw('/api/invoke/checks%ZZlist', { method: 'POST', headers: auth(), body: '{}' });
    expect(channel.status).toBe(400);
    expect(JSON.parse(channel.body).error.code).toBe('bad-input');
    const big = await raw('/api/invoke/checks:list', { method: 'POST', headers: auth(), body: JSON.stringify({ pad: 'x'.repeat(3_000_000) }) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('larger than') } });
  });

  it('caps the open event streams with a clear 429, and takes a new one when one closes', async () => {
    const open = (): Promise<{ status: number; close: () => void }> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
        });
        req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
        req.end();
      });
    const streams = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS }, open));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_EVENT_STREAMS).fill(200));
    const refused = await raw(`/api/events?token=${server.token}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/Too many open event streams/);
    streams[0]?.close();
    await expect
      .poll(
        async () => {
          const s = await open();
          s.close();
          return s.status;
        },
        { timeout: 3000, interval: 50 },
      )
      .toBe(200);
    for (const s of streams) s.close();
  });

  it('streams progress of a diagnosis over SSE', async () => {
    const events: Array<{ type: string }> = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
        let buffer = '';
        res.on('data', (chunk) => {
          buffer += chunk;
          for (const frame of buffer.split('\n\n').slice(0, -1)) {
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (data) {
              const event = JSON.parse(data) as { type: string };
              events.push(event);
              if (event.type === 'task-finished') {
                req.destroy();
                resolve();
              }
            }
          }
          buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? resolve() : reject(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const start = await raw('/api/invoke/diagnosis:start', { method: 'POST', headers: auth(), body: JSON.stringify({ target: `127.0.0.1:${closedPort}`, timeoutMs: 1000 }) });
    expect(JSON.parse(start.body).ok).toBe(true);
    await done;
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('task-started');
    expect(types).toContain('check-started');
    expect(types).toContain('check-finished');
    expect(types.at(-1)).toBe('task-finished');
  });
});
