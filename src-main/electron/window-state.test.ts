import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, WINDOW_LIMITS, captureWindowState, loadWindowState, sanitizeWindowState, saveWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('sanitizeWindowState', () => {
  it('keeps a sane state on a display as it is', () => {
    expect(sanitizeWindowState({ x: 100, y: 80, width: 1200, height: 800, isMaximized: true }, [laptop])).toEqual({ x: 100, y: 80, width: 1200, height: 800, isMaximized: true });
  });
  it('drops the position when its display is gone, so the OS centres the window', () => {
    const saved = { x: 2500, y: 100, width: 1200, height: 800, isMaximized: false };
    expect(sanitizeWindowState(saved, [laptop, rightMonitor])).toMatchObject({ x: 2500, y: 100 });
    expect(sanitizeWindowState(saved, [laptop])).toEqual({ width: 1200, height: 800, isMaximized: false });
  });
  it('drops a title bar above the top of every display', () => {
    expect(sanitizeWindowState({ x: 10, y: -300, width: 900, height: 700 }, [laptop])).not.toHaveProperty('y');
  });
  it('clamps sizes to the minimum and to the largest display', () => {
    expect(sanitizeWindowState({ width: 10, height: 10 }, [laptop])).toMatchObject({ width: WINDOW_LIMITS.minWidth, height: WINDOW_LIMITS.minHeight });
    expect(sanitizeWindowState({ width: 99999, height: 99999 }, [laptop])).toMatchObject({ width: 1920, height: 1040 });
  });
  it.each([null, 'x', 42, [], { width: 'wide', height: NaN, x: Infinity, y: '3', isMaximized: 'yes' }])('turns %j into a usable default', (raw) => {
    const state = sanitizeWindowState(raw, [laptop]);
    expect(state.width).toBe(DEFAULT_WINDOW_STATE.width);
    expect(state.height).toBe(DEFAULT_WINDOW_STATE.height);
    expect(state.isMaximized).toBe(false);
    expect(state).not.toHaveProperty('x');
  });
  it('always yields integer sizes within limits and a position only when visible (property)', () => {
    const num = fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.double(), fc.constant(undefined));
    fc.assert(
      fc.property(fc.record({ x: num, y: num, width: num, height: num, isMaximized: fc.anything() }), (raw) => {
        const s = sanitizeWindowState(raw, [laptop, rightMonitor]);
        expect(Number.isInteger(s.width) && s.width >= WINDOW_LIMITS.minWidth && s.width <= 2560).toBe(true);
        expect(Number.isInteger(s.height) && s.height >= WINDOW_LIMITS.minHeight && s.height <= 1400).toBe(true);
        if (s.x !== undefined && s.y !== undefined) {
          const onSome = [laptop, rightMonitor].some((a) => s.y! >= a.y && s.y! < a.y + a.height && s.x! < a.x + a.width && s.x! + s.width > a.x);
          expect(onSome).toBe(true);
        }
      }),
    );
  });
});

describe('load and save', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-window-state-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through the file and leaves no temp file behind', async () => {
    const file = join(dir, 'window-state.json');
    const state = captureWindowState({ x: 40.4, y: 30.6, width: 1000, height: 700 }, true);
    await saveWindowState(file, state);
    await saveWindowState(file, { ...state, isMaximized: false });
    expect(await loadWindowState(file, [laptop])).toEqual({ x: 40, y: 31, width: 1000, height: 700, isMaximized: false });
    expect(await readdir(dir)).toEqual(['window-state.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ width: 1000 });
  });
  it('falls back to the default for a missing, corrupt or oversized file', async () => {
    expect(await loadWindowState(join(dir, 'nope.json'), [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(join(dir, 'bad.json'), '{"width": 9');
    expect(await loadWindowState(join(dir, 'bad.json'), [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(join(dir, 'big.json'), JSON.stringify({ width: 800, height: 600, pad: 'x'.repeat(10_000) }));
    expect(await loadWindowState(join(dir, 'big.json'), [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });
  it('reports a failed write and cleans its temp file', async () => {
    await expect(saveWindowState(join(dir, 'missing-dir', 'state.json'), DEFAULT_WINDOW_STATE)).rejects.toThrow();
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
