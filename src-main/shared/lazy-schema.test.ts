import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

describe('lazySchema', () => {
  it('builds the schema on first use, once, and stands in for it in parse, composition and instanceof', () => {
    let builds = 0;
    const Inner = lazySchema(() => {
      builds += 1;
      return z.object({ port: z.number().int().max(65535) });
    });
    const Outer = lazySchema(() => z.object({ target: z.string(), inner: Inner.nullable() }));
    expect(builds).toBe(0);
    expect(Outer.parse({ target: 'a', inner: { port: 3389, extra: 1 } })).toEqual({ target: 'a', inner: { port: 3389 } });
    expect(Outer.safeParse({ target: 'a', inner: { port: 70000 } }).success).toBe(false);
    expect(Inner instanceof z.ZodObject).toBe(true);
    expect(Object.keys(Inner.shape)).toEqual(['port']);
    expect(Inner.extend({ name: z.string() }).parse({ port: 1, name: 'x' })).toEqual({ port: 1, name: 'x' });
    expect(builds).toBe(1);
  });

  it('never builds a schema nobody uses', () => {
    let built = false;
    const Unused = lazySchema(() => {
      built = true;
      return z.string();
    });
    const record = { unused: Unused };
    expect(Object.keys(record)).toEqual(['unused']);
    expect(built).toBe(false);
  });
});
