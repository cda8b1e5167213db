import { describe, expect, it } from 'vitest';
import { readToken, toEnvelope } from './browser-transport';
import { base64ToBytes, bytesToBase64 } from './files';

describe('browser transport', () => {
  it('reads the token from the page URL', () => {
    expect(readToken('http://127.0.0.1:5000/?token=abc123')).toBe('abc123');
    expect(readToken('http://127.0.0.1:5000/')).toBe('');
    expect(readToken('not a url')).toBe('');
  });

  it('keeps the service envelope and explains replies that are not one', async () => {
    const ok = await toEnvelope(new Response(JSON.stringify({ ok: false, error: { code: 'bad-input', message: 'Bad host.' } }), { status: 200 }));
    expect(ok).toEqual({ ok: false, error: { code: 'bad-input', message: 'Bad host.' } });
    const text = await toEnvelope(new Response('Missing or wrong token.', { status: 401 }));
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.error.message).toContain('401');
  });

  it('round-trips bytes through base64, large buffers included', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
});
