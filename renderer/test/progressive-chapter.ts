/**
 * For tests of chapters that go in progressively (components/progressive-fill.ts) under happy-dom, which lays
 * nothing out: a long chapter, a window the first part fills, and every part a cutter hands out.
 */
import type { TopLevelParts } from '../src/components/html-parts.js';

/** 400 sections: far more markup than one part, so such a chapter always goes in in several. */
export const LONG_CHAPTER_HTML = Array.from(
  { length: 400 },
  (_, i) => `<h2 id="s${i}">Section ${i}</h2><p>${'Gyroscopes drift over time. '.repeat(20)}</p>`,
).join('');

/**
 * Makes the window 0 px high, so the first part fills it and the rest waits for a frame (with happy-dom's real
 * height nothing ever fills it and every chapter goes in whole). Returns what puts the height back.
 */
export function windowFilledByFirstPart(): () => void {
  const height = window.innerHeight;
  Object.defineProperty(window, 'innerHeight', { value: 0, configurable: true });
  return () => {
    Object.defineProperty(window, 'innerHeight', { value: height, configurable: true });
  };
}

/** Every part, asked for one by one. */
export function allParts(parts: TopLevelParts): string[] {
  const out: string[] = [];
  for (let part = parts.next(); part !== undefined; part = parts.next()) out.push(part);
  return out;
}
