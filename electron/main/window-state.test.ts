import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clampBounds, DEFAULT_SIZE, loadWindowState, saveWindowState } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('clampBounds', () => {
  it('centers the default size on the primary display when nothing was saved', () => {
    const b = clampBounds(null, [laptop]);
    expect(b).toEqual({ x: 120, y: 25, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });
  it('keeps bounds that are fully visible, on any display', () => {
    const onMonitor = { x: 2000, y: 100, width: 1000, height: 800 };
    expect(clampBounds(onMonitor, [laptop, monitorRight])).toEqual(onMonitor);
  });
  it('moves a window whose display is gone back onto the primary display', () => {
    const b = clampBounds({ x: 2000, y: 100, width: 1000, height: 800 }, [laptop]);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(laptop.width);
    expect(b.y + b.height).toBeLessThanOrEqual(laptop.height);
  });
  it('shrinks a window larger than its display and pulls a half-hidden one inside', () => {
    expect(clampBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual(laptop);
    const b = clampBounds({ x: 1000, y: 500, width: 800, height: 600 }, [laptop]);
    expect(b).toEqual({ x: 640, y: 270, width: 800, height: 600 });
  });
  it('enforces a minimum size', () => {
    const b = clampBounds({ x: 10, y: 10, width: 5, height: 5 }, [laptop]);
    expect(b.width).toBeGreaterThanOrEqual(480);
    expect(b.height).toBeGreaterThanOrEqual(360);
  });
});

describe('window state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'window-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('round-trips and leaves no temp files behind', async () => {
    const file = join(dir, 'window-state.json');
    const state = { x: 5, y: 6, width: 900, height: 700, maximized: true };
    saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    expect(await readdir(dir)).toEqual(['window-state.json']);
  });
  it('treats a missing, corrupt or wrongly shaped file as no state', async () => {
    expect(await loadWindowState(join(dir, 'missing.json'))).toBeNull();
    await writeFile(join(dir, 'corrupt.json'), '{"x": 1, "y":');
    expect(await loadWindowState(join(dir, 'corrupt.json'))).toBeNull();
    await writeFile(join(dir, 'shape.json'), JSON.stringify({ x: 1, y: 2, width: -3, height: 4, maximized: false }));
    expect(await loadWindowState(join(dir, 'shape.json'))).toBeNull();
  });
  it('refuses to write an invalid state and keeps the previous file', async () => {
    const file = join(dir, 'keep.json');
    saveWindowState(file, { x: 1, y: 1, width: 800, height: 600, maximized: false });
    expect(() => saveWindowState(file, { x: 1, y: 1, width: Number.NaN, height: 600, maximized: false })).toThrow();
    expect(JSON.parse(await readFile(file, 'utf8')).width).toBe(800);
  });
});
