/**
 * Remembers the main window's size, position and maximized state in a small JSON file in userData. Written to a
 * temp file then renamed, so a crash never leaves a half-written file; restored bounds are clamped so the window
 * always lands on a display that still exists.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_SIZE = { width: 1200, height: 820 };
export const MIN_SIZE = { width: 480, height: 360 };
/** How much of the title bar must stay on a display for the window to count as reachable. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

function centeredIn(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return {
    x: Math.round(area.x + (area.width - w) / 2),
    y: Math.round(area.y + (area.height - h) / 2),
    width: w,
    height: h,
  };
}

/**
 * Bounds to open the window with. Saved bounds are kept when their top strip is visible on some display's work
 * area (shrunk to fit that display if larger); otherwise, or without saved bounds, the window is centered on the
 * primary display (the first work area).
 */
export function clampBounds(saved: Rect | null, workAreas: Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return centeredIn(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
  const width = Math.max(MIN_SIZE.width, saved.width);
  const height = Math.max(MIN_SIZE.height, saved.height);
  const titleBar: Rect = { x: saved.x, y: saved.y, width, height: Math.min(height, MIN_VISIBLE) };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.w >= Math.min(MIN_VISIBLE, width) && o.h > 0;
  });
  if (!home) return centeredIn(primary, width, height);
  const w = Math.min(width, home.width);
  const h = Math.min(height, home.height);
  // Pull the window fully inside the display it is on when it sticks out.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - w);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - h);
  return { x, y, width: w, height: h };
}

/** The saved state, or null when the file is missing or not a valid state (a fresh start is the right answer). */
export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Synchronous on purpose: the last save happens while the window closes and the app may exit right after, and the
 * file is a few bytes.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const data = JSON.stringify(WindowStateSchema.parse(state));
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, data, { encoding: 'utf8', flush: true });
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
