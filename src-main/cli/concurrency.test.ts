import { describe, expect, it } from 'vitest';
import { batchConcurrency, createPacer, MAX_CONCURRENCY, openFileLimit, RESERVED_FDS, SOCKETS_PER_DIAGNOSIS } from './concurrency';

const LIMITS = (soft: string, hard: string) =>
  `Limit                     Soft Limit           Hard Limit           Units\nMax processes             63422                63422                processes\nMax open files            ${soft}                 ${hard}                 files\n`;

describe('batch concurrency', () => {
  it('reads the open-file limit the process really has', () => {
    expect(openFileLimit(() => LIMITS('1024', '1024'))).toBe(1024);
    expect(openFileLimit(() => LIMITS('unlimited', 'unlimited'))).toBe(Infinity);
    expect(openFileLimit(() => 'nothing here')).toBeNull();
    expect(
      openFileLimit(() => {
        throw new Error('no /proc');
      }),
    ).toBeNull();
  });

  it('keeps a batch under 1024 descriptors, the reserve included', () => {
    const n = batchConcurrency(1000, 1024, 'linux');
    expect(n).toBe(Math.min(MAX_CONCURRENCY, Math.floor((1024 - RESERVED_FDS) / SOCKETS_PER_DIAGNOSIS)));
    expect(n * SOCKETS_PER_DIAGNOSIS + RESERVED_FDS).toBeLessThanOrEqual(1024);
    expect(n).toBeGreaterThanOrEqual(100);
    // Under a tighter limit the descriptors decide.
    const tight = batchConcurrency(1000, 512, 'linux');
    expect(tight).toBe(Math.floor((512 - RESERVED_FDS) / SOCKETS_PER_DIAGNOSIS));
    expect(tight * SOCKETS_PER_DIAGNOSIS + RESERVED_FDS).toBeLessThanOrEqual(512);
  });

  it('never runs more than the targets, nor more than the cap, nor fewer than one', () => {
    expect(batchConcurrency(3, 1024, 'linux')).toBe(3);
    expect(batchConcurrency(1000, 1_048_576, 'linux')).toBe(MAX_CONCURRENCY);
    expect(batchConcurrency(1000, 20, 'linux')).toBe(1);
    expect(batchConcurrency(1000, null, 'linux')).toBe(batchConcurrency(1000, 1024, 'linux'));
    expect(batchConcurrency(1000, null, 'win32')).toBe(MAX_CONCURRENCY);
  });
});

describe('createPacer', () => {
  it('lets starts through, one per calm turn of the loop', async () => {
    const pace = createPacer(40);
    const t = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => pace()));
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('holds a start back while the loop is busy, and lets it through once the loop has caught up', async () => {
    const pace = createPacer(40);
    // Other work holds the loop 120 ms at a time, as hundreds of diagnoses' handshakes and reports can.
    const burn = setInterval(() => {
      const end = performance.now() + 120;
      while (performance.now() < end);
    }, 0);
    let through = false;
    const start = pace().then(() => (through = true));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(through).toBe(false);
    clearInterval(burn);
    await start;
    expect(through).toBe(true);
  });
});
