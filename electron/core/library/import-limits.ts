/**
 * Limits on what importing an untrusted book may cost: the largest source file read, and the time and memory its
 * planning and each chapter's rendering may take (they run on worker threads, see isolated-worker.ts).
 */
import { z } from 'zod';
import { desktopConfig, type DesktopConfig } from '../config/desktop-config.js';

const MB = 1024 * 1024;

export const ImportLimitsSchema = z.object({
  /** Largest source file (chapter, sidebar, toctree, config) read; bigger ones are skipped before reading. */
  maxFileBytes: z.number().int().positive(),
  /** Time for reading the folder and working out the chapter order. */
  planTimeoutMs: z.number().int().positive(),
  /** Time for rendering one chapter; a slower chapter is marked failed. */
  chapterTimeoutMs: z.number().int().positive(),
  /** Heap cap of each import worker; a chapter that needs more is marked failed. */
  workerHeapMb: z.number().int().min(64),
});
export type ImportLimits = z.infer<typeof ImportLimitsSchema>;

// 5 MB is far above any real chapter (d2l-en's largest is ~0.1 MB) and far below what hangs the parser.
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxFileBytes: 5 * MB, planTimeoutMs: 120_000, chapterTimeoutMs: 30_000, workerHeapMb: 1024 };

/** Defaults, then the configured `READER_MAX_CHAPTER_BYTES` (config/desktop-config.ts), then explicit overrides. */
export function importLimits(overrides: Partial<ImportLimits> = {}, config: Pick<DesktopConfig, 'maxChapterBytes'> = desktopConfig()): ImportLimits {
  const fromConfig = config.maxChapterBytes;
  return ImportLimitsSchema.parse({ ...DEFAULT_IMPORT_LIMITS, ...(fromConfig ? { maxFileBytes: fromConfig } : {}), ...overrides });
}
