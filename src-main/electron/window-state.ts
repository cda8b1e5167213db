/** Remembered window bounds: sanitized on load (a hand-edited or stale file never hides the window), written atomically. */
import { writeFileAtomic } from '../files/atomic-file';
import { readFileBounded } from '../files/bounded-file';

/** A rectangle in screen coordinates (Electron's Rectangle shape). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What we remember: the normal (un-maximized) bounds, or only a size when the position is unknown. */
export interface WindowState {
  readonly width: number;
  readonly height: number;
  readonly x?: number;
  readonly y?: number;
  readonly isMaximized: boolean;
}

/** Size limits of the main window (also its minimum size). */
export const WINDOW_LIMITS = { minWidth: 720, minHeight: 520, maxSide: 16_384 } as const;
/** The size used the first time, or when the file is unusable. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1180, height: 820, isMaximized: false };
/** Largest state file we read (it holds five numbers). */
export const MAX_STATE_FILE_BYTES = 4096;
/** How much of the title bar must lie on some display for a saved position to be kept. */
const MIN_VISIBLE = 64;

function toInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Pure: turns anything read from disk into a usable state for the given display work areas. Sizes are
 * clamped to the limits and to the largest display; a position is kept only when a strip of the title
 * bar is visible on some display (a monitor unplugged since the last run drops it, and the OS centres).
 */
export function sanitizeWindowState(raw: unknown, workAreas: readonly Rect[]): WindowState {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return DEFAULT_WINDOW_STATE;
  const r = raw as Record<string, unknown>;
  const maxW = Math.max(WINDOW_LIMITS.minWidth, ...workAreas.map((a) => a.width).filter((n) => n > 0), 0);
  const maxH = Math.max(WINDOW_LIMITS.minHeight, ...workAreas.map((a) => a.height).filter((n) => n > 0), 0);
  const w = toInt(r['width']);
  const h = toInt(r['height']);
  const width = clamp(w ?? DEFAULT_WINDOW_STATE.width, WINDOW_LIMITS.minWidth, Math.min(maxW, WINDOW_LIMITS.maxSide));
  const height = clamp(h ?? DEFAULT_WINDOW_STATE.height, WINDOW_LIMITS.minHeight, Math.min(maxH, WINDOW_LIMITS.maxSide));
  const isMaximized = r['isMaximized'] === true;
  const x = toInt(r['x']);
  const y = toInt(r['y']);
  if (x === null || y === null) return { width, height, isMaximized };
  const isVisible = workAreas.some((a) => overlap(x, x + width, a.x, a.x + a.width) >= Math.min(MIN_VISIBLE, width) && y >= a.y && y + MIN_VISIBLE / 2 <= a.y + a.height);
  return isVisible ? { width, height, x, y, isMaximized } : { width, height, isMaximized };
}

/** Pure: the state to store for a window's normal bounds and maximized flag. */
export function captureWindowState(normalBounds: Rect, isMaximized: boolean): WindowState {
  return { x: Math.round(normalBounds.x), y: Math.round(normalBounds.y), width: Math.round(normalBounds.width), height: Math.round(normalBounds.height), isMaximized };
}

/** Reads and sanitizes the state file; a missing, oversized or corrupt file gives the default state. */
export async function loadWindowState(file: string, workAreas: readonly Rect[]): Promise<WindowState> {
  const read = await readFileBounded(file, MAX_STATE_FILE_BYTES, { noFollow: true });
  if (!read.ok) return sanitizeWindowState(null, workAreas);
  try {
    return sanitizeWindowState(JSON.parse(read.bytes.toString('utf8')) as unknown, workAreas);
  } catch {
    return sanitizeWindowState(null, workAreas);
  }
}

/** Writes the state atomically: a private temp file beside it, then a rename over the old one. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(state));
}
