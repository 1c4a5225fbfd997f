import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadCachedWordVectors,
  loadWordVectors,
  WORD_DIM,
  WORD_VECTOR_CACHE_FILE,
  wordVectorCacheDir,
  writeCache,
} from './word-vectors.js';

const base = mkdtempSync(join(tmpdir(), 'word-vectors-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const WORDS = ['the', 'robot', 'gripper'];
/** Row r holds r + d / 1000 in dimension d, so a misplaced row or offset shows. */
function rows(): Float32Array {
  const data = new Float32Array(WORDS.length * WORD_DIM);
  for (let r = 0; r < WORDS.length; r++) for (let d = 0; d < WORD_DIM; d++) data[r * WORD_DIM + d] = r + d / 1000;
  return data;
}

/** A prebuilt cache as `npm run build:vectors` lays it out, in a fresh folder standing for the app's resources. */
function shippedCache(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir);
  writeCache(join(dir, WORD_VECTOR_CACHE_FILE), WORDS, rows());
  return dir;
}

describe('prebuilt word-vector cache', () => {
  it('is used when whole: loaded as shipped, nothing made in the per-user dir', () => {
    const prebuilt = shippedCache('resources-whole');
    const userDir = join(base, 'user-whole', 'models');
    const dir = wordVectorCacheDir(userDir, prebuilt);
    expect(dir).toBe(prebuilt);

    const wv = loadCachedWordVectors(dir);
    expect(wv).not.toBeNull();
    expect(wv!.index.get('robot')).toBe(1);
    expect(wv!.data.length).toBe(WORDS.length * WORD_DIM);
    expect(wv!.data[1 * WORD_DIM + 7]).toBeCloseTo(1.007, 5);
    expect(wv!.data[2 * WORD_DIM + 99]).toBeCloseTo(2.099, 5);
    expect(loadWordVectors(dir)).toBe(wv);
    expect(existsSync(userDir)).toBe(false);
    expect(readdirSync(prebuilt)).toEqual([WORD_VECTOR_CACHE_FILE]);
  });

  it('is passed over when missing, absent or cut short, so the per-user cache is used as before', () => {
    const userDir = join(base, 'user-fallback', 'models');
    expect(wordVectorCacheDir(userDir)).toBe(userDir);
    expect(wordVectorCacheDir(userDir, join(base, 'no-such-resources'))).toBe(userDir);

    const cut = shippedCache('resources-cut');
    truncateSync(join(cut, WORD_VECTOR_CACHE_FILE), 4 + 'the\nrobot\ngripper'.length + 1 + WORD_DIM * 4);
    expect(wordVectorCacheDir(userDir, cut)).toBe(userDir);

    const headerOnly = shippedCache('resources-header');
    truncateSync(join(headerOnly, WORD_VECTOR_CACHE_FILE), 2);
    expect(wordVectorCacheDir(userDir, headerOnly)).toBe(userDir);
  });
});
