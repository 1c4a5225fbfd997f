import { describe, expect, it } from 'vitest';
import { methods, ReaderError, SerializedErrorSchema } from '../contract.js';
import { failure, INTERNAL_MESSAGE, success } from './envelope.js';
import { createLogger } from '../logging/logger.js';

describe('ipc envelope', () => {
  it('passes ReaderError code, message and details through', () => {
    const err = new ReaderError('rate_limited', 'Too many requests.', { retryAfterSeconds: 30, kind: 'rate_limited' });
    expect(failure(err, 'test')).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Too many requests.', details: { retryAfterSeconds: 30, kind: 'rate_limited' } },
    });
  });
  it('keeps only the known detail keys, so nothing else rides along to the page', () => {
    const err = new ReaderError('not_found', 'No such chapter', { chapterId: 'c1', token: 'secret' } as never);
    const { error } = failure(err, 'test');
    expect(error.details).toEqual({ chapterId: 'c1' });
    expect(SerializedErrorSchema.parse(error)).toEqual(error);
  });
  it('reports schema failures as invalid_input naming the field', () => {
    const parsed = methods.openChapter.input.safeParse({ bookId: '', chapterId: 'c' });
    expect(parsed.success).toBe(false);
    const { error } = failure(parsed.error, 'test');
    expect(error).toMatchObject({ code: 'invalid_input', details: { field: 'bookId' } });
    expect(error.message).toContain('bookId');
  });
  it('hides the details of unexpected errors and logs them', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', sinks: [(line) => lines.push(line)] })('ipc');
    expect(failure(new Error('SQLITE_CORRUPT at /home/me/secret'), 'openChapter', log)).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE, details: {} },
    });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'error', scope: 'ipc', msg: 'openChapter failed', error: expect.objectContaining({ message: 'SQLITE_CORRUPT at /home/me/secret' }) }),
    ]);
    expect(success([1])).toEqual({ ok: true, value: [1] });
  });
});
