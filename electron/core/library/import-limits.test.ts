import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, importLimits } from './import-limits.js';

describe('import limits', () => {
  it('defaults to a 5 MB file cap, which READER_MAX_CHAPTER_BYTES and then an explicit option override', () => {
    expect(importLimits({}, {}).maxFileBytes).toBe(5 * 1024 * 1024);
    expect(importLimits({}, { READER_MAX_CHAPTER_BYTES: '1000' }).maxFileBytes).toBe(1000);
    expect(importLimits({ maxFileBytes: 7 }, { READER_MAX_CHAPTER_BYTES: '1000' })).toEqual({ ...DEFAULT_IMPORT_LIMITS, maxFileBytes: 7 });
  });

  it('refuses a READER_MAX_CHAPTER_BYTES that is not a positive whole number, naming the variable', () => {
    for (const bad of ['abc', '-5', '1.5', '1e12']) expect(() => importLimits({}, { READER_MAX_CHAPTER_BYTES: bad })).toThrow(/READER_MAX_CHAPTER_BYTES/);
  });
});
