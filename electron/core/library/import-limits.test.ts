import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, importLimits } from './import-limits.js';

describe('import limits', () => {
  it('defaults to a 5 MB file cap, which the configured maximum and then an explicit option override', () => {
    expect(importLimits({}, { maxChapterBytes: undefined }).maxFileBytes).toBe(5 * 1024 * 1024);
    expect(importLimits({}, { maxChapterBytes: 1000 }).maxFileBytes).toBe(1000);
    expect(importLimits({ maxFileBytes: 7 }, { maxChapterBytes: 1000 })).toEqual({ ...DEFAULT_IMPORT_LIMITS, maxFileBytes: 7 });
  });
});
