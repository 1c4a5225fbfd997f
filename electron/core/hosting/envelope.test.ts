import { describe, expect, it } from 'vitest';
import { methods, ReaderError } from '../contract';
import { failure, INTERNAL_MESSAGE, success } from './envelope';

describe('ipc envelope', () => {
  it('passes ReaderError code and message through', () => {
    expect(failure(new ReaderError('not_found', 'No such chapter'))).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such chapter' },
    });
  });
  it('reports schema failures as invalid_input naming the field', () => {
    const parsed = methods.openChapter.input.safeParse({ bookId: '', chapterId: 'c' });
    expect(parsed.success).toBe(false);
    const env = failure(parsed.error);
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(env.ok ? '' : env.error.message).toContain('bookId');
  });
  it('hides the details of unexpected errors', () => {
    expect(failure(new Error('SQLITE_CORRUPT at /home/me/secret'))).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
    expect(success([1])).toEqual({ ok: true, value: [1] });
  });
});
