import { describe, expect, it } from 'vitest';
import { sharedAnswer } from './shared-answers';

interface Answer {
  readonly error: { readonly kind: string } | null;
  readonly value: number;
}

const stopped = (reason: 'timeout' | 'aborted'): Answer => ({ error: { kind: reason === 'timeout' ? 'timeout' : 'cancelled' }, value: -1 });

describe('sharedAnswer', () => {
  it('asks once for concurrent callers and reuses a settled answer', async () => {
    let asked = 0;
    const ask = async (): Promise<Answer> => {
      asked += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { error: null, value: asked };
    };
    const [a, b] = await Promise.all([sharedAnswer('k-concurrent', { timeoutMs: 1000 }, ask, stopped), sharedAnswer('k-concurrent', { timeoutMs: 1000 }, ask, stopped)]);
    expect([a.value, b.value]).toEqual([1, 1]);
    expect((await sharedAnswer('k-concurrent', { timeoutMs: 1000 }, ask, stopped)).value).toBe(1);
    expect(asked).toBe(1);
  });

  it('gives each caller its own time-out and cancel without cancelling the lookup for the others', async () => {
    let finish: (a: Answer) => void = () => undefined;
    const ask = (): Promise<Answer> => new Promise((r) => (finish = r));
    const controller = new AbortController();
    const cancelled = sharedAnswer('k-own', { timeoutMs: 1000, signal: controller.signal }, ask, stopped);
    const hurried = sharedAnswer('k-own', { timeoutMs: 10 }, ask, stopped);
    const patient = sharedAnswer('k-own', { timeoutMs: 1000 }, ask, stopped);
    controller.abort();
    expect((await cancelled).error?.kind).toBe('cancelled');
    expect((await hurried).error?.kind).toBe('timeout');
    finish({ error: null, value: 7 });
    expect((await patient).value).toBe(7);
  });

  it('does not keep an answer that only timed out', async () => {
    let asked = 0;
    const ask = async (): Promise<Answer> => ({ error: asked++ === 0 ? { kind: 'timeout' } : null, value: asked });
    expect((await sharedAnswer('k-timeout', { timeoutMs: 1000 }, ask, stopped)).error?.kind).toBe('timeout');
    await new Promise((r) => setImmediate(r));
    expect((await sharedAnswer('k-timeout', { timeoutMs: 1000 }, ask, stopped)).value).toBe(2);
  });
});
